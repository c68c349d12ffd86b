// readability.mjs -- the peer for bench/extract.sh: @mozilla/readability on linkedom.
// The npm packages live outside the repository (NG_PEERS, default /work/peers/node_modules).
//   node readability.mjs wcxb SPLIT_DIR OUT.json        -> {"NNNN": {articleBody, headline, author, datePublished}}
//                                                          and OUT.timing.json (pages per CPU second:
//                                                          process CPU time, which includes the GC threads)
//   node readability.mjs testpages TEST_PAGES_DIR OUT.json -> {"NAME": {title, byline, date}}
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const peers = process.env.NG_PEERS || '/work/peers/node_modules';
const require = createRequire(path.join(peers, 'x.js'));
const { Readability } = require('@mozilla/readability');
const { parseHTML } = require('linkedom');

function extract(html, url) {
  const { document } = parseHTML(html);
  try {
    if (url && document.documentURI === undefined) document.documentURI = url;
  } catch (e) { /* read-only in some versions */ }
  const r = new Readability(document).parse();
  return r || {};
}

const [mode, dir, out] = process.argv.slice(2);
const res = {};
if (mode === 'wcxb') {
  const htmlDir = path.join(dir, 'html');
  const files = fs.readdirSync(htmlDir).filter(f => f.endsWith('.html.gz')).sort();
  const pages = files.map(f => ({ id: f.slice(0, -8), html: zlib.gunzipSync(fs.readFileSync(path.join(htmlDir, f))).toString('utf8') }));
  let busy = 0;
  for (const p of pages) {
    const t0 = process.cpuUsage();
    let r = {};
    try { r = extract(p.html); } catch (e) { r = {}; }
    const dt = process.cpuUsage(t0);
    busy += (dt.user + dt.system) / 1e6;
    res[p.id] = { articleBody: r.textContent || '', headline: r.title || null, author: r.byline || null, datePublished: r.publishedTime || null };
  }
  fs.writeFileSync(out, JSON.stringify(res));
  const timing = { pages: pages.length, seconds: busy, pages_per_s: pages.length / busy };
  fs.writeFileSync(out.replace(/\.json$/, '') + '.timing.json', JSON.stringify(timing));
  console.log(`readability: ${pages.length} pages, ${busy.toFixed(2)} CPU s: ${(pages.length / busy).toFixed(1)} pages/s`);
} else if (mode === 'testpages') {
  for (const name of fs.readdirSync(dir).sort()) {
    const src = path.join(dir, name, 'source.html');
    if (!fs.existsSync(src)) continue;
    let r = {};
    try { r = extract(fs.readFileSync(src, 'utf8')); } catch (e) { r = {}; }
    res[name] = { title: r.title || null, byline: r.byline || null, date: r.publishedTime || null };
  }
  fs.writeFileSync(out, JSON.stringify(res));
} else {
  console.error('usage: node readability.mjs wcxb|testpages DIR OUT.json');
  process.exit(2);
}

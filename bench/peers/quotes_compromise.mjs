// quotes_compromise.mjs -- the peer for bench/quotes.sh: compromise's quotations()
// (npm, outside the repository: NG_PEERS, default /work/peers/node_modules), which
// finds the text between quotation marks; it names no speaker, cue or reported speech.
//   node quotes_compromise.mjs TEXT_DIR OUT.jsonl
// OUT.jsonl has bench/quotes_score.py's format (what ng_bench quotes writes): one
// line per article, {"id","text","quotes":[[start,end,"direct",-1,-1,-1,-1,-1,-1,-1]]}
// with byte offsets into the file's text. Prints articles per CPU second of the
// look-up (nlp() and quotations() per article, module load and file reading
// excluded; process CPU time, which includes the GC threads) to stdout.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const peers = process.env.NG_PEERS || '/work/peers/node_modules';
const require = createRequire(path.join(peers, 'x.js'));
const mod = require('compromise');
const nlp = mod.default || mod;

const [dir, out] = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

// one pass at least, and passes until two CPU seconds have gone
let spans = [];
let rounds = 0;
const c0 = process.cpuUsage();
let cpu = 0;
do {
  spans = texts.map((t) => nlp(t).quotations().json({ offset: true }));
  rounds++;
  const c = process.cpuUsage(c0);
  cpu = (c.user + c.system) / 1e6;
} while (cpu < 2);

// compromise's offsets count UTF-16 code units: to bytes of the UTF-8 text
function byteOffsets(t) {
  const map = new Uint32Array(t.length + 1);
  let b = 0;
  for (let i = 0; i < t.length; i++) {
    map[i] = b;
    const c = t.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c < 0xdc00) b += 4, map[++i] = b; /* a surrogate pair */
    else b += 3;
  }
  map[t.length] = b;
  return map;
}

// compromise's offsets drift from the text by a character or more (seen on
// PolNeAR: "personal messages.” " for “personal messages.”), so each quotation is
// placed where its own text occurs, searching on from the previous one; the
// offset only when the text is not found as it is
let placed = 0, total = 0;
const lines = files.map((f, k) => {
  const t = texts[k];
  const m = byteOffsets(t);
  let from = 0;
  const quotes = [];
  for (const j of spans[k]) {
    const o = j.offset;
    if (!o || !(o.length > 0)) continue;
    total++;
    let s = j.text ? t.indexOf(j.text, from) : -1;
    let e;
    if (s >= 0) {
      e = s + j.text.length;
      from = e;
      placed++;
    } else {
      s = o.start;
      e = Math.min(o.start + o.length, t.length);
    }
    quotes.push([m[s], m[e], 'direct', -1, -1, -1, -1, -1, -1, -1]);
  }
  return JSON.stringify({ id: path.join(dir, f), text: t, quotes });
});
fs.writeFileSync(out, lines.join('\n') + '\n');
const n = texts.length * rounds;
console.log(`compromise quotations(): ${texts.length} articles x ${rounds} rounds in ${cpu.toFixed(2)} s CPU: ` +
            `${Math.round(n / cpu)} articles/s (${placed} of ${total} quotations placed by their text)`);

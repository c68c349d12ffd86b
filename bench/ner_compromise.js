// ner_compromise.js -- runs compromise (npm, under /work/peers) over sentences,
// one per line, and prints a JSON list of [start, end, TYPE] character spans per
// sentence (people -> PER, places -> LOC, organizations -> ORG; compromise has
// no MISC). The tagging time (module load excluded) goes to stderr.
//   usage: node ner_compromise.js PEERS_DIR SENTENCES > spans.json
const fs = require('fs');
const path = require('path');
const mod = require(path.join(process.argv[2], 'node_modules', 'compromise'));
const nlp = mod.default || mod;
const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.length);
let ntok = 0;
const t0 = process.hrtime.bigint();
const out = lines.map((l) => {
	ntok += l.split(' ').length;
	const doc = nlp(l);
	const spans = [];
	for (const [m, ty] of [[doc.people(), 'PER'], [doc.places(), 'LOC'], [doc.organizations(), 'ORG']]) {
		for (const j of m.json({offset: true})) {
			const o = j.offset;
			if (o) spans.push([o.start, o.start + o.length, ty]);
		}
	}
	return spans;
});
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(JSON.stringify(out));
process.stderr.write(`compromise: ${ntok} tokens in ${secs.toFixed(2)} s: ${Math.round(ntok / secs)} tokens/s\n`);

#!/bin/sh
# Language detection, two Debian-packaged detectors side by side (issue 28): CLD2 (libcld2-dev,
# C++) and libexttextcat (libexttextcat-dev, C), on the texts newsgraph extracts from
#   - WCXB dev pages whose <html lang> declares a language (the metadata gives none),
#   - the readability test pages with <html lang> (the only many-language set here),
#   - Wikinews 2019+2020 (English).
# Texts are cut to 16 KiB. Prints accuracy against the declared language and MB/s (CPU).
# usage: bench/langid/run.sh BUILD_DIR SHARED_DIR   (needs libcld2-dev libexttextcat-dev g++)
set -eu
B=$1; S=$2; D=$(dirname "$0"); T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
g++ -O2 -o "$T/cld2" "$D/cld2_run.cc" -lcld2
gcc -O2 -o "$T/tc" "$D/textcat_run.c" -I/usr/include/libexttextcat -lexttextcat-2.0
"$B/newsgraph" annotate -q -j 2 --stages extract "$S/data/extract/wcxb/dev/html" -o "$T/wcxb.jsonl" || true
python3 - "$T" "$S" "$B/newsgraph" <<'PY'
import sys, os, re, json, gzip, csv, subprocess
t, s, ng = sys.argv[1:4]
csv.field_size_limit(1 << 30)
lang_re = re.compile(r'<html[^>]*\slang\s*=\s*["\']?([A-Za-z]{2,3})', re.I)
sets = {'wcxb': [], 'rtp': [], 'wikinews': []}
for l in open(os.path.join(t, 'wcxb.jsonl')):
    d = json.loads(l)
    m = lang_re.search(gzip.open(d['id'], 'rb').read(20000).decode('utf-8', 'ignore'))
    if m and d['text'].strip():
        sets['wcxb'].append((m.group(1).lower(), d['text']))
base = os.path.join(s, 'data/extract/readability-testpages/test/test-pages')
for p in sorted(os.listdir(base)):
    f = os.path.join(base, p, 'source.html')
    m = lang_re.search(open(f, 'rb').read(30000).decode('utf-8', 'ignore')) if os.path.exists(f) else None
    if not m:
        continue
    out = subprocess.run([ng, 'annotate', '-q', '--stages', 'extract', f], capture_output=True).stdout
    if out and len(json.loads(out)['text'].strip()) >= 50:
        sets['rtp'].append((m.group(1).lower(), json.loads(out)['text']))
for y in (2019, 2020):
    rows = list(csv.reader(open(os.path.join(s, 'data/corpora/wikinews/data/wikinews_%d.csv' % y), encoding='utf-8')))
    sets['wikinews'] += [('en', r[3]) for r in rows[1:]]
for name, rs in sets.items():
    with open(os.path.join(t, name + '.txt'), 'wb') as f:
        for _, x in rs:
            f.write(x.encode()[:16384].decode('utf-8', 'ignore').encode() + b'\0')
    open(os.path.join(t, name + '.labels'), 'w').write('\n'.join(r[0] for r in rs) + '\n')
PY
for c in wcxb rtp wikinews; do
	"$T/cld2" "$T/$c.txt" >"$T/$c.cld2" 2>"$T/$c.cld2.err"
	"$T/tc" "$T/$c.txt" >"$T/$c.tc" 2>"$T/$c.tc.err"
	python3 - "$T" "$c" <<'PY'
import sys, re
t, c = sys.argv[1:3]
gold = open('%s/%s.labels' % (t, c)).read().split()
cl = [l.split('\t')[0].split('-')[0] for l in open('%s/%s.cld2' % (t, c)).read().splitlines()]
tc = [(re.match(r'\[([a-z]+)', l).group(1) if l.startswith('[') else l) for l in open('%s/%s.tc' % (t, c)).read().splitlines()]
for name, idx in (('all', range(len(gold))), ('not English', [i for i, g in enumerate(gold) if g != 'en'])):
    idx = list(idx)
    if not idx:
        continue
    a = sum(gold[i] == cl[i] for i in idx) / len(idx)
    b = sum(gold[i] == tc[i] for i in idx) / len(idx)
    print('%-9s %-12s %5d texts: CLD2 %5.1f%%  exttextcat %5.1f%%' % (c, name, len(idx), 100 * a, 100 * b))
PY
	cat "$T/$c.cld2.err" "$T/$c.tc.err"
done

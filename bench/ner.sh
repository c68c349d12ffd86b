#!/bin/sh
# ner.sh -- measures the entity tagger on CoNLL-2003 English dev (eng.valid.txt):
# entity-level exact-match P/R/F1 per type and overall (/work/shared/eval/conll_f1.py,
# conlleval semantics) and tagging speed, side by side with two peers on the
# same sentences:
#   - OpenNLP's name finder (Debian opennlp; maxent, trained here on the same
#     eng.train.txt converted to its <START:type> format; the model is cached);
#   - compromise (npm, under ../peers): people/places/organizations, no MISC.
# Our speed is CPU time of the tagging thread (file reading excluded), best of
# three runs over the dev set repeated 4 times; OpenNLP's is wall time with the
# JVM start-up subtracted; compromise's is measured inside node.
#   usage: bench/ner.sh [BUILD_DIR]       (default: build)
# Environment: NG_SHARED_DIR (default ../shared), NG_PEERS_DIR (default ../peers),
# NG_NER_CACHE (OpenNLP model cache, default ~/.cache/newsgraph), NG_NER_PEERS=0
# to skip the peers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shared=${NG_SHARED_DIR:-$here/../../shared}
peers=${NG_PEERS_DIR:-$here/../../peers}
cache=${NG_NER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsgraph}
conll=$shared/data/ner/conll2003
f1=$shared/eval/conll_f1.py
if [ ! -f "$conll/eng.valid.txt" ] || [ ! -f "$f1" ]; then
	echo "ner.sh: $conll/eng.valid.txt or $f1 not found" >&2
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ntok=$(grep -c -v -e '^$' -e '^-DOCSTART-' "$conll/eng.valid.txt")

echo "== newsgraph (averaged perceptron, data/ner.model)"
"$build/newsgraph" tag-conll "$conll/eng.valid.txt" -o "$out/ng.pred" 2>/dev/null
python3 "$f1" "$out/ng.pred"
for i in 1 2 3 4; do cat "$conll/eng.valid.txt"; done > "$out/dev4.txt"
best=0
for i in 1 2 3; do
	r=$("$build/newsgraph" tag-conll "$out/dev4.txt" -o /dev/null 2>&1 | sed -n 's/.*: \([0-9]*\) tokens\/s.*/\1/p')
	[ "$r" -gt "$best" ] && best=$r
done
echo "speed: $best tokens/s per core (CPU time, best of 3 over $((ntok * 4)) tokens)"

[ "${NG_NER_PEERS:-1}" = 0 ] && exit 0
python3 "$here/ner_peers.py" sentences "$conll/eng.valid.txt" "$out/dev.sents"

echo
echo "== OpenNLP name finder (maxent, trained on eng.train.txt)"
if command -v opennlp >/dev/null 2>&1; then
	sum=$(cksum < "$conll/eng.train.txt" | cut -d' ' -f1)
	model=$cache/opennlp-ner-conll03-$sum.bin
	if [ ! -f "$model" ]; then
		mkdir -p "$cache"
		python3 "$here/ner_peers.py" opennlp-train "$conll/eng.train.txt" "$out/train.onlp"
		echo "training OpenNLP (once; cached in $model) ..."
		nice opennlp TokenNameFinderTrainer -model "$model.tmp" -lang eng -data "$out/train.onlp" \
			-encoding UTF-8 > "$out/onlp-train.log" 2>&1 && mv "$model.tmp" "$model"
	fi
	head -1 "$out/dev.sents" > "$out/one.sents"
	t0=$(date +%s.%N)
	opennlp TokenNameFinder "$model" < "$out/one.sents" > /dev/null 2>&1
	t1=$(date +%s.%N)
	opennlp TokenNameFinder "$model" < "$out/dev.sents" > "$out/onlp.tagged" 2>/dev/null
	t2=$(date +%s.%N)
	python3 "$here/ner_peers.py" opennlp-pred "$conll/eng.valid.txt" "$out/onlp.tagged" > "$out/onlp.pred"
	python3 "$f1" "$out/onlp.pred"
	python3 -c "import sys; s,a,b,n=map(float,sys.argv[1:]); print('speed: %.0f tokens/s (wall, %.1f s JVM start-up subtracted; %.0f tokens/s with it)' % (n/max(b-a-(a-s),1e-9), a-s, n/(b-a)))" "$t0" "$t1" "$t2" "$ntok"
else
	echo "opennlp not installed (apt-get install opennlp): skipped"
fi

echo
echo "== compromise (npm; people/places/organizations, no MISC)"
if [ -d "$peers/node_modules/compromise" ] && command -v node >/dev/null 2>&1; then
	node "$here/ner_compromise.js" "$peers" "$out/dev.sents" > "$out/comp.json" 2> "$out/comp.log"
	python3 "$here/ner_peers.py" compromise-pred "$conll/eng.valid.txt" "$out/comp.json" > "$out/comp.pred"
	python3 "$f1" "$out/comp.pred"
	sed 's/^compromise: /speed: /' "$out/comp.log"
else
	echo "compromise not found under $peers (npm install compromise there): skipped"
fi

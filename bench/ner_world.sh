#!/bin/sh
# ner_world.sh -- the entity tagger on the worldwide check (bench/ner_world/PROTOCOL.md):
# hand-annotated Wikinews news from Asia, Africa, the Middle East and Latin America, rebuilt
# from ../shared at run time; entity-level exact-match F1 (conll_f1.py), OpenNLP side by
# side when installed (the model bench/ner.sh trained and cached).
#   usage: bench/ner_world.sh [BUILD_DIR] [dev|heldout|both]   (default: build, dev)
# The held-out part is scored at the end of a round of work, never while tuning.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
part=${2:-dev}
shared=${NG_SHARED_DIR:-$here/../../shared}
cache=${NG_NER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsgraph}
f1=$shared/eval/conll_f1.py
if [ ! -d "$shared/data/corpora/wikinews/data" ] || [ ! -f "$f1" ]; then
	echo "ner_world.sh: $shared/data/corpora/wikinews or $f1 not found" >&2
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$here/ner_world/world.py" build "$shared" "$out"
case $part in both) parts="dev heldout" ;; *) parts=$part ;; esac
for p in $parts; do
	echo
	echo "== newsgraph on the worldwide $p set"
	"$build/newsgraph" tag-conll "$out/$p.conll" -o "$out/$p.pred" 2>/dev/null
	python3 "$f1" "$out/$p.pred"
	model=$(ls "$cache"/opennlp-ner-conll03-*.bin 2>/dev/null | head -1 || true)
	if [ "${NG_NER_PEERS:-1}" != 0 ] && command -v opennlp >/dev/null 2>&1 && [ -n "$model" ]; then
		echo "== OpenNLP (model trained by bench/ner.sh) on the worldwide $p set"
		python3 "$here/ner_peers.py" sentences "$out/$p.conll" "$out/$p.sents"
		opennlp TokenNameFinder "$model" < "$out/$p.sents" > "$out/$p.onlp" 2>/dev/null
		python3 "$here/ner_peers.py" opennlp-pred "$out/$p.conll" "$out/$p.onlp" > "$out/$p.onlp.pred"
		python3 "$f1" "$out/$p.onlp.pred"
	fi
done

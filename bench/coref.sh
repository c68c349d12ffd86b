#!/bin/bash
# bench/coref.sh -- coreference on the GUM news documents (../shared/data/ner/gum): for person and
# organization mentions (names, partial names, pronouns), the share linked to the right entity, as
# precision and recall of antecedent links (metric: docs/internals/coref.md), and the coref stage's
# speed. Three rows, side by side on the same 12 documents:
#   baseline     oracle entity tags, same text = same entity, no pronouns (for scale)
#   oracle-tags  oracle entity tags (GUM's proper-noun mentions) -> our coref stage
#   end-to-end   newsgraph annotate --stages extract,segment,entities,coref, i.e. our tagger +
#                our coref
# usage: bench/coref.sh [BUILD_DIR]   (default build/; needs ng_coref_bench and newsgraph built)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
GUM=${NG_SHARED_DIR:-$ROOT/../shared}/data/ner/gum
if [ ! -d "$GUM/dep" ]; then
	echo "coref bench: $GUM not found; skipped"
	exit 77
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
python3 "$ROOT/bench/coref_gum.py" prepare "$GUM" "$OUT"
python3 "$ROOT/bench/coref_gum.py" baseline "$OUT" "$OUT/baseline.jsonl"
python3 "$ROOT/bench/coref_gum.py" score "$OUT/gold.json" "$OUT/baseline.jsonl" baseline
"$BUILD/ng_coref_bench" "$OUT/oracle.bench" >"$OUT/oracle.jsonl" 2>"$OUT/speed.txt"
python3 "$ROOT/bench/coref_gum.py" score "$OUT/gold.json" "$OUT/oracle.jsonl" oracle-tags
STAGES=extract,segment,entities,coref
if "$BUILD/newsgraph" annotate -q --stages "$STAGES" "$OUT/docs.jsonl" >"$OUT/e2e.jsonl" 2>"$OUT/e2e.err"; then
	python3 "$ROOT/bench/coref_gum.py" score "$OUT/gold.json" "$OUT/e2e.jsonl" end-to-end
	# whole-pipeline speed on the same documents, repeated 20 times, one thread
	for i in $(seq 20); do cat "$OUT/docs.jsonl"; done >"$OUT/docs20.jsonl"
	t0=$(date +%s.%N)
	"$BUILD/newsgraph" annotate -q -j 1 --stages "$STAGES" "$OUT/docs20.jsonl" >/dev/null
	t1=$(date +%s.%N)
	python3 -c "import sys; n=int(sys.argv[3]); dt=float(sys.argv[2])-float(sys.argv[1]); print(f'pipeline {sys.argv[4]}: {n} documents in {dt:.2f} s: {n/dt:.0f} documents/s (one thread)')" \
		"$t0" "$t1" "$(wc -l <"$OUT/docs20.jsonl")" "$STAGES"
else
	echo "end-to-end: skipped ($(head -c 200 "$OUT/e2e.err"))"
fi
cat "$OUT/speed.txt"

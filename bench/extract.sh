#!/bin/bash
# Extraction benchmark (issue 3), newsgraph and its peer side by side on the same pages:
#  - WCXB dev (../shared/data/extract/wcxb): word P/R/F1 overall and per page type, title/author/date
#    agreement (score_wcxb.py), pages/s on one core including parsing, for newsgraph (ng_wcxb: the
#    extract stage alone, pages decompressed in memory first) and @mozilla/readability on linkedom
#    (npm packages under $NG_PEERS, default /work/peers/node_modules, not in the repository);
#  - Readability's test pages: title/byline/date agreement with their expected metadata.
# usage: bench/extract.sh [BUILD_DIR]    (NG_BENCH_NO_PEER=1 skips the slow peer run on WCXB)
set -eu -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
B=${1:-$ROOT/build}
SHARED=${NG_SHARED:-$ROOT/../shared}
WCXB=$SHARED/data/extract/wcxb
TP=$SHARED/data/extract/readability-testpages/test/test-pages
SCORE=$SHARED/eval/score_wcxb.py
if [ ! -d "$WCXB/dev" ]; then echo "bench/extract.sh: $WCXB/dev not found; skipped"; exit 0; fi
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
PEERS=${NG_PEERS:-/work/peers/node_modules}
have_peer=0
if [ -d "$PEERS/@mozilla/readability" ] && [ -d "$PEERS/linkedom" ] && command -v node >/dev/null; then
	have_peer=1
else
	echo "peer not installed (npm install --prefix $(dirname "$PEERS") @mozilla/readability linkedom); newsgraph only"
fi

echo "== WCXB dev: newsgraph (extract stage, one core)"
"$B/ng_wcxb" "$WCXB/dev" "$OUT/newsgraph.json"
preds=("$OUT/newsgraph.json")
if [ $have_peer = 1 ] && [ -z "${NG_BENCH_NO_PEER:-}" ]; then
	echo "== WCXB dev: readability + linkedom (one core; takes minutes)"
	NG_PEERS=$PEERS node "$HERE/peers/readability.mjs" wcxb "$WCXB/dev" "$OUT/readability.json"
	preds+=("$OUT/readability.json")
fi
echo "== WCXB dev: scores (word F1 averaged over pages; metadata hits / pages with a gold value)"
/usr/bin/python3 "$SCORE" "$WCXB" dev "${preds[@]}" --per-type --timing
if [ ${#preds[@]} -eq 2 ]; then
	/usr/bin/python3 - "$OUT/newsgraph.timing.json" "$OUT/readability.timing.json" <<'PY'
import json, sys
a, b = (json.load(open(p))['pages_per_s'] for p in sys.argv[1:3])
print(f'speed: newsgraph {a:.1f} pages/s, readability+linkedom {b:.1f} pages/s per core: ratio {a / b:.1f}x')
PY
fi

if [ -d "$TP" ]; then
	echo "== Readability test pages: metadata agreement"
	"$B/newsgraph" annotate -q -j 1 --stages extract "$TP"/*/source.html >"$OUT/testpages-newsgraph.jsonl" \
		2>"$OUT/testpages-newsgraph.err" || true
	if [ $have_peer = 1 ]; then
		NG_PEERS=$PEERS node "$HERE/peers/readability.mjs" testpages "$TP" "$OUT/testpages-readability.json"
	else
		echo '{}' >"$OUT/testpages-readability.json"
	fi
	/usr/bin/python3 "$HERE/extract_testpages.py" "$TP" "$OUT/testpages-newsgraph.jsonl" \
		"$OUT/testpages-readability.json"
fi

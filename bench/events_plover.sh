#!/bin/bash
# The event coder's figures in one run (issue 22):
#  1. PLOVER gold standard records, dev half (../shared/data/events/plover-gsr, scored with
#     ../shared/eval/score_plover.py): type accuracy, type+actors accuracy, every-predicted-type-right.
#  2. Real news: precision and recall against the hand judgements of bench/events_news (PROTOCOL.md),
#     dev split (TEST=1 also scores the held-out split: only at the end of a piece of work).
#  3. PETRARCH2 validation records and 4. speed of the events stage (CPU, one core): bench/events.sh
#     parts 1-2 (set FAST=1 to skip them).
# usage: bench/events_plover.sh [BUILD_DIR]     (NG_SHARED: the shared data directory, default ../shared)
set -eu -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
B=${1:-$ROOT/build}
SHARED=${NG_SHARED:-$ROOT/../shared}
PY=/usr/bin/python3
GSR=$SHARED/data/events/plover-gsr/plover-gsr-dev.json
if [ ! -f "$GSR" ]; then
	echo "bench/events_plover.sh: $GSR not found; skipped"
	exit 0
fi
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
echo "== PLOVER GSR dev ($GSR)"
$PY "$SHARED/eval/score_plover.py" "$GSR" make-input >"$OUT/gsr-in.jsonl"
"$B/newsgraph" annotate -q -j1 "$OUT/gsr-in.jsonl" >"$OUT/gsr-out.jsonl"
$PY "$SHARED/eval/score_plover.py" "$GSR" "$OUT/gsr-out.jsonl" | tee "$OUT/gsr-score.json" |
	$PY -c 'import json,sys; d=json.load(sys.stdin); print("records %d  type %.3f  type+actors %.3f  every-predicted-type-right %.3f" % (d["records"], d["type_acc"], d["type+actors_acc"], d["only_gold_type"])); print("per type:", " ".join(f"{k} {v}" for k, v in d["per_type"].items()))'

WN=$SHARED/data/corpora/wikinews/data
J=$HERE/events_news/judgements.tsv
if [ -d "$WN" ]; then
	echo "== real news: Wikinews hand judgements ($J)"
	[ -f "$OUT/wikinews.jsonl" ] || $PY "$HERE/wikinews2jsonl.py" "$OUT/wikinews.jsonl" "$WN"/*.csv
	ids=$(grep -v '^#' "$J" | cut -f1 | sort -u | tr '\n' ' ')
	$PY -c 'import json,sys; ids=set(sys.argv[2].split()); [sys.stdout.write(l) for l in open(sys.argv[1]) if json.loads(l)["id"] in ids]' \
		"$OUT/wikinews.jsonl" "$ids" >"$OUT/news-in.jsonl"
	"$B/newsgraph" annotate -q -j1 "$OUT/news-in.jsonl" >"$OUT/news-out.jsonl"
	$PY "$HERE/events_news/score.py" "$J" "$OUT/news-out.jsonl" dev ${VERBOSE:+v}
	[ -z "${TEST:-}" ] || $PY "$HERE/events_news/score.py" "$J" "$OUT/news-out.jsonl" test ${VERBOSE:+v}
fi
if [ -z "${FAST:-}" ]; then
	NG_SHARED=$SHARED bash "$HERE/events.sh" "$B" 2>&1 | sed -n '/^== PETRARCH2/,/^== PLOVER manual/p' | grep -v '^== PLOVER manual'
fi

#!/bin/bash
# Event coder benchmark (issue 6).
#  1. PETRARCH2 validation records (../shared/data/events/petrarch2/validation/
#     PETR.UnitTest.records.xml): each record's sentence text is annotated with
#     the PETR.Validate.* dictionaries (--dictionaries) and the share of records
#     whose set of (source, target, CAMEO) equals the expected set is printed,
#     by category. The file's <Config> elements (PETRARCH options for the
#     records after them) are applied: one run with --petrarch-config per
#     group of records under the same options. Set VERBOSE=1 to list the
#     records coded wrong.
#  2. Speed of the events stage alone after the earlier stages (ng_evbench):
#     CPU time on one core, best of 5 runs (wall time too), on the validation
#     records, and on the Wikinews corpus with our own dictionaries and with
#     the full PETRARCH/Phoenix dictionaries.
# usage: bench/events.sh [BUILD_DIR]
set -eu -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
B=${1:-$ROOT/build}
SHARED=${NG_SHARED:-$ROOT/../shared}
P=$SHARED/data/events/petrarch2
if [ ! -f "$P/validation/PETR.UnitTest.records.xml" ]; then
	echo "bench/events.sh: $P not found; skipped"
	exit 0
fi
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
X=$P/validation/PETR.UnitTest.records.xml
V=$P/dictionaries
VAL=$V/PETR.Validate.verbs.txt,$V/PETR.Validate.actors.txt,$V/PETR.Validate.agents.txt,$V/PETR.Validate.discards.txt

echo "== PETRARCH2 validation records, sentence text, PETR.Validate.* dictionaries"
python3 "$HERE/events.py" records "$X" "$OUT/petr-records.jsonl"
# the file's <Config> elements: one run per group of records under the same options
rm -rf "$OUT/petr-groups" && mkdir -p "$OUT/petr-groups"
: >"$OUT/petr-coded.jsonl"
for g in $(python3 "$HERE/events.py" groups "$X" "$OUT/petr-groups"); do
	"$B/newsgraph" annotate -q -j1 --stages extract,segment,events --dictionaries "$VAL" \
		--petrarch-config "$g.ini" "$g.jsonl" >>"$OUT/petr-coded.jsonl"
done
python3 "$HERE/events.py" score "$X" "$OUT/petr-coded.jsonl" ${VERBOSE:+v}

echo "== speed: the events stage alone, one core"
"$B/ng_evbench" "$OUT/petr-records.jsonl" "$VAL" | sed 's/^/validation records: /'
WN=$SHARED/data/corpora/wikinews/data
if [ -d "$WN" ]; then
	[ -f "$OUT/wikinews.jsonl" ] || python3 "$HERE/wikinews2jsonl.py" "$OUT/wikinews.jsonl" "$WN"/*.csv
	"$B/ng_evbench" "$OUT/wikinews.jsonl" | sed 's/^/wikinews, data\/events: /'
	"$B/ng_evbench" "$OUT/wikinews.jsonl" "$V" | sed 's/^/wikinews, all petrarch2 dictionaries: /'
fi

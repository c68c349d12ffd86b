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
#  3. The PLOVER manual's typed example sentences (../shared/data/events/plover/
#     PLOVER_MANUAL.tex, bench/events_plover.py) coded with data/events.
#  4. Agreement with Phoenix-dictionary coding on Wikinews as a silver reference
#     (bench/events_silver.py): per PLOVER type, Phoenix events we also code
#     (same sentence, type, source and target codes) and ours Phoenix lacks;
#     60 of ours-only events go to bench/out/silver-sample.tsv for reading.
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

PL=$SHARED/data/events/plover/PLOVER_MANUAL.tex
if [ -f "$PL" ]; then
	echo "== PLOVER manual example sentences, data/events dictionaries"
	python3 "$HERE/events_plover.py" extract "$PL" "$ROOT/data/events/cameo-plover.txt" "$OUT/plover-examples.jsonl"
	"$B/newsgraph" annotate -q -j1 "$OUT/plover-examples.jsonl" >"$OUT/plover-coded.jsonl"
	python3 "$HERE/events_plover.py" score "$OUT/plover-examples.jsonl" "$OUT/plover-coded.jsonl" ${VERBOSE:+v}
fi
if [ -f "$OUT/wikinews.jsonl" ]; then
	echo "== Wikinews: agreement with the Phoenix dictionaries' events (silver), per PLOVER type"
	nice "$B/newsgraph" annotate -q -j2 "$OUT/wikinews.jsonl" >"$OUT/wikinews-ours.jsonl"
	nice "$B/newsgraph" annotate -q -j2 --dictionaries "$V" "$OUT/wikinews.jsonl" >"$OUT/wikinews-phoenix.jsonl"
	python3 "$HERE/events_silver.py" "$OUT/wikinews-ours.jsonl" "$OUT/wikinews-phoenix.jsonl" \
		"$OUT/silver-sample.tsv" 60
fi

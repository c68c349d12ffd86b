#!/bin/bash
# Text-stage benchmark (issue 2): throughput of reading JSON Lines, cleaning (UTF-8 repair, NFC),
# tokenizing and sentence splitting, and writing JSON Lines, on the Wikinews corpus and on a
# >= 200 MB corpus made by repeating it. Prints articles/s, MB/s per core and peak RSS, plus the
# segmenter alone (ng_bench) and the cost of reading+writing alone (--stages extract).
# usage: bench/text.sh [BUILD_DIR]        (reads ../shared/data/corpora/wikinews)
set -eu -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
B=${1:-$ROOT/build}
SHARED=${NG_SHARED:-$ROOT/../shared}
WN=$SHARED/data/corpora/wikinews/data
if [ ! -d "$WN" ]; then echo "bench/text.sh: $WN not found; skipped"; exit 0; fi
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
python3 "$HERE/wikinews2jsonl.py" "$OUT/wikinews.jsonl" "$WN"/*.csv
python3 "$HERE/wikinews2jsonl.py" "$OUT/wikinews-200mb.jsonl" "$WN"/*.csv --min-mb 200

run() { # label file stages threads
	local label=$1 file=$2 stages=$3 j=$4
	local mb articles t0 t1 rss
	mb=$(stat -c %s "$file")
	articles=$(wc -l <"$file")
	t0=$(date +%s.%N)
	/usr/bin/time -f %M -o "$OUT/rss" "$B/newsgraph" annotate -q -j "$j" --stages "$stages" "$file" -o "$OUT/out.jsonl"
	t1=$(date +%s.%N)
	rss=$(cat "$OUT/rss")
	python3 - "$label" "$mb" "$articles" "$t0" "$t1" "$rss" "$j" <<'PY'
import sys
label, size, n, t0, t1, rss, j = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
dt = t1 - t0
print(f"{label:44s} {n:7d} articles {size/1e6:7.1f} MB {dt:6.2f} s  {n/dt:9.0f} articles/s  "
      f"{size/1e6/dt:6.1f} MB/s  {size/1e6/dt/j:6.1f} MB/s/core  peak RSS {rss/1024:6.1f} MB")
PY
}
echo "== newsgraph annotate (read JSONL, clean, segment, write JSONL)"
run "wikinews, -j1, extract+segment" "$OUT/wikinews.jsonl" extract,segment 1
run "wikinews x N (>=200 MB), -j1, extract only" "$OUT/wikinews-200mb.jsonl" extract 1
run "wikinews x N (>=200 MB), -j1, extract+segment" "$OUT/wikinews-200mb.jsonl" extract,segment 1
run "wikinews x N (>=200 MB), -j2, extract+segment" "$OUT/wikinews-200mb.jsonl" extract,segment 2
echo "== segmenter + tokenizer alone, in memory (one core)"
"$B/ng_bench" segment "$OUT/wikinews.jsonl"
rm -f "$OUT/out.jsonl" "$OUT/rss"

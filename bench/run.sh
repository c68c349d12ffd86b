#!/bin/bash
# bench/run.sh -- `make bench`: runs every benchmark once and rewrites docs/results.md with the
# current figure of each, its command and the date (bench/results.py reads the outputs).
# Each benchmark's output goes to bench/out/NAME.log. A benchmark whose data is absent
# (../shared/data, see /work/shared/data/README.md) is skipped and its figures in
# docs/results.md are kept with their old date; peers (node packages under ../peers) are
# optional and skipped by the benchmarks themselves when not installed.
# usage: bench/run.sh [BUILD_DIR] [NAME...]   (default: build, every benchmark; list: bench/README.md)
# Environment: NG_SHARED (default ../shared), NG_BENCH_NO_PEER=1 skips the slow peer runs.
# Takes about 10 minutes on the 2-core machine, most of it bench/store.sh; run it alone, with nice.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
B=$(cd "${1:-$ROOT/build}" && pwd) || exit 2
shift $(($# > 0 ? 1 : 0))
export NG_SHARED=${NG_SHARED:-$ROOT/../shared}
export NG_SHARED_DIR=${NG_SHARED_DIR:-$NG_SHARED}
OUT=$ROOT/bench/out
mkdir -p "$OUT"

# name | command (run from the checkout's root; $B is the build directory)
BENCHES=(
	"sentences|python3 bench/sentences.py $B/ng_bench $NG_SHARED"
	"text|bash bench/text.sh $B"
	"extract|bash bench/extract.sh $B"
	"syntax|bash bench/syntax.sh $B"
	"ner|sh bench/ner.sh $B"
	"coref|bash bench/coref.sh $B"
	"quotes|sh bench/quotes.sh $B dev"
	"events|bash bench/events.sh $B"
	"events_plover|env FAST=1 bash bench/events_plover.sh $B"
	"warc|sh bench/warc.sh $B"
	"store|bash bench/store.sh $B"
)

want() { # want NAME: true when NAME was asked for (or nothing was)
	[ ${#SELECTED[@]} -eq 0 ] && return 0
	for s in "${SELECTED[@]}"; do [ "$s" = "$1" ] && return 0; done
	return 1
}
SELECTED=("$@")
ran=()
if [ ! -d "$NG_SHARED/data" ]; then
	echo "bench/run.sh: $NG_SHARED/data not found: every benchmark needs it; docs/results.md kept as it is"
	exit 0
fi
cd "$ROOT" || exit 2
for entry in "${BENCHES[@]}"; do
	name=${entry%%|*}
	cmd=${entry#*|}
	want "$name" || continue
	echo "== $name: $cmd"
	start=$(date +%s)
	load=$(cut -d' ' -f1 /proc/loadavg)
	# shellcheck disable=SC2086  # the command is a word list
	nice $cmd >"$OUT/$name.log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	shown=${cmd//$B/BUILD}
	shown=${shown//$NG_SHARED/../shared}
	printf 'command: %s\nrc: %d\nseconds: %d\ndate: %s\nload: %s\n' "$shown" "$rc" \
		"$secs" "$(date -u +%F)" "$load" >"$OUT/$name.meta"
	tail -n 4 "$OUT/$name.log" | sed 's/^/   /'
	if [ $rc -eq 0 ]; then
		ran+=("$name")
	else
		echo "   $name: exit status $rc (skipped or failed; see bench/out/$name.log): its figures are kept"
	fi
done
python3 "$HERE/results.py" "$OUT" "$ROOT/docs/results.md" "${ran[@]}"

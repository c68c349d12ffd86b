#!/bin/sh
# quotes.sh -- measures the quotes stage on PolNeAR (../shared/data/quotes/polnear):
# content-span P/R/F1 at character overlap >= 0.3 and >= 0.8 (the Gender Gap
# Tracker's scoring), for direct quotes and for all attributions, speaker
# accuracy, and the speed of the quotes stage alone (after the stages before it).
#   usage: bench/quotes.sh [BUILD_DIR] [SPLIT]   (defaults: build, dev)
# Tune on train (SPLIT=train); report dev.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
split=${2:-dev}
shared=${NG_SHARED_DIR:-$here/../../shared}
data=$shared/data/quotes/polnear/$split
if [ ! -d "$data/text" ]; then
	echo "quotes.sh: $data not found" >&2
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/ng_bench" quotes "$data/text" "$out/pred.jsonl"
python3 "$here/quotes_score.py" "$data" "$out/pred.jsonl" ${NG_QUOTES_ERRORS:+--errors $NG_QUOTES_ERRORS}

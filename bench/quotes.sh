#!/bin/sh
# quotes.sh -- measures the quotes stage on PolNeAR (../shared/data/quotes/polnear):
# content-span P/R/F1 at character overlap >= 0.3 and >= 0.8 (the Gender Gap
# Tracker's scoring), for direct quotes and for all attributions, speaker
# accuracy (both arrays, quotes and attributions, count), the real-news check
# of bench/quotes_news (precision, speaker and span accuracy of the quotes
# array on hand-judged Wikinews records), and the speed of the quotes stage
# alone (after the stages before it)
# with the process's peak RSS; then the whole path (newsgraph annotate -j 1, from
# the files to the quote records, start-up included), and side by side the peer:
# compromise's quotations() (npm, under NG_PEERS, default ../peers/node_modules;
# quotation marks only: no speaker, no cue, no reported speech), scored the same
# way, and the speed ratios. NG_BENCH_NO_PEER=1 skips the peer.
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
# (to a file, then shown: in a pipeline, sh would not stop on a failure)
"$build/ng_bench" quotes "$data/text" "$out/pred.jsonl" >"$out/stage.txt"
cat "$out/stage.txt"
python3 "$here/quotes_score.py" "$data" "$out/pred.jsonl" ${NG_QUOTES_ERRORS:+--errors $NG_QUOTES_ERRORS}
stage=$(sed -n 's/.* \([0-9][0-9]*\) articles\/s, [0-9.]* MB\/s per core.*/\1/p' "$out/stage.txt")

# the real-news check, side by side (bench/quotes_news/PROTOCOL.md; the seen part)
if [ -d "$shared/data/corpora/wikinews/data" ]; then
	NG_SHARED_DIR=$shared python3 "$here/quotes_news/score.py" "$build"
fi

# the whole path: read, clean, segment, entities, coref, quotes, write (one thread)
n=$(find "$data/text" -name '*.txt' | wc -l)
t0=$(date +%s.%N)
"$build/newsgraph" annotate -q -j 1 --stages extract,segment,entities,coref,quotes "$data/text" \
	-o /dev/null
t1=$(date +%s.%N)
whole=$(python3 -c "print(round($n / ($t1 - $t0)))")
echo "whole path (newsgraph annotate -j 1, files to quote records, start-up included): $n articles, $whole articles/s"

peers=${NG_PEERS:-$here/../../peers/node_modules}
if [ -n "${NG_BENCH_NO_PEER:-}" ]; then
	exit 0
fi
if ! command -v node >/dev/null 2>&1 || [ ! -d "$peers/compromise" ]; then
	echo "peer not installed (npm install --prefix $(dirname "$peers") compromise); newsgraph only"
	exit 0
fi
echo "== peer: compromise $(sed -n 's/^ *"version": "\(.*\)",/\1/p' "$peers/compromise/package.json" | head -1), quotations() (quotation marks only)"
NG_PEERS=$peers node "$here/peers/quotes_compromise.mjs" "$data/text" "$out/peer.jsonl" >"$out/peer.txt"
cat "$out/peer.txt"
python3 "$here/quotes_score.py" "$data" "$out/peer.jsonl" | sed -n '2,6p'
peer=$(sed -n 's/.*CPU: \([0-9]*\) articles\/s.*/\1/p' "$out/peer.txt")
python3 -c "
s, w, p = $stage, $whole, $peer
print(f'speed ratio to the peer: quotes stage alone {s / p:.0f}x, whole path from the files {w / p:.0f}x')
"

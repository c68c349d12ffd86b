#!/bin/bash
# Syntax benchmark (issue 21), side by side in one run:
#  1. accuracy on UD English EWT dev with gold tokenization, scored by ../shared/eval/score_conllu.py
#     (UPOS, UAS, LAS, CLAS; punctuation included): the tagger alone, tagger + parser, and the
#     parser on gold tags (the last two when data/syntax/parser.model exists);
#  2. speed per core, CPU time of tagging and parsing only (file reading and writing excluded, as
#     `newsgraph parse-conllu --time-only` measures it), on EWT train (204,577 words): tagging
#     alone and tag+parse, RUNS runs each taken alternately, the median; peak RSS of a run;
#  3. the whole pipeline on the Wikinews corpus (295 articles, bench/wikinews2jsonl.py), syntax on
#     vs off (the default stage list with and without `syntax`), `annotate -j 1`, CPU time (user +
#     sys) of the process, RUNS alternating runs each, the median, as articles/s per core.
# usage: bench/syntax.sh [BUILD_DIR]     (env: RUNS=N, default 5; NG_SHARED=DIR, default ../shared)
set -eu -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
B=${1:-$ROOT/build}
NG=$B/newsgraph
RUNS=${RUNS:-5}
SHARED=${NG_SHARED:-$ROOT/../shared}
EWT=$SHARED/data/syntax/ud-english-ewt
SCORE=$SHARED/eval/score_conllu.py
if [ ! -f "$EWT/en_ewt-ud-dev.conllu" ]; then echo "bench/syntax.sh: $EWT not found; skipped"; exit 0; fi
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
PARSER=$ROOT/data/syntax/parser.model
DEV=$EWT/en_ewt-ud-dev.conllu
TRAIN=$EWT/en_ewt-ud-train.conllu

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "== accuracy: EWT dev, gold tokenization ($(grep -c '^[0-9]*	' "$DEV") words)"
"$NG" parse-conllu --no-parse -o "$OUT/syntax-dev-tags.conllu" "$DEV" 2>/dev/null
printf 'tagger alone:        '
/usr/bin/python3 "$SCORE" "$DEV" "$OUT/syntax-dev-tags.conllu" | sed 's/  UAS.*//'
/usr/bin/python3 - "$DEV" "$OUT/syntax-dev-tags.conllu" <<'PY'
import sys
def rd(p):
    for l in open(p, encoding="utf-8"):
        c = l.rstrip("\n").split("\t")
        if len(c) == 10 and c[0].isdigit():
            yield c
g, p = list(rd(sys.argv[1])), list(rd(sys.argv[2]))
n = len(g)
x = sum(a[4] == b[4] for a, b in zip(g, p))
l = sum(a[2] == b[2] for a, b in zip(g, p))
print(f"                     XPOS {100 * x / n:.2f}  lemma {100 * l / n:.2f}")
PY
if [ -f "$PARSER" ]; then
	"$NG" parse-conllu -o "$OUT/syntax-dev.conllu" "$DEV" 2>/dev/null
	printf 'tagger + parser:     '
	/usr/bin/python3 "$SCORE" "$DEV" "$OUT/syntax-dev.conllu"
	"$NG" parse-conllu --gold-tags -o "$OUT/syntax-dev-gold.conllu" "$DEV" 2>/dev/null
	printf 'parser on gold tags: '
	/usr/bin/python3 "$SCORE" "$DEV" "$OUT/syntax-dev-gold.conllu"
else
	echo "(no $PARSER: trees not measured)"
fi

echo "== speed: EWT train, CPU time of tagging/parsing, median of $RUNS alternating runs"
rate() { "$NG" parse-conllu --time-only "$@" 2>&1 | sed -n 's/.* \([0-9]*\) words\/s per core/\1/p'; }
: >"$OUT/syntax-tag.txt"
: >"$OUT/syntax-all.txt"
for _ in $(seq "$RUNS"); do
	rate --no-parse "$TRAIN" >>"$OUT/syntax-tag.txt"
	[ -f "$PARSER" ] && rate "$TRAIN" >>"$OUT/syntax-all.txt"
done
echo "tagging alone:  $(median <"$OUT/syntax-tag.txt") words/s per core (runs: $(tr '\n' ' ' <"$OUT/syntax-tag.txt"))"
if [ -f "$PARSER" ]; then
	echo "tag + parse:    $(median <"$OUT/syntax-all.txt") words/s per core (runs: $(tr '\n' ' ' <"$OUT/syntax-all.txt"))"
fi
/usr/bin/time -f '%M' -o "$OUT/syntax-rss.txt" "$NG" parse-conllu --time-only "$TRAIN" 2>/dev/null
rss=$(tail -1 "$OUT/syntax-rss.txt")
echo "peak RSS of parse-conllu on train (the treebank read whole, the models mapped): $rss KB"

WN=$SHARED/data/corpora/wikinews/data
if [ ! -d "$WN" ]; then echo "($WN not found: pipeline not measured)"; exit 0; fi
/usr/bin/python3 "$HERE/wikinews2jsonl.py" "$OUT/syntax-wikinews.jsonl" "$WN"/*.csv >/dev/null
N=$(wc -l <"$OUT/syntax-wikinews.jsonl")
STAGES_ON=extract,segment,syntax,entities,coref,quotes,events
STAGES_OFF=extract,segment,entities,coref,quotes,events
echo "== pipeline: $N Wikinews articles, annotate -j 1, CPU time, median of $RUNS alternating runs"
cpu() { { /usr/bin/time -f '%U %S %M' "$NG" annotate -q -j 1 --stages "$1" "$OUT/syntax-wikinews.jsonl" -o /dev/null; } 2>&1 | tail -1; }
: >"$OUT/syntax-on.txt"
: >"$OUT/syntax-off.txt"
for _ in $(seq "$RUNS"); do
	cpu "$STAGES_OFF" >>"$OUT/syntax-off.txt"
	cpu "$STAGES_ON" >>"$OUT/syntax-on.txt"
done
for side in off on; do
	med=$(awk '{print $1 + $2}' "$OUT/syntax-$side.txt" | median)
	rss=$(awk '{print $3}' "$OUT/syntax-$side.txt" | sort -n | tail -1)
	awk -v s="$side" -v n="$N" -v m="$med" -v r="$rss" 'BEGIN {
		printf "syntax %-3s  %6.0f articles/s per core (%.2f s CPU; peak RSS %s KB)\n", s, n / m, m, r }'
done

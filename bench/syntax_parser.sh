#!/bin/sh
# syntax_parser.sh -- measures the dependency parser on UD English EWT dev
# (../shared/data/syntax/ud-english-ewt), gold tokenization, scored with
# ../shared/eval/score_conllu.py as the CoNLL 2018 shared task does (all
# words, punctuation included; LAS on the relation before ':').
# Parser (data/syntax/parser.model):
#   1. with the gold tags of the file: UAS/LAS; speed of the parser alone in
#      tokens/s per core (CPU time, best of 5 passes over dev); peak RSS;
#   2. with the tags of the tagger (data/syntax/tagger.model): UPOS, UAS, LAS;
#      speed of tagging + parsing.
#   usage: bench/syntax_parser.sh [BUILD_DIR]   (default: build)
# Tune on train/dev only; the test split is held out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shared=${NG_SHARED_DIR:-$here/../../shared}
ud=$shared/data/syntax/ud-english-ewt
if [ ! -f "$ud/en_ewt-ud-dev.conllu" ]; then
	echo "syntax_parser.sh: $ud/en_ewt-ud-dev.conllu not found" >&2
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
score=$shared/eval/score_conllu.py
dev=$ud/en_ewt-ud-dev.conllu

# ---- parser ----
model=${NG_PARSER_MODEL:-$here/../data/syntax/parser.model}
tagger=${NG_TAGGER_MODEL:-$here/../data/syntax/tagger.model}
echo "== parser $model ($(wc -c <"$model") bytes), EWT dev, gold tokenization, gold tags"
# (to a file, then shown: in a pipeline sh would not stop on a failure)
"$build/ng_syntax_bench" parse "$model" "$dev" "$out/gold-tags.conllu" >"$out/parse.txt"
cat "$out/parse.txt"
/usr/bin/python3 "$score" "$dev" "$out/gold-tags.conllu"
if [ -f "$tagger" ]; then
	echo "== parser with the tagger's tags ($tagger)"
	"$build/ng_syntax_bench" parse "$model" "$dev" "$out/pred-tags.conllu" --tagger "$tagger" \
		>"$out/parse2.txt"
	cat "$out/parse2.txt"
	/usr/bin/python3 "$score" "$dev" "$out/pred-tags.conllu"
fi

#!/bin/sh
# syntax_tree.sh NEWSGRAPH [SHARED_DIR] -- pins the tree of "Al-Nakhalah, for
# his part congratulated Qalibaf": Al-Nakhalah (the words Al - Nakhalah, one
# name) is the subject of congratulated, Qalibaf its object, congratulated
# the root. The sentence is taken from the seed article
# (SHARED_DIR/data/samples/seed-article.txt); skips (77) without it or while
# the data directory holds no parser model.
set -eu
ng=$1
seed=${2:-}/data/samples/seed-article.txt
data=${NEWSGRAPH_DATA:-$(dirname "$0")/../../data}
if [ ! -f "$data/syntax/parser.model" ]; then
	echo "syntax_tree: no $data/syntax/parser.model; skipped"
	exit 77
fi
if [ -n "${2:-}" ] && [ -f "$seed" ]; then
	out=$("$ng" annotate -q --stages extract,segment,syntax --format-out conllu "$seed" |
		awk '/^# text = Al-Nakhalah, for his part/ { on = 1 } on { print } on && /^$/ { exit }')
else
	# The clause alone is not the sentence the issue pins: its verb is
	# tagged VBN there and the parser takes Al-Nakhalah as a vocative.
	echo "syntax_tree: the seed article is not at $seed; skipped"
	exit 77
fi
printf '%s\n' "$out"
# ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL: the lines that must hold
want='1 Al PROPN 8 nsubj
2 - PUNCT 3 punct
3 Nakhalah PROPN 1 flat
8 congratulated VERB 0 root
9 Qalibaf PROPN 8 obj'
got=$(printf '%s\n' "$out" | awk -F'\t' 'NF == 10 && ($1 == 1 || $1 == 2 || $1 == 3 || $1 == 8 || $1 == 9) {
	print $1, $2, $4, $7, $8 }')
if [ "$got" != "$want" ]; then
	echo "syntax_tree: tree differs"
	echo "want:"; echo "$want"
	echo "got:"; echo "$got"
	exit 1
fi
echo "syntax_tree: ok"

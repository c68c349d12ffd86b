#!/bin/sh
# train_ner.sh -- retrains data/ner.model exactly as committed: CoNLL-2003
# eng.train.txt, epoch chosen on eng.valid.txt, gazetteers from data/gazetteers,
# word clusters from the training text plus unlabelled news text (Wikinews
# 2019-2020 and the PolNeAR train articles; never dev or held-out text).
#   usage: tools/train_ner.sh [BUILD_DIR]   (default: build; ~30 s of one core)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shared=${NG_SHARED_DIR:-$here/../shared}
conll=$shared/data/ner/conll2003
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
set -- --unlabelled "$shared/data/corpora/wikinews/data/wikinews_2019.csv" \
	--unlabelled "$shared/data/corpora/wikinews/data/wikinews_2020.csv"
for f in "$shared"/data/quotes/polnear/train/text/*.txt; do
	set -- "$@" --unlabelled "$f"
done
nice "$build/newsgraph" train-ner --train "$conll/eng.train.txt" --dev "$conll/eng.valid.txt" \
	--gazetteers "$here/data/gazetteers" --clusters "$cache/clusters.tsv" --epochs 15 \
	-o "$here/data/ner.model" "$@"

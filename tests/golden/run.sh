#!/bin/bash
# Golden tests: for each stage directory tests/golden/<stage>/ (whose file `stages` names the
# stages to run), run `newsgraph annotate` on every input there (*.txt, *.jsonl, *.html), render
# the output with render.py and compare it with NAME.expected.
# usage: run.sh NEWSGRAPH [--update]   (--update rewrites the expected files; review the diff!)
set -u -o pipefail
NG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
UPDATE=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
fail=0
n=0
for dir in "$HERE"/*/; do
	[ -f "$dir/stages" ] || continue
	stages=$(cat "$dir/stages")
	for in in "$dir"*.txt "$dir"*.jsonl "$dir"*.html; do
		[ -f "$in" ] || continue
		name=${in%.*}
		exp="$name.expected"
		# stderr (warnings, skipped records) is part of the expected output
		got=$(cd "$dir" && { "$NG" annotate -q -j 1 --tokens --stages "$stages" "$(basename "$in")" \
			2>/tmp/ng-golden-err.$$ | python3 "$HERE/render.py"; } && sed 's/^/stderr: /' /tmp/ng-golden-err.$$) || {
			echo "FAIL $in: newsgraph or render.py failed"; fail=1; continue; }
		n=$((n + 1))
		if [ "$UPDATE" = "--update" ]; then
			printf '%s\n' "$got" >"$exp"
			continue
		fi
		if [ ! -f "$exp" ]; then
			echo "FAIL $in: no $exp (run with --update and review)"
			fail=1
		elif ! printf '%s\n' "$got" | diff -u "$exp" - >/tmp/ng-golden-diff.$$; then
			echo "FAIL $in:"
			cat /tmp/ng-golden-diff.$$
			fail=1
		fi
	done
done
rm -f /tmp/ng-golden-diff.$$ /tmp/ng-golden-err.$$
[ "$n" -gt 0 ] || { echo "no golden inputs found"; exit 1; }
if [ "$UPDATE" = "--update" ]; then
	echo "golden: $n expected files written; review them with git diff"
elif [ $fail -eq 0 ]; then
	echo "golden: $n inputs match"
fi
exit $fail

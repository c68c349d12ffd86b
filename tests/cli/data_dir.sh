#!/bin/sh
# The data-directory rule (src/core/data_dir.c) through the command line: a copy of the binary
# with share/newsgraph beside it (as installed) reads that, not the source tree; $NEWSGRAPH_DATA
# overrides it and --data overrides both; without share/ beside it the source tree's data/ is
# taken; a data directory that is not one is an error naming it, unless no stage reads data.
# usage: data_dir.sh NEWSGRAPH SOURCE_DATA_DIR
set -u
NG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # check NAME COMMAND...: the command must succeed
	name=$1
	shift
	if "$@"; then :; else
		echo "FAIL $name"
		fail=1
	fi
}
mkdir -p "$T/inst/bin" "$T/inst/share/newsgraph"
cp "$NG" "$T/inst/bin/newsgraph"
echo 'Angela Merkel said "we will manage" in Berlin.' >"$T/a.txt"

# installed layout with an empty share/newsgraph: it is the one read, so the first model is missing there
"$T/inst/bin/newsgraph" annotate -q "$T/a.txt" >/dev/null 2>"$T/err"
check "installed binary reads share/newsgraph beside it" grep -q "$T/inst/bin/../share/newsgraph/[a-z/]*\.model" "$T/err"
check "--help names the installed data directory" sh -c "'$T/inst/bin/newsgraph' --help | grep -q '$T/inst/bin/../share/newsgraph'"
# the variable, then --data, override it
check "NEWSGRAPH_DATA overrides the install" env NEWSGRAPH_DATA="$SRC" "$T/inst/bin/newsgraph" annotate -q "$T/a.txt" -o "$T/env.jsonl"
check "--data overrides NEWSGRAPH_DATA" env NEWSGRAPH_DATA=/nonexistent "$T/inst/bin/newsgraph" annotate -q --data "$SRC" "$T/a.txt" -o "$T/opt.jsonl"
check "same output by either" cmp -s "$T/env.jsonl" "$T/opt.jsonl"
check "the output has entities" grep -q '"name":"Angela Merkel"' "$T/opt.jsonl"
# a real install: share/newsgraph holding the data
rmdir "$T/inst/share/newsgraph"
ln -s "$SRC" "$T/inst/share/newsgraph"
check "installed binary with its data" "$T/inst/bin/newsgraph" annotate -q "$T/a.txt" -o "$T/inst.jsonl"
check "same output installed" cmp -s "$T/env.jsonl" "$T/inst.jsonl"
# no share/ beside the binary: the source tree, compiled in
rm -rf "$T/inst/share"
check "build run in place reads the source tree" "$T/inst/bin/newsgraph" annotate -q "$T/a.txt" -o "$T/src.jsonl"
check "same output from the source tree" cmp -s "$T/env.jsonl" "$T/src.jsonl"
# errors name the directory and where it came from
"$NG" annotate -q --data "$T/nowhere" "$T/a.txt" >/dev/null 2>"$T/err"
check "--data nowhere fails with exit 2" test $? -eq 2
check "--data nowhere is named" grep -q "data directory '$T/nowhere' (--data" "$T/err"
NEWSGRAPH_DATA="$T/nowhere" "$NG" annotate -q "$T/a.txt" >/dev/null 2>"$T/err"
check "NEWSGRAPH_DATA nowhere is named" grep -q "'$T/nowhere' (\$NEWSGRAPH_DATA)" "$T/err"
check "stages that read no data run without it" "$NG" annotate -q --data "$T/nowhere" --stages extract,segment "$T/a.txt" -o /dev/null
check "build takes --data" "$NG" build -q --data "$SRC" "$T/db.sqlite" "$T/a.txt"
check "tag-conll --help names the default" sh -c "'$NG' tag-conll --help | grep -q -- '--data DIR'"
[ $fail -eq 0 ] && echo "data_dir: the rule holds"
exit $fail

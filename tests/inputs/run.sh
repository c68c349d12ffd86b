#!/bin/bash
# Real-world inputs (issue 28) and paths that would destroy input (issue 29):
# the CLI on the awkward files in tests/inputs/ and on trees made at test time.
# usage: run.sh NEWSGRAPH INPUTS_DIR
set -u -o pipefail
NG=$(realpath "$1")
IN=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # description, condition-command...
	local what=$1; shift
	if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
has() { grep -qF -- "$2" "$1"; }
ids() { python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$1"; }
lines() { wc -l <"$1" | tr -d ' '; }

# --- issue 29.3: the output is the input
printf 'One article. Two sentences.\n' >"$T/self.txt"
"$NG" annotate -q "$T/self.txt" -o "$T/self.txt" 2>"$T/err"
rc=$?
check "output = input: refused with exit status 2" [ $rc -eq 2 ]
check "output = input: the input is intact" [ "$(cat "$T/self.txt")" = "One article. Two sentences." ]
check "output = input: said why" has "$T/err" "is the input"
ln "$T/self.txt" "$T/hardlink.txt"
"$NG" annotate -q "$T/self.txt" -o "$T/hardlink.txt" 2>"$T/err"
check "output = a hard link to the input: refused" [ $? -eq 2 ] && [ -s "$T/self.txt" ]
(cd "$T" && "$NG" annotate -q ./self.txt -o ../"$(basename "$T")"/self.txt 2>"$T/err")
check "output = input by another path: refused" [ $? -eq 2 ] && [ -s "$T/self.txt" ]

# --- issue 29.2: the output inside an input directory
mkdir -p "$T/dir/sub"
printf 'First article. It is short.\n' >"$T/dir/a.txt"
printf 'Second article. Also short.\n' >"$T/dir/sub/b.txt"
timeout 60 "$NG" annotate -q "$T/dir" -o "$T/dir/out.jsonl" 2>"$T/err"
rc=$?
check "output inside the input directory: refused with exit status 2" [ $rc -eq 2 ]
check "output inside the input directory: nothing written" [ ! -e "$T/dir/out.jsonl" ]
check "output inside the input directory: said why" has "$T/err" "is inside the input"
timeout 60 "$NG" annotate -q "$T/dir" -o "$T/dir/sub/../out.jsonl" 2>"$T/err"
check "output inside the input directory by a .. path: refused" [ $? -eq 2 ]
"$NG" annotate -q "$T/dir" -o "$T/out.jsonl" 2>"$T/err"
check "output beside the input directory: accepted" [ $? -eq 0 ] && [ "$(lines "$T/out.jsonl")" -eq 2 ]
"$NG" annotate -q "$T/dir" -o /dev/null 2>"$T/err"
check "output /dev/null: accepted" [ $? -eq 0 ]

# --- issue 29.5: directory cycles, each file read once
mkdir -p "$T/cyc/sub"
printf 'Looping article. Read once.\n' >"$T/cyc/a.txt"
printf 'Nested article. Read once too.\n' >"$T/cyc/sub/b.txt"
ln -s . "$T/cyc/self"
ln -s .. "$T/cyc/sub/up"
ln -s a.txt "$T/cyc/link.txt"
timeout 60 "$NG" annotate -q "$T/cyc" -o "$T/cyc.jsonl" 2>"$T/err"
rc=$?
check "directory with self -> . finishes, exit 0" [ $rc -eq 0 ]
check "directory cycle: each file read once" [ "$(lines "$T/cyc.jsonl")" -eq 2 ]

exit $fail

#!/bin/bash
# Malformed input: every broken record gets a clear error naming the input and position, the run
# goes on, and no good record is lost. Also: valid UTF-8 and valid JSON out for any input bytes.
# usage: run.sh NEWSGRAPH
set -u -o pipefail
NG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # description, condition-command...
	local what=$1; shift
	if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
has() { grep -qF -- "$2" "$1"; }

# --- a JSON Lines file with good records around broken ones
python3 - "$T" <<'PY'
import sys, os
t = sys.argv[1]
lines = [
    b'{"id":"good-1","text":"First good article. It has two sentences."}',
    b'{"id":"broken-json","text":"unterminated',                       # line 2: broken JSON
    b'{"id":"no-text","title":"x"}',                                    # line 3: no text
    b'{"id":"bad-utf8","text":"caf\xc3 \xff ok. Second."}',             # line 4: invalid UTF-8 in JSON
    b'{"id":"escaped-nul","text":"a\\u0000b. Fine."}',                  # line 5: NUL via escape
    b'{"id":"empty-text","text":"   "}',                                # line 6: empty text
    b'',                                                                 # line 7: blank, ignored
    b'{"id":"good-2","text":"Second good article."}',                  # line 8
    b'[1,2,3]',                                                          # line 9: not an object
    b'{"id":"good-3","text":"Third good article.","title":"T\\u00e9"}', # line 10
]
open(os.path.join(t, 'mixed.jsonl'), 'wb').write(b'\n'.join(lines) + b'\n')
# a 50 MB single line between two good records
with open(os.path.join(t, 'huge.jsonl'), 'wb') as f:
    f.write(b'{"id":"before-huge","text":"Before."}\n')
    f.write(b'{"id":"huge","text":"' + b'x' * (50 << 20) + b'"}\n')
    f.write(b'{"id":"after-huge","text":"After."}\n')
# a 50 MB single-line text file
with open(os.path.join(t, 'huge.txt'), 'wb') as f:
    f.write(b'word ' * (10 << 20))
open(os.path.join(t, 'empty.txt'), 'wb').close()
open(os.path.join(t, 'nul.txt'), 'wb').write(b'Text with a NUL\x00 byte. And invalid \xc0\xaf bytes.\n')
open(os.path.join(t, 'binary.txt'), 'wb').write(bytes(range(256)) * 64)
PY

"$NG" annotate -q -j 2 "$T/mixed.jsonl" >"$T/out" 2>"$T/err"
rc=$?
check "mixed.jsonl: exit status 1 (some records failed)" [ $rc -eq 1 ]
check "mixed.jsonl: good records all written, in order" \
	[ "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$T/out")" \
	= "good-1 bad-utf8 escaped-nul good-2 good-3" ]
check "broken JSON reported with line and column" has "$T/err" "mixed.jsonl:2:"
check "broken JSON message" has "$T/err" "unterminated string"
check "missing text reported" has "$T/err" 'mixed.jsonl:3: no "text"'
check "invalid UTF-8 in a JSON line repaired, reported with line and byte" \
	has "$T/err" "mixed.jsonl:4: warning: text: invalid UTF-8 at byte 3 (2 sequences replaced by U+FFFD)"
check "escaped NUL is repaired with a warning" has "$T/err" "mixed.jsonl:5: warning: text: NUL byte"
check "empty text reported" has "$T/err" "mixed.jsonl:6:"
check "non-object reported" has "$T/err" "mixed.jsonl:9:1: expected a JSON object"
check "NUL replaced by U+FFFD in the output" \
	python3 -c 'import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if d[2]["text"]=="a\ufffdb. Fine." and d[2]["errors"] else 1)' "$T/out"

"$NG" annotate -q "$T/huge.jsonl" >"$T/out" 2>"$T/err"
rc=$?
check "50 MB JSON line: exit status 1" [ $rc -eq 1 ]
check "50 MB JSON line: reported with its line and the limit" has "$T/err" "huge.jsonl:2: record of"
check "50 MB JSON line: neighbours kept" \
	[ "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$T/out")" = "before-huge after-huge" ]
"$NG" annotate -q --max-bytes 64M "$T/huge.jsonl" >"$T/out" 2>"$T/err"
check "--max-bytes above what the stages accept (16M): refused, saying why" \
	bash -c "[ $? -eq 2 ] && grep -q 'max-bytes needs a size up to 16M (a larger article does not fit' '$T/err'"

"$NG" annotate -q "$T/empty.txt" "$T/huge.txt" "$T/nul.txt" "$T/binary.txt" >"$T/out" 2>"$T/err"
rc=$?
check "text files: exit status 1" [ $rc -eq 1 ]
check "empty file reported" has "$T/err" "empty.txt: empty file; skipped"
check "50 MB text file reported with the limit" has "$T/err" "huge.txt: 52428800 bytes is over the limit"
check "NUL and invalid UTF-8 in text reported with byte offsets" has "$T/err" "nul.txt: warning: text: invalid UTF-8 at byte"
check "text files: nul.txt and binary.txt written" [ "$(wc -l <"$T/out")" -eq 2 ]
check "output is valid UTF-8 and valid JSON for any bytes" \
	python3 -c 'import json,sys; [json.loads(l.decode("utf-8", "strict")) for l in open(sys.argv[1], "rb")]' "$T/out"

"$NG" annotate -q "$T/does-not-exist.txt" "$T/nul.txt" >"$T/out" 2>"$T/err"
rc=$?
check "missing input: exit status 1, the rest goes on" [ $rc -eq 1 ] && [ "$(wc -l <"$T/out")" -eq 1 ]
check "missing input named" has "$T/err" "does-not-exist.txt: No such file or directory"

printf 'From standard input. Two sentences.' | "$NG" annotate -q >"$T/out" 2>"$T/err"
check "standard input works" python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).read()); sys.exit(0 if len(d["sentences"])==2 else 1)' "$T/out"

printf 'Glued options. Work too.' | "$NG" annotate -q -j1 -o"$T/glued" 2>"$T/err"
check "glued short options -j1 -oFILE" [ -s "$T/glued" ]

"$NG" annotate --no-such-option >/dev/null 2>"$T/err"
check "unknown option: exit status 2" [ $? -eq 2 ]
"$NG" annotate --stages segment "$T/nul.txt" >/dev/null 2>"$T/err"
check "stage needing an unassigned field: exit status 2 with a message" [ $? -eq 2 ]
check "stage error names the stage" has "$T/err" "stage 'segment' needs"
"$NG" frobnicate >/dev/null 2>&1
check "unknown command: exit status 2" [ $? -eq 2 ]
"$NG" annotate --help | grep -q "usage: newsgraph annotate"
check "annotate --help" [ $? -eq 0 ]

exit $fail

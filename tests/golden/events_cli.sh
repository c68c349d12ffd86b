#!/bin/bash
# The events options of `newsgraph annotate`: --format-out gdelt writes one
# 61-column row per event; --dictionaries reads PETRARCH files (a directory or
# a list) and reports an unreadable one with exit status 2.
# usage: events_cli.sh NEWSGRAPH
set -u
NG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "events_cli: $*" >&2; exit 1; }

printf '{"id":"a1","date":"2020-06-03","url":"https://example.org/a","text":"Egypt praised Jordan. Kenya was attacked by Somali militants."}\n' >"$T/in.jsonl"
"$NG" annotate -q --format-out gdelt "$T/in.jsonl" >"$T/out.tsv" || fail "gdelt run failed"
[ "$(wc -l <"$T/out.tsv")" -eq 2 ] || fail "expected 2 rows, got $(wc -l <"$T/out.tsv")"
awk -F'\t' 'NF != 61 { exit 1 }' "$T/out.tsv" || fail "a row without 61 columns"
cut -f1,2,6,16,27,30,31,61 "$T/out.tsv" >"$T/cols"
printf 'a1#1\t20200603\tEGY\tJOR\t051\t1\t3.4\thttps://example.org/a\na1#2\t20200603\tSOMREB\tKEN\t180\t4\t-9.0\thttps://example.org/a\n' >"$T/want"
diff "$T/want" "$T/cols" || fail "gdelt columns differ"

cat >"$T/t.verbs.txt" <<'D'
--- RESTORE [064] ---
RESTORE
D
printf 'ARNOR_ [ARN]\nGONDOR_ [GON]\n' >"$T/t.actors.txt"
echo "Arnor restored ties with Gondor." | "$NG" annotate -q --dictionaries "$T/t.verbs.txt,$T/t.actors.txt" >"$T/o.jsonl" \
	|| fail "--dictionaries list failed"
# (the target may carry the entity the entities stage found for Gondor)
grep -q '"code":"ARN"},"target":{\("entity":[0-9]*,\)\?"text":"Gondor",\("name":"Gondor",\)\?"code":"GON"},"cameo":"064","plover":"COOPERATE"' "$T/o.jsonl" \
	|| fail "--dictionaries list: event not coded"
echo "Arnor restored ties with Gondor." | "$NG" annotate -q --dictionaries "$T" | grep -q '"cameo":"064"' \
	|| fail "--dictionaries directory: event not coded"
"$NG" annotate -q --dictionaries "$T/missing.verbs.txt" </dev/null 2>"$T/err"
[ $? -eq 2 ] || fail "a missing dictionary should exit with status 2"
grep -q "missing.verbs.txt" "$T/err" || fail "the message should name the file"
"$NG" annotate -q --format-out xml </dev/null 2>/dev/null
[ $? -eq 2 ] || fail "an unknown output format should exit with status 2"
echo "events_cli: ok"

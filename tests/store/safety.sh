#!/bin/sh
# safety.sh NEWSGRAPH -- writes that would destroy data, and query arguments
# that silently asked the wrong question (issue 29), each reproduced on files
# made here:
#   1. export -o onto the store (or its -wal/-shm) is refused, the store intact;
#   4. build DIR/news.db DIR is refused (the database's files would be read as
#      articles, more each run), the store untouched;
#  11. a build whose commit fails (file size limit: a full disk) says what was
#      not stored, the store holds exactly the committed articles, and the same
#      build run again adds the rest;
#  12. query dates that are not YYYY-MM-DD dates are a usage error;
#  13. a store on storage the user cannot write (a read-only directory) can be
#      queried (WAL readers need to create -shm; it is opened immutable).
#      As root, run as nobody through setpriv, when nobody can run NEWSGRAPH.
set -u
NG=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-safety.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" = "$want" ] || { cat "$T/err"; fail "'$*' exited $got, expected $want"; }
}
has() { grep -qF -- "$1" "$T/$2" || { echo "--- $2:"; head -20 "$T/$2"; fail "no '$1' in $2"; }; }
count() { sqlite3 "$1" "SELECT count(*) FROM articles" 2>/dev/null || python3 -c "
import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM articles').fetchone()[0])" "$1"; }

# articles, one per line of JSON Lines
gen() { # N FILE [TAG]
	python3 -c "
import json, sys
n, tag = int(sys.argv[1]), sys.argv[3] if len(sys.argv) > 3 else 'a'
with open(sys.argv[2], 'w') as f:
    for i in range(n):
        f.write(json.dumps({'id': f'{tag}{i}', 'text': f'Article {tag} {i}: the harbor of Portmere '
            f'reopened on 2020-03-{i % 28 + 1:02d}, said Mayor Ann Vessa. ' + 'Ships came back. ' * 40,
            'date': f'2020-03-{i % 28 + 1:02d}'}) + '\n')
" "$@"
}

# ---- 1: export -o onto the store
mkdir -p "$T/d"
gen 30 "$T/d/a.jsonl"
DB=$T/d/news.db
expect 0 "$NG" build -q "$DB" "$T/d/a.jsonl"
before=$(cksum <"$DB")
for o in "$DB" "$DB-wal" "$DB-shm" "$T/d/../d/news.db" "$T/d/./news.db-wal"; do
	expect 2 "$NG" export "$DB" --format csv --table entities -o "$o"
	has "is the database" err
done
ln -s "$DB" "$T/link.db"
expect 2 "$NG" export "$DB" --format jsonl -o "$T/link.db"
ln "$DB" "$T/hard.db"
expect 2 "$NG" export "$DB" --format jsonl -o "$T/hard.db"
rm -f "$T/hard.db"
[ "$(cksum <"$DB")" = "$before" ] || fail "export -o the store changed it"
[ "$(count "$DB")" = 30 ] || fail "the store lost articles"
expect 0 "$NG" export "$DB" --format csv --table entities -o "$T/d/entities.csv"
[ -s "$T/d/entities.csv" ] || fail "an export to another file wrote nothing"
rm -f "$T/d/entities.csv"

# ---- 4: the store inside an input directory
expect 2 "$NG" build -q "$DB" "$DB"
has "is the database" err
expect 2 "$NG" build -q "$DB" "$T/d"
has "is inside the input" err
expect 2 "$NG" build -q "$T/d/./news.db" "$T/d/"
[ "$(count "$DB")" = 30 ] || fail "build DIR/news.db DIR changed the store"
[ "$(cksum <"$DB")" = "$before" ] || fail "build DIR/news.db DIR wrote to the store"
# a store beside the inputs, not among them, is fine
mkdir -p "$T/e"
cp "$T/d/a.jsonl" "$T/e/"
expect 0 "$NG" build -q "$T/e.db" "$T/e"
[ "$(count "$T/e.db")" = 30 ] || fail "build e.db e/: expected 30 articles"

# ---- 12: dates
for bad in 2020-1-1 yesterday 2020-02-30 2021-02-29 2020-13-01 20200101 "2020-01-01 "; do
	expect 2 "$NG" query "$DB" events --since "$bad"
	has "not a date" err
	expect 2 "$NG" query "$DB" articles --entity Vessa --since "$bad"
	has "not a date" err
	expect 2 "$NG" query "$DB" events --until "$bad"
	has "not a date" err
done
expect 0 "$NG" query "$DB" articles --entity Vessa --since 2020-02-29 --limit 1
expect 1 "$NG" query "$DB" articles --entity Vessa --since 2020-03-29

# ---- 11: a commit that fails (a file size limit stands for a full disk)
gen 400 "$T/many.jsonl" m
F=$T/full.db
# ignore SIGXFSZ so that writes past the limit fail with EFBIG instead
sh -c "trap '' XFSZ; ulimit -f 1024; exec '$NG' build --batch 50 -j 2 '$F' '$T/many.jsonl'" >"$T/out" 2>"$T/err"
got=$?
[ "$got" = 1 ] || { cat "$T/err"; fail "build past the size limit exited $got, expected 1"; }
has "not stored" err
n=$(count "$F")
added=$(sed -n 's/.*: \([0-9]*\) articles added.*/\1/p' "$T/err" | tail -1)
[ "$added" = "$n" ] || { cat "$T/err"; fail "build says $added articles added, the store holds $n"; }
[ "$n" -lt 400 ] || fail "the size limit stopped nothing ($n articles)"
expect 0 "$NG" build --batch 50 "$F" "$T/many.jsonl"
[ "$(count "$F")" = 400 ] || fail "the build run again did not add the rest"
has "$((400 - n)) articles added, $n already stored" err
# ---- 13: a store in a directory the user cannot write
RO=$T/ro
mkdir -p "$RO"
cp "$DB" "$RO/news.db"
[ "$(sqlite3 "$RO/news.db" "PRAGMA journal_mode" 2>/dev/null || echo wal)" = wal ] || fail "not a WAL store"
chmod 444 "$RO/news.db"
chmod 555 "$RO"
as_user=""
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$T"
	if command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups "$NG" --version >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		echo "safety: root, and nobody cannot run $NG: the read-only store part is skipped"
		as_user=skip
	fi
fi
if [ "$as_user" != skip ]; then
	expect 0 $as_user "$NG" query "$RO/news.db" articles --entity Vessa --limit 3
	has "article" out
	expect 0 $as_user "$NG" export "$RO/news.db" --format csv --table entities
	[ ! -e "$RO/news.db-shm" ] || fail "a -shm file in the read-only directory"
fi
chmod 755 "$RO"
echo "ok"

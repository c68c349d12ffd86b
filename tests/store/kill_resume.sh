#!/bin/sh
# kill_resume.sh NEWSGRAPH -- a build killed with SIGKILL at arbitrary moments and
# restarted loses nothing and stores nothing twice.
#
# Generates a few thousand small articles (plus duplicated records), builds a
# reference database in one run, then runs the same build into another database,
# killing it with kill -9 as soon as each run has committed something new, three
# times, and lets a last run finish. Both databases must hold the same articles
# (by content hash), the same sentences per article, no duplicate hashes, pass
# SQLite's integrity and foreign-key checks; a further run must add nothing.
set -u
NG=$1
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: the sqlite3 command is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-kill.XXXXXX")
trap 'rm -rf "$T"' EXIT
N=8000
fail() { echo "FAIL: $*"; exit 1; }

# N distinct articles, then the first 300 records again (same text and URL: the
# same articles) and 100 with the same text under no URL (new articles).
awk -v n=$N 'BEGIN {
	for (i = 1; i <= n; i++)
		printf "{\"id\":\"gen-%d\",\"url\":\"https://example.org/news/%d\",\"date\":\"2024-02-%02d\",\"text\":\"Officials in town %d said on Monday that %d people attended the meeting. The mayor of district %d thanked them. Mayor John Smith of Springfield visited Paris. \\\"We are grateful,\\\" she said. Another %d visitors are expected next week.\"}\n", i, i, i % 28 + 1, i, i * 7, i % 97, i * 3
	for (i = 1; i <= 300; i++)
		printf "{\"id\":\"again-%d\",\"url\":\"https://example.org/news/%d\",\"date\":\"2024-02-%02d\",\"text\":\"Officials in town %d said on Monday that %d people attended the meeting. The mayor of district %d thanked them. Mayor John Smith of Springfield visited Paris. \\\"We are grateful,\\\" she said. Another %d visitors are expected next week.\"}\n", i, i, i % 28 + 1, i, i * 7, i % 97, i * 3
	for (i = 1; i <= 100; i++)
		printf "{\"id\":\"nourl-%d\",\"text\":\"Officials in town %d said on Monday that %d people attended the meeting. The mayor of district %d thanked them. Mayor John Smith of Springfield visited Paris. \\\"We are grateful,\\\" she said. Another %d visitors are expected next week.\"}\n", i, i, i * 7, i % 97, i * 3
}' >"$T/gen.jsonl"
EXPECT=$((N + 100))

"$NG" build -q -j 2 "$T/ref.db" "$T/gen.jsonl" || fail "reference build failed"

count() {
	sqlite3 -cmd ".timeout 5000" "$1" "SELECT count(*) FROM articles" 2>/dev/null || echo 0
}

mid_run_kills=0
have=0
for round in 1 2 3; do
	"$NG" build -q -j 2 --batch 20 "$T/k.db" "$T/gen.jsonl" &
	pid=$!
	# wait until this run has committed something new, then kill it
	while kill -0 $pid 2>/dev/null; do
		c=$(count "$T/k.db")
		[ "${c:-0}" -gt "$have" ] && break
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	have=$(count "$T/k.db")
	echo "round $round: killed with $have of $EXPECT articles stored"
	[ "$have" -lt "$EXPECT" ] && mid_run_kills=$((mid_run_kills + 1))
done
[ $mid_run_kills -ge 1 ] || fail "every run finished before it could be killed; the test proved nothing"

"$NG" build -q -j 2 --batch 20 "$T/k.db" "$T/gen.jsonl" || fail "the resumed build failed"

q() { sqlite3 -cmd ".timeout 5000" "$1" "$2"; }
[ "$(q "$T/k.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ -z "$(q "$T/k.db" 'PRAGMA foreign_key_check')" ] || fail "foreign_key_check"
[ "$(q "$T/ref.db" 'SELECT count(*) FROM articles')" = "$EXPECT" ] || fail "reference holds $(q "$T/ref.db" 'SELECT count(*) FROM articles'), not $EXPECT"
[ "$(q "$T/k.db" 'SELECT count(*) FROM articles')" = "$EXPECT" ] || fail "resumed database holds $(q "$T/k.db" 'SELECT count(*) FROM articles'), not $EXPECT"
[ "$(q "$T/k.db" 'SELECT count(DISTINCT hash) FROM articles')" = "$EXPECT" ] || fail "duplicate hashes"
dump='SELECT a.hash, a.doc_id, count(s.idx), sum(s.end - s.start) FROM articles a LEFT JOIN sentences s ON s.article_id = a.id GROUP BY a.id ORDER BY a.hash'
q "$T/ref.db" "$dump" >"$T/ref.txt"
q "$T/k.db" "$dump" >"$T/k.txt"
cmp -s "$T/ref.txt" "$T/k.txt" || { diff "$T/ref.txt" "$T/k.txt" | head; fail "articles or sentences differ from the reference"; }
# the entity -> article rows: the same as the reference's, and as the articles' entities
ea='SELECT a.hash, e.name, e.type, x.n_mentions FROM entity_articles x JOIN articles a ON a.id = x.article_id JOIN entities e ON e.id = x.entity_id ORDER BY 1, 2, 3'
q "$T/ref.db" "$ea" >"$T/ref-ea.txt"
q "$T/k.db" "$ea" >"$T/k-ea.txt"
[ -s "$T/ref-ea.txt" ] || fail "no entity_articles rows in the reference (no entities found?)"
cmp -s "$T/ref-ea.txt" "$T/k-ea.txt" || { diff "$T/ref-ea.txt" "$T/k-ea.txt" | head; fail "entity_articles differ from the reference"; }
odd=$(q "$T/k.db" "SELECT count(*) FROM (SELECT article_id, entity_id, sum(n_mentions) AS n FROM article_entities GROUP BY 1, 2) j FULL JOIN entity_articles x USING (article_id, entity_id) WHERE x.n_mentions IS NOT j.n")
[ "$odd" = 0 ] || fail "$odd entity_articles rows disagree with articles.entities"
fts=$(q "$T/k.db" "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'grateful'")
[ "$fts" = "$EXPECT" ] || fail "full-text index holds $fts articles, not $EXPECT"

# one more run adds nothing
"$NG" build -j 1 "$T/k.db" "$T/gen.jsonl" 2>"$T/err" || fail "re-run failed"
grep -q ": 0 articles added, $((N + 400)) already stored" "$T/err" || { cat "$T/err"; fail "re-run summary"; }
echo "ok: $mid_run_kills mid-run kills, $EXPECT articles, identical to the reference"

#!/bin/sh
# run.sh NEWSGRAPH DATA_DIR -- the CLI on web archives with broken records:
# every broken record and stretch of garbage is reported on standard error
# with its file and offset, the run goes on, every good page is written,
# and the exit status says some records failed.
set -u
NG=$1
D=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; echo "--- stderr:"; cat "$T/err"; exit 1; }

cd "$D" || exit 1
"$NG" annotate --stages extract -j 2 garbage.warc broken-members.warc.gz mixed.warc \
	truncated-last.warc.gz -o "$T/out.jsonl" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1"
n=$(wc -l <"$T/out.jsonl")
[ "$n" -eq 13 ] || fail "$n articles, expected 4 + 3 + 4 + 2 = 13"
for p in garbage-1 garbage-2 garbage-3 garbage-5 gzmid-1 gzmid-3 gzmid-5 mixed-a mixed-gzip \
	mixed-resource mixed-sniffed trunc-1 trunc-2; do
	grep -q "PAGE-$p:" "$T/out.jsonl" || fail "page $p missing"
done
for m in \
	"newsgraph: garbage.warc: offset 0: 34 bytes of garbage before the next record; skipped" \
	"newsgraph: garbage.warc: record at offset 1003: its length (287) runs into the next record; skipped" \
	"newsgraph: broken-members.warc.gz: record at offset 320: corrupt gzip member (invalid distance too far back); skipped" \
	"newsgraph: truncated-last.warc.gz: record at offset 625: truncated gzip member; skipped" \
	"newsgraph: mixed.warc: 12 archive records, 4 HTML pages; skipped: 4 by record type, 2 by HTTP status, 2 not HTML, 0 by encoding; 0 errors"
do
	grep -qxF "$m" "$T/err" || fail "message missing: $m"
done
# the source of each page: path, URL, offset
grep -q '"source":{"path":"mixed.warc","url":"http://example.org/a","offset":' "$T/out.jsonl" ||
	fail "source of mixed-a"
# --format warc on a name that says nothing, and content detection
cp mixed-per-record.warc.gz "$T/crawl.bin"
"$NG" annotate -q --stages extract "$T/crawl.bin" >"$T/a.jsonl" 2>"$T/err" || fail "auto on crawl.bin"
"$NG" annotate -q --stages extract --format warc <"$T/crawl.bin" >"$T/b.jsonl" 2>"$T/err" ||
	fail "--format warc from stdin"
[ "$(wc -l <"$T/a.jsonl")" -eq 4 ] && [ "$(wc -l <"$T/b.jsonl")" -eq 4 ] || fail "detection"
echo "ok"

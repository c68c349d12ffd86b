#!/bin/bash
# Real-world inputs (issue 28) and paths that would destroy input (issue 29):
# the CLI on the awkward files in tests/inputs/ and on trees made at test time.
# usage: run.sh NEWSGRAPH INPUTS_DIR
set -u -o pipefail
NG=$(realpath "$1")
IN=$(realpath "$2")
SHARED=${3:-}
T=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
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

# --- issue 28: a directory is taken by content
mkdir -p "$T/corpus/sub"
cp "$IN/article.txt" "$IN/page.html" "$IN/bom.jsonl" "$T/corpus/"
python3 - "$T/corpus" <<'PY'
import sys, os, zlib, struct
d = sys.argv[1]
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 64, 64, 8, 2, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(bytes(64 * 193))) + chunk(b'IEND', b'')
open(os.path.join(d, 'screenshot.png'), 'wb').write(png)
open(os.path.join(d, 'sub', 'scan.pdf'), 'wb').write(b'%PDF-1.4\n' + bytes(range(256)) * 8)
open(os.path.join(d, 'README'), 'w').write('How this corpus was collected. Not an article.\n')
open(os.path.join(d, 'LICENSE.txt'), 'w').write('Permission is granted to copy. Not an article.\n')
open(os.path.join(d, 'notes.md'), 'w').write('# Notes\nThese are notes, not an article.\n')
open(os.path.join(d, 'sub', 'story.php'), 'w').write(
    '<!doctype html><html><head><title>Saved page</title></head><body><p>A crawled page saved '
    'under a .php name is still an article. It has two sentences.</p></body></html>\n')
open(os.path.join(d, 'sub', '000123'), 'w').write(
    'A crawled text without an extension. It is read as text.\n')
open(os.path.join(d, 'sub', 'blob'), 'wb').write(b'\x00\x01\x02binary\x00' * 300)
PY
"$NG" annotate -q -j 2 "$T/corpus" -o "$T/corpus.jsonl" 2>"$T/err"
rc=$?
check "directory: exit 0" [ $rc -eq 0 ]
check "directory: articles only (txt, html, jsonl x2, .php page, extensionless text)" \
	[ "$(lines "$T/corpus.jsonl")" -eq 6 ]
check "directory: no PNG/PDF/README/LICENSE/notes as articles" \
	bash -c "! grep -qE 'screenshot|scan.pdf|README|LICENSE|notes.md|blob' '$T/corpus.jsonl'"
"$NG" annotate -j 2 "$T/corpus" -o "$T/corpus.jsonl" 2>"$T/err"
check "directory: one summary line of what was passed over" \
	has "$T/err" "5 files read, 6 passed over: 3 binary, 3 not articles, 0 excluded"
"$NG" annotate -v -j 2 "$T/corpus" -o "$T/corpus.jsonl" 2>"$T/err"
check "-v lists each file passed over, with why" \
	bash -c "grep -q 'screenshot.png: passed over: PNG image' '$T/err' && grep -q 'notes.md: passed over: not an article: unknown extension .md' '$T/err' && grep -q 'README: passed over' '$T/err' && grep -q 'blob: passed over: binary data' '$T/err'"
"$NG" annotate -q --exclude '*.jsonl' --exclude 'sub/*' "$T/corpus" -o "$T/corpus.jsonl" 2>"$T/err"
check "--exclude globs (a name, a path under the directory)" [ "$(lines "$T/corpus.jsonl")" -eq 2 ]
"$NG" annotate -q --include 'README' --include '*.md' "$T/corpus" -o "$T/corpus.jsonl" 2>"$T/err"
check "--include globs take only what they match, whatever its type" [ "$(lines "$T/corpus.jsonl")" -eq 2 ]
"$NG" annotate -q "$T/corpus/screenshot.png" -o "$T/png.jsonl" 2>"$T/err"
rc=$?
check "a PNG named on the command line: refused with a message, exit 1" \
	bash -c "[ $rc -eq 1 ] && [ ! -s '$T/png.jsonl' ] && grep -q 'screenshot.png: PNG image, not an article' '$T/err'"

# --- BOMs and UTF-16/32 in every reader
"$NG" annotate -q "$IN/bom.jsonl" -o "$T/bom.jsonl" 2>"$T/err"
check "JSON Lines after a UTF-8 BOM: the first record kept" [ "$(ids "$T/bom.jsonl")" = "bom-1 bom-2" ]
python3 - "$IN" "$T" <<'PY'
import sys, os
src, t = sys.argv[1], sys.argv[2]
html = open(os.path.join(src, 'page.html'), encoding='utf-8').read()
open(os.path.join(t, 'u16le-nobom.html'), 'wb').write(html.encode('utf-16-le'))
open(os.path.join(t, 'u16be-bom.html'), 'wb').write(b'\xfe\xff' + html.encode('utf-16-be'))
jl = open(os.path.join(src, 'bom.jsonl'), encoding='utf-8-sig').read()
open(os.path.join(t, 'u16.jsonl'), 'wb').write(b'\xff\xfe' + jl.encode('utf-16-le'))
open(os.path.join(t, 'u32.jsonl'), 'wb').write(jl.encode('utf-32'))  # with its BOM
txt = open(os.path.join(src, 'article.txt'), encoding='utf-8').read().replace('Farmers', 'Bauern in Köln 🚜')
open(os.path.join(t, 'u16be-nobom.txt'), 'wb').write(txt.encode('utf-16-be'))
csv = open(os.path.join(src, 'news.csv'), encoding='utf-8').read()
open(os.path.join(t, 'u16.csv'), 'wb').write(b'\xff\xfe' + csv.encode('utf-16-le'))
PY
for f in u16le-nobom.html u16be-bom.html; do
	"$NG" annotate -q "$T/$f" -o "$T/o.jsonl" 2>"$T/err"
	check "$f: read as HTML, title and text extracted" python3 -c '
import json,sys; d=json.loads(open(sys.argv[1]).read())
sys.exit(0 if d["title"]=="Ferry service resumes" and "resumed service on Monday" in d["text"] and "<" not in d["text"] else 1)' "$T/o.jsonl"
done
for f in u16.jsonl u32.jsonl; do
	"$NG" annotate -q "$T/$f" -o "$T/o.jsonl" 2>"$T/err"
	check "$f: both records" [ "$(ids "$T/o.jsonl")" = "bom-1 bom-2" ]
done
"$NG" annotate -q "$T/u16be-nobom.txt" -o "$T/o.jsonl" 2>"$T/err"
check "UTF-16BE text without a BOM: decoded (umlaut and an emoji outside the BMP)" python3 -c '
import json,sys; d=json.loads(open(sys.argv[1]).read()); sys.exit(0 if "Bauern in Köln 🚜" in d["text"] and not d["errors"] else 1)' "$T/o.jsonl"
"$NG" annotate -q "$T/u16.csv" -o "$T/o.jsonl" 2>"$T/err"
check "UTF-16 CSV: three rows" [ "$(lines "$T/o.jsonl")" -eq 3 ]

# --- compressed inputs
for z in "gzip -c" "zstd -q -c" "bzip2 -c"; do
	ext=$(case $z in gzip*) echo gz;; zstd*) echo zst;; bzip2*) echo bz2;; esac)
	$z "$IN/bom.jsonl" >"$T/articles.jsonl.$ext"
	$z "$IN/page.html" >"$T/page.html.$ext"
	"$NG" annotate -q "$T/articles.jsonl.$ext" "$T/page.html.$ext" -o "$T/o.jsonl" 2>"$T/err"
	check "articles.jsonl.$ext and page.html.$ext read transparently" python3 -c '
import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if [x["id"] for x in d[:2]]==["bom-1","bom-2"] and d[2]["title"]=="Ferry service resumes" else 1)' "$T/o.jsonl"
done
cp "$T/articles.jsonl.gz" "$T/articles-noext"
"$NG" annotate -q "$T/articles-noext" -o "$T/o.jsonl" 2>"$T/err"
check "gzip told by its magic bytes, not its name" [ "$(ids "$T/o.jsonl")" = "bom-1 bom-2" ]
(cat "$T/articles.jsonl.gz"; gzip -c "$IN/article.txt" | head -c 60) >"$T/cut.jsonl.gz"
"$NG" annotate -q "$T/cut.jsonl.gz" -o "$T/o.jsonl" 2>"$T/err"
rc=$?
check "a truncated gzip member: the records before it kept, the cut reported, exit 1" \
	bash -c "[ $rc -eq 1 ] && [ \"\$(wc -l <'$T/o.jsonl')\" -eq 2 ] && grep -q 'cut.jsonl.gz: truncated gzip data' '$T/err'"
mkdir -p "$T/zdir"
cp "$T/articles.jsonl.zst" "$T/page.html.gz" "$T/zdir/"
"$NG" annotate -q "$T/zdir" -o "$T/o.jsonl" 2>"$T/err"
check "a directory of compressed files" [ "$(lines "$T/o.jsonl")" -eq 3 ]

# --- pretty-printed JSON
"$NG" annotate -q "$IN/articles.json" "$IN/one.json" -o "$T/o.jsonl" 2>"$T/err"
check "a JSON array and a single pretty-printed object: 3 articles, no errors" \
	bash -c "[ \"\$($(declare -f ids); ids '$T/o.jsonl')\" = 'pretty-1 pretty-2 single-object' ] && [ ! -s '$T/err' ]"
check "JSON: metadata read (title)" python3 -c '
import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if d[0]["title"]=="Harbour workers end strike" else 1)' "$T/o.jsonl"
printf '[\n {"id":"ok-1","text":"Good one. Fine."},\n {"id":"bad", "text": 12},\n 7,\n {"id":"ok-2","text":"Good two. Fine."}\n]\n' >"$T/mixed.json"
"$NG" annotate -q "$T/mixed.json" -o "$T/o.jsonl" 2>"$T/err"
check "JSON array: bad elements reported by line, the good ones kept" \
	bash -c "[ \"\$($(declare -f ids); ids '$T/o.jsonl')\" = 'ok-1 ok-2' ] && grep -q 'mixed.json:3:' '$T/err' && grep -q 'mixed.json:4: value 3 is not a JSON object' '$T/err'"

# --- CSV and TSV with a header
"$NG" annotate -q "$IN/news.csv" -o "$T/o.jsonl" 2>"$T/err"
check "CSV: one article a row, quoted fields with commas, quotes and blank lines" python3 -c '
import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]
ok = len(d)==3 and d[0]["title"]=="Council votes, then adjourns" and "\"It was a long night,\" the mayor said." in d[0]["text"] \
   and d[1]["text"].startswith("Forecasters") and d[0]["source"].get("url", d[0].get("url"))=="https://example.org/a"
sys.exit(0 if ok else 1)' "$T/o.jsonl"
"$NG" annotate -q "$IN/news.tsv" -o "$T/o.jsonl" 2>"$T/err"
check "TSV: ids from the id column" [ "$(ids "$T/o.jsonl")" = "tsv-1 tsv-2" ]
"$NG" annotate -q --csv-columns text=headline "$IN/news.csv" -o "$T/o.jsonl" 2>"$T/err"
check "--csv-columns text=headline" python3 -c '
import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if d[1]["text"]=="Rain expected" else 1)' "$T/o.jsonl"
"$NG" annotate -q --csv-columns text=nosuch "$IN/news.csv" -o "$T/o.jsonl" 2>"$T/err"
check "--csv-columns naming a missing column: said so" has "$T/err" "the header has no column 'nosuch'"
printf 'a,b\n1,2\n' >"$T/notext.csv"
"$NG" annotate -q "$T/notext.csv" -o "$T/o.jsonl" 2>"$T/err"
check "CSV without a text column: said so, with the columns" has "$T/err" "no text column in the header (a, b)"
W=${SHARED:-}/data/corpora/wikinews/data/wikinews_2019.csv
if [ -n "${SHARED:-}" ] && [ -f "$W" ]; then
	"$NG" annotate -q -j 2 "$W" -o "$T/o.jsonl" 2>"$T/err"
	n=$(python3 -c 'import csv,sys; csv.field_size_limit(1<<30); print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))) - 1)' "$W")
	check "Wikinews CSV read directly: one article per row ($n)" [ "$(lines "$T/o.jsonl")" -eq "$n" ]
else
	echo "skip Wikinews CSV (no ../shared)"
fi

# --- -@ list.txt
printf '# inputs\n%s\n\n%s\n' "$IN/article.txt" "$IN/news.tsv" >"$T/list.txt"
"$NG" annotate -q -@ "$T/list.txt" -o "$T/o.jsonl" 2>"$T/err"
check "-@ list.txt: the listed paths (comments and blank lines passed over)" [ "$(lines "$T/o.jsonl")" -eq 3 ]
"$NG" annotate -q -@ "$T/nolist.txt" -o "$T/o.jsonl" 2>"$T/err"
check "-@ a missing list: exit 2, said so" bash -c "[ $? -eq 2 ] && grep -q 'nolist.txt: No such file' '$T/err'"

# --- dates: ISO 8601 at the reader and in HTML metadata; the unreadable kept raw
"$NG" annotate -q "$IN/dates.jsonl" -o "$T/o.jsonl" 2>"$T/err"
check "dates in JSON Lines normalised to ISO 8601, impossible and unreadable ones refused" python3 -c '
import json,sys
d={x["id"]:x for x in map(json.loads, open(sys.argv[1]))}
want={"iso":"2021-06-16","rfc3339":"2021-06-16T14:30:00+02:00","rfc2822":"2021-06-16T14:30:00Z",
 "month-first":"2021-06-16","day-first":"2021-06-16","slashes":"2021-06-16","ambiguous":"2021-06-05",
 "epoch-s":"2021-06-16T14:30:00Z","epoch-ms":"2021-06-16T14:30:00Z","impossible":None,"words":None}
bad=[(k,d[k]["date"],v) for k,v in want.items() if d[k]["date"]!=v]
raw=d["impossible"].get("date_raw")=="2020-13-45" and d["words"].get("date_raw")=="last Tuesday"
errs=any("2020-13-45" in e["message"] for e in d["impossible"]["errors"])
print(bad) if bad else None
sys.exit(0 if not bad and raw and errs and "date_raw" not in d["iso"] else 1)' "$T/o.jsonl"
check "an unreadable date is a warning naming the record" has "$T/err" "dates.jsonl:10: warning: date: '2020-13-45' is not a date"
"$NG" annotate -q --date-order mdy "$IN/dates.jsonl" -o "$T/o.jsonl" 2>"$T/err"
check "--date-order mdy reads 05/06/2021 as May 6, and 16/06/2021 still as June 16" python3 -c '
import json,sys
d={x["id"]:x for x in map(json.loads, open(sys.argv[1]))}
sys.exit(0 if d["ambiguous"]["date"]=="2021-05-06" and d["slashes"]["date"]=="2021-06-16" else 1)' "$T/o.jsonl"
"$NG" annotate -q "$IN/news.csv" -o "$T/o.jsonl" 2>"$T/err"
check "CSV dates read (published column)" python3 -c '
import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if d[2]["date"]=="2021-06-18" else 1)' "$T/o.jsonl"
"$NG" annotate -q "$IN/dated.html" -o "$T/o.jsonl" 2>"$T/err"
check "HTML meta date in RFC 2822 form, with its time and zone" python3 -c '
import json,sys; d=json.loads(open(sys.argv[1]).read()); sys.exit(0 if d["date"]=="2021-06-15T08:00:00-04:00" else 1)' "$T/o.jsonl"
python3 - "$IN/dated.html" "$T/dated.warc" <<'PY'
import sys
html = open(sys.argv[1], 'rb').read()
http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n' % len(html) + html
rec = (b'WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-03-04T12:00:00Z\r\n'
       b'WARC-Record-ID: <urn:uuid:0b5e3c2a-0000-4000-8000-000000000001>\r\n'
       b'WARC-Target-URI: https://example.org/dam\r\nContent-Type: application/http; msgtype=response\r\n'
       b'Content-Length: %d\r\n\r\n' % len(http) + http + b'\r\n\r\n')
open(sys.argv[2], 'wb').write(rec)
PY
"$NG" annotate -q "$T/dated.warc" -o "$T/o.jsonl" 2>"$T/err"
check "WARC: the page's own date wins, the crawl date kept as crawled" python3 -c '
import json,sys; d=json.loads(open(sys.argv[1]).read())
sys.exit(0 if d["date"]=="2021-06-15T08:00:00-04:00" and d["crawled"]=="2024-03-04T12:00:00Z" else 1)' "$T/o.jsonl"

# --- limits and messages
python3 - "$T" <<'PY'
import sys, os
t = sys.argv[1]
with open(os.path.join(t, 'limits.jsonl'), 'w') as f:
    f.write('{"id":"small","text":"Short enough. Fine."}\n')
    f.write('{"id":"big","text":"' + 'word ' * 2000 + '"}\n')   # 10 KB, inside one read chunk
    f.write('{"id":"deep","text":"x","n":' + '[' * 70 + ']' * 70 + '}\n')
    f.write('{"id":"after","text":"After the others. Fine."}\n')
with open(os.path.join(t, 'limits.json'), 'w') as f:
    f.write('[{"id":"small","text":"Short enough. Fine."},\n {"id":"big","text":"' + 'word ' * 2000 + '"},\n {"id":"after","text":"After. Fine."}]\n')
with open(os.path.join(t, 'limits.csv'), 'w') as f:
    f.write('id,text\nsmall,Short enough. Fine.\nbig,"' + 'word ' * 2000 + '"\nafter,After. Fine.\n')
PY
for f in limits.jsonl limits.json limits.csv; do
	"$NG" annotate -q --max-bytes 4k "$T/$f" -o "$T/o.jsonl" 2>"$T/err"
	check "--max-bytes 4k enforced in $f for a record inside one read chunk" \
		bash -c "grep -q '$f:[0-9]*: record of [0-9]* bytes is over the limit of 4096\|$f:[0-9]*: row of [0-9]* bytes is over the limit of 4096' '$T/err' && ! grep -q '\"big\"' '$T/o.jsonl' && grep -q '\"after\"' '$T/o.jsonl'"
done
"$NG" annotate -q "$T/limits.jsonl" -o "$T/o.jsonl" 2>"$T/err"
check "JSON nested too deep says so (not 'size limit exceeded')" \
	bash -c "grep -q 'limits.jsonl:3:[0-9]*: JSON nested deeper than 64 levels' '$T/err' && ! grep -q 'size limit exceeded' '$T/err'"
"$NG" annotate -q --dictionaries "$T/nonexistent" "$IN/article.txt" -o "$T/o.jsonl" 2>"$T/err"
check "--dictionaries naming a missing path says it is missing" has "$T/err" "nonexistent: No such file or directory"
if [ -w /dev/full ]; then
	"$NG" annotate -q "$IN/article.txt" -o /dev/full 2>"$T/err"
	check "a full disk says so (not 'write error: Success')" \
		bash -c "[ $? -eq 1 ] && grep -q '/dev/full: write error: No space left on device' '$T/err'"
fi

# --- a declared charset cross-checked against the bytes
"$NG" annotate -q "$IN/stale-gb2312.html" -o "$T/o.jsonl" 2>"$T/err"
check "a stale gb2312 tag on UTF-8 bytes: read as UTF-8 (title and text), with a warning" python3 -c '
import json,sys; d=json.loads(open(sys.argv[1]).read())
ok = d["title"]=="北京举行春季书展" and "Zürich, Kraków and São Paulo" in d["text"] and any("declares charset" in e["message"] for e in d["errors"])
sys.exit(0 if ok else 1)' "$T/o.jsonl"
python3 -c 'import sys; open(sys.argv[2],"wb").write(open(sys.argv[1],encoding="utf-8").read().replace("Zürich, Kraków and São Paulo","Zurich, Krakow and Sao Paulo").replace("café","cafe").encode("gb2312"))' \
	"$IN/stale-gb2312.html" "$T/real-gb2312.html"
"$NG" annotate -q "$T/real-gb2312.html" -o "$T/o.jsonl" 2>"$T/err"
check "a real gb2312 page is still read as gb2312" python3 -c '
import json,sys; d=json.loads(open(sys.argv[1]).read()); sys.exit(0 if d["title"]=="北京举行春季书展" and not d["errors"] else 1)' "$T/o.jsonl"

exit $fail

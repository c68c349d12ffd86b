#!/bin/sh
# man_pages.sh NEWSGRAPH SOURCE_DIR -- the committed per-command man pages
# (docs/man/newsgraph-COMMAND.1) are what tools/manpages.py makes from the
# program's own --help: one for every command, none for a command that is
# gone, and each renders with no groff warning. When this fails after a
# --help changed, run: tools/manpages.py build/newsgraph docs/man
set -u
NG=$1
SRC=$2
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "man_pages: $PY missing, skipped"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-man.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$PY" "$SRC/tools/manpages.py" "$NG" "$T" || { echo "FAIL: tools/manpages.py failed"; exit 1; }
n=$(ls "$T" | wc -l)
[ "$n" -ge 8 ] || { echo "FAIL: only $n pages made"; exit 1; }
bad=0
for f in "$T"/*.1; do
	b=$(basename "$f")
	if ! cmp -s "$f" "$SRC/docs/man/$b"; then
		echo "FAIL: docs/man/$b differs from the program's --help (run: tools/manpages.py build/newsgraph docs/man)"
		diff "$SRC/docs/man/$b" "$f" 2>&1 | head -10
		bad=1
	fi
done
for f in "$SRC"/docs/man/newsgraph-*.1; do
	[ -e "$f" ] || continue
	b=$(basename "$f")
	[ -e "$T/$b" ] || { echo "FAIL: docs/man/$b: no such command any more"; bad=1; }
done
if command -v groff >/dev/null 2>&1; then
	for f in "$SRC"/docs/man/*.1; do
		w=$(groff -man -Tutf8 -ww -z "$f" 2>&1)
		[ -z "$w" ] || { echo "FAIL: $(basename "$f"): $w"; bad=1; }
	done
else
	echo "man_pages: groff missing, rendering not checked"
fi
[ $bad = 0 ] && echo "ok: $n command pages match --help"
exit $bad

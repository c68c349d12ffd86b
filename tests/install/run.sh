#!/bin/sh
# make install's result, used as a new user would (issue 24): installs the
# build into a temporary prefix, then from another directory, with no
# NEWSGRAPH_DATA: --version reports the installed share/newsgraph (not the
# checkout's data/), `newsgraph annotate` works on examples/, examples/embed.c
# builds with `cc $(pkg-config --cflags --libs newsgraph)` and runs, the
# shared library exports only ng_* symbols and has its SONAME, the man page
# reads (when man is installed); a DESTDIR install stages everything under
# DESTDIR; scripts/uninstall leaves nothing behind.
# usage: run.sh BUILD_DIR SOURCE_DIR CC [EXTRA_CFLAGS]
set -u
BUILD=$1
SRC=$2
CC=$3
EXTRA=${4:-}
T=$(mktemp -d)
MANIFEST=$BUILD/install_manifest.txt
# cmake --install rewrites the build's manifest: keep a `make install`'s one
[ -f "$MANIFEST" ] && cp "$MANIFEST" "$T/manifest.saved"
cleanup() {
	if [ -f "$T/manifest.saved" ]; then cp "$T/manifest.saved" "$MANIFEST"; else rm -f "$MANIFEST"; fi
	rm -rf "$T"
}
trap cleanup EXIT
fail=0
check() { # check NAME COMMAND...: the command must succeed
	name=$1
	shift
	if "$@"; then :; else
		echo "FAIL $name"
		fail=1
	fi
}
unset NEWSGRAPH_DATA NG_DATA_DIR NG_EVENTS_DATA
P=$T/prefix
if ! cmake --install "$BUILD" --prefix "$P" >"$T/install.log" 2>&1; then
	cat "$T/install.log"
	echo "FAIL cmake --install"
	exit 1
fi
LIBDIR=$(dirname "$(find "$P" -name libnewsgraph.so.0 | head -1)")
NG=$P/bin/newsgraph
mkdir "$T/elsewhere"
cd "$T/elsewhere" || exit 1

for f in bin/newsgraph include/newsgraph/newsgraph.h include/newsgraph/store.h \
	share/newsgraph/ner.model share/man/man1/newsgraph.1; do
	check "installed $f" test -f "$P/$f"
done
check "installed libnewsgraph.a" test -f "$LIBDIR/libnewsgraph.a"
check "installed newsgraph.pc" test -f "$LIBDIR/pkgconfig/newsgraph.pc"

# the data directory: the installed one, found from the program's location
"$NG" --version >"$T/version" 2>&1
check "--version runs" test $? -eq 0
dir=$(sed -n 's/^data directory: \(.*\) (.*)$/\1/p' "$T/version")
check "--version names the installed data directory (got '$dir')" \
	test "$(cd "$dir" 2>/dev/null && pwd -P)" = "$(cd "$P/share/newsgraph" && pwd -P)"
check "--version lists the NER model" grep -Eq '^  ner.model +NGNERM[0-9]+ +[0-9]+ bytes' "$T/version"
"$NG" --version --data "$T/nowhere" >"$T/version2" 2>&1
check "--version --data reports missing models" grep -q '^  ner.model *missing' "$T/version2"

# annotate examples/ from here
check "annotate examples/" "$NG" annotate -q -j 1 "$SRC/examples/articles" -o "$T/out.jsonl"
n_in=$(find "$SRC/examples/articles" -type f -name '*.txt' | wc -l)
n_out=$(wc -l <"$T/out.jsonl")
check "one record per article ($n_out of $n_in)" test "$n_in" -eq "$n_out" -a "$n_in" -gt 0
check "annotate found entities" grep -q '"entities":\[{' "$T/out.jsonl"

# the library: exports, SONAME, pkg-config, an embedding program
SO=$LIBDIR/libnewsgraph.so.0
nm -D --defined-only "$SO" | awk '{print $3}' >"$T/exports"
check "the library exports symbols" test -s "$T/exports"
check "only ng_* exported: $(grep -v '^ng_' "$T/exports" | head -5 | tr '\n' ' ')" \
	sh -c "! grep -qv '^ng_' '$T/exports'"
check "SONAME libnewsgraph.so.0" sh -c "readelf -d '$SO' | grep -q 'SONAME.*\[libnewsgraph.so.0\]'"
if command -v pkg-config >/dev/null 2>&1; then
	export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
	flags=$(pkg-config --cflags --libs newsgraph)
	check "pkg-config knows newsgraph" test $? -eq 0
	# shellcheck disable=SC2086 # flags are words
	if $CC $EXTRA -o "$T/embed" "$SRC/examples/embed.c" $flags 2>"$T/cc.err"; then
		check "embed links the shared library" sh -c "LD_LIBRARY_PATH='$LIBDIR' ldd '$T/embed' | grep -q '$LIBDIR/libnewsgraph.so.0'"
		LD_LIBRARY_PATH=$LIBDIR "$T/embed" "$SRC/examples/articles/01-harbor-talks.txt" >"$T/embed.out" 2>&1
		check "embed runs" test $? -eq 0
		check "embed uses the installed data" grep -q "data $P" "$T/embed.out"
		check "embed finds entities" grep -q '^  entity ' "$T/embed.out"
	else
		cat "$T/cc.err"
		check "cc examples/embed.c \$(pkg-config --cflags --libs newsgraph)" false
	fi
else
	echo "pkg-config not installed: embedding check skipped"
fi

# the man page
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$P/share/man/man1/newsgraph.1" >"$T/man.txt" 2>"$T/man.err"
	check "man -l newsgraph.1" test $? -eq 0
	for c in annotate build query export train-ner tag-conll train-syntax parse-conllu NEWSGRAPH_DATA; do
		check "man page covers $c" grep -q "$c" "$T/man.txt"
	done
	# one page a command, found by man under the prefix
	MANWIDTH=80 MANPATH="$P/share/man" man newsgraph-annotate >"$T/man-annotate.txt" 2>/dev/null
	check "man newsgraph-annotate" grep -q -- "--max-bytes" "$T/man-annotate.txt"
else
	echo "man not installed: man page check skipped"
fi

# uninstall: nothing left but empty shared directories
check "uninstall" "$SRC/scripts/uninstall" "$MANIFEST" >/dev/null
check "no file left: $(find "$P" ! -type d | head -3 | tr '\n' ' ')" sh -c "test -z \"\$(find '$P' ! -type d)\""
check "no newsgraph directory left" sh -c "test -z \"\$(find '$P' -name newsgraph)\""

# DESTDIR: everything staged under it, with the prefix inside
D=$T/stage
DESTDIR=$D cmake --install "$BUILD" --prefix /usr/local >/dev/null 2>&1
check "DESTDIR install" test -x "$D/usr/local/bin/newsgraph" -a -f "$D/usr/local/share/newsgraph/ner.model"
check "uninstall DESTDIR" "$SRC/scripts/uninstall" "$MANIFEST" "$D" >/dev/null
check "nothing left under DESTDIR" sh -c "test -z \"\$(find '$D' ! -type d)\""

[ $fail -eq 0 ] && echo "install: all checks passed"
exit $fail

#!/bin/sh
# warc.sh -- throughput of the WARC/ARC reader alone (no pipeline stage) on
# the web-archive test files in ../shared/data/warc, repeated into larger
# files (default about 300 MB of WARC data each): one per-record gzip file,
# one plain file (the same records inflated) and one ARC file. Prints MB/s
# and records/s per core, next to `gzip -dc` on the same gzip file as the
# floor set by inflating alone.
#   usage: bench/warc.sh [BUILD_DIR] [TARGET_MB]
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
TARGET_MB=${2:-300}
SHARED=${NG_SHARED_DIR:-$SRC/../shared}
W="$SHARED/data/warc"
[ -d "$W" ] || { echo "warc.sh: $W is absent" >&2; exit 77; }
[ -x "$BUILD/ng_warcbench" ] || { echo "warc.sh: build first ($BUILD/ng_warcbench)" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# the well-formed files (the deliberately broken ones are for the tests)
gzs=$(find "$W" -name '*.warc.gz' ! -name '*bad*' ! -name '*wrong*' | sort)
plains=$(find "$W" -name '*.warc' ! -name '*trunc.warc' | sort)
arcs=$(find "$W" -name '*.arc' ! -name 'bad.arc' ! -name '*space-in-url*' | sort)
# shellcheck disable=SC2086
cat $gzs >"$T/one.warc.gz"
# shellcheck disable=SC2086
{ cat $plains; for f in $gzs; do gzip -dc "$f"; done; } >"$T/one.warc"
# shellcheck disable=SC2086
cat $arcs >"$T/one.arc"
grow() { # file -> file repeated to TARGET_MB of its inflated size
	src=$1 dst=$2
	sz=$(gzip -dcf "$src" | wc -c)
	n=$((TARGET_MB * 1000000 / sz + 1))
	i=0
	while [ $i -lt $n ]; do cat "$src"; i=$((i + 1)); done >"$dst"
}
grow "$T/one.warc.gz" "$T/big.warc.gz"
grow "$T/one.warc" "$T/big.warc"
grow "$T/one.arc" "$T/big.arc"

echo "== WARC/ARC reader alone, one core ($(nproc) cores here, shared)"
for f in big.warc.gz big.warc big.arc; do
	printf '%-12s %6.0f MB stored: ' "$f" "$(echo "$(wc -c <"$T/$f") / 1000000" | bc -l)"
	nice "$BUILD/ng_warcbench" "$T/$f" 2>/dev/null
done
inflated=$(gzip -dc "$T/big.warc.gz" | wc -c)
s=$(date +%s.%N)
gzip -dc "$T/big.warc.gz" >/dev/null
e=$(date +%s.%N)
printf 'gzip -dc big.warc.gz: %.1f MB/s input, %.1f MB/s inflated (%.0f MB)\n' \
	"$(echo "$(wc -c <"$T/big.warc.gz") / 1000000 / ($e - $s)" | bc -l)" \
	"$(echo "$inflated / 1000000 / ($e - $s)" | bc -l)" "$(echo "$inflated / 1000000" | bc -l)"

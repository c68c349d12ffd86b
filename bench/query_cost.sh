#!/bin/bash
# Query cost on crafted articles (issue 29, item 6): one article of one repeated phrase
# ("harbor strike"), 256 KB to 2 MB, stored with --stages extract,segment; each `query`
# subcommand timed (median of RUNS runs, wall and user+sys CPU, process start-up included).
# FTS5's snippet() grew with the square of the hits (256 KB: 11.6 s, 512 KB: 39 s before
# the bound); the goal is linear growth, under 100 ms for 2 MB.
# usage: bench/query_cost.sh [BUILD_DIR]   (env: RUNS, default 5)
set -eu -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
B=${1:-$ROOT/build}
NG=$B/newsgraph
RUNS=${RUNS:-5}
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-qcost.XXXXXX")
trap 'rm -rf "$T"' EXIT
printf '%-8s %-22s %10s %10s\n' size query "wall ms" "cpu ms"
for kb in 256 512 1024 2048; do
	python3 -c "
import json, sys
kb = int(sys.argv[1])
print(json.dumps({'id': 'big', 'text': 'harbor strike ' * (kb * 1024 // 14)}))" "$kb" >"$T/big.jsonl"
	rm -f "$T/big.db"*
	"$NG" build -q --stages extract,segment "$T/big.db" "$T/big.jsonl"
	for q in "search harbor" "search harbor strike" "quotes --text harbor" "entities" \
		"articles --entity harbor" "events --source USA"; do
		for _ in $(seq "$RUNS"); do
			# shellcheck disable=SC2086
			/usr/bin/time -q -f "%e %U %S" -o "$T/time" "$NG" query "$T/big.db" $q >/dev/null || true
			read -r w u s < <(tail -n 1 "$T/time")
			python3 -c "print(f'{$w * 1000:.0f} {($u + $s) * 1000:.0f}')"
		done >"$T/runs"
		python3 - "$kb KB" "$q" "$T/runs" <<'PY'
import statistics, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[3])]
print(f"{sys.argv[1]:<8} {sys.argv[2]:<22} {statistics.median(r[0] for r in rows):>10.0f} "
      f"{statistics.median(r[1] for r in rows):>10.0f}")
PY
	done
done

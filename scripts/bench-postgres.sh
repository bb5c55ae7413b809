#!/usr/bin/env bash
# The two backends side by side on one generated estate of DEVICES devices (default 20,000: a million
# installations): importing it into a new SQLite file and into a new PostgreSQL database, reconciling each store,
# and the plain query the PostgreSQL figure is held against, run with psql over the same data:
#   SELECT product, count(DISTINCT device) FROM installation GROUP BY product
# Every figure is a whole command's wall time (process start included, as a user meets it), the median of RUNS
# (default 3). Uses the server TALLY_BENCH_POSTGRES names (a user who may create databases), else starts a
# throwaway cluster on loopback (scripts/pg-cluster.sh). Release build first: swift build -c release.
# Usage: scripts/bench-postgres.sh [DEVICES] [RUNS]
set -euo pipefail
devices=${1:-20000}
runs=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
tally="$here/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
cluster=""
trap '[ -n "$cluster" ] && "$here/scripts/pg-cluster.sh" stop "$cluster"; rm -rf "$work"' EXIT
server=${TALLY_BENCH_POSTGRES:-}
if [ -z "$server" ]; then
    cluster="$work/cluster"
    server=$("$here/scripts/pg-cluster.sh" start "$cluster")
fi
export TALLY_DOCUMENTS="$work/documents"

# Seconds a command takes, its output discarded; it must succeed.
seconds() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>"$work/err" || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
    end=$(date +%s%N)
    python3 -c "print(f'{($end - $start) / 1e9:.3f}')"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
database() { # a new empty database's URL
    local name="tally_bench_$1_$$"
    psql "$server" -qc "CREATE DATABASE $name" >/dev/null
    echo "${server%/*}/$name"
}

"$tally" generate --devices "$devices" --seed 1 --as-of 2026-11-29 -o "$work/estate.json" >/dev/null
echo "estate: $devices devices, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["installations"]))' "$work/estate.json") installations; $runs runs each, median seconds"

sqlite_import=() postgres_import=()
for run in $(seq 1 "$runs"); do
    rm -f "$work/store.sqlite"*
    sqlite_import+=("$(seconds "$tally" import --estate "$work/estate.json" --db "$work/store.sqlite")")
    pg=$(database "import$run")
    postgres_import+=("$(seconds "$tally" import --estate "$work/estate.json" --db "$pg")")
done
# Each run's pair, and the median of their ratios: the machine's speed drifts from run to run, a pair's less.
ratios=()
for i in "${!sqlite_import[@]}"; do
    ratios+=("$(python3 -c "print(f'{${postgres_import[$i]} / ${sqlite_import[$i]}:.3f}')")")
    printf 'import run %d: sqlite %6s   postgres %6s   postgres/sqlite %s\n' "$((i + 1))" "${sqlite_import[$i]}" \
        "${postgres_import[$i]}" "${ratios[$i]}"
done
printf 'import     sqlite %6s   postgres %6s   median postgres/sqlite of the runs %s\n' \
    "$(printf '%s\n' "${sqlite_import[@]}" | median)" "$(printf '%s\n' "${postgres_import[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | median)"

sqlite_reconcile=() postgres_reconcile=() plain=()
psql "$pg" -qc "VACUUM ANALYZE" >/dev/null
for run in $(seq 1 "$runs"); do
    sqlite_reconcile+=("$(seconds "$tally" reconcile --db "$work/store.sqlite" --as-of 2026-11-29)")
    postgres_reconcile+=("$(seconds "$tally" reconcile --db "$pg" --as-of 2026-11-29)")
    plain+=("$(seconds psql "$pg" -qc "SELECT product, count(DISTINCT device) FROM installation GROUP BY product")")
done
sr=$(printf '%s\n' "${sqlite_reconcile[@]}" | median)
pr=$(printf '%s\n' "${postgres_reconcile[@]}" | median)
pq=$(printf '%s\n' "${plain[@]}" | median)
printf 'reconcile  sqlite %6s   postgres %6s\n' "$sr" "$pr"
pairs=()
for i in "${!plain[@]}"; do pairs+=("$(python3 -c "print(f'{${postgres_reconcile[$i]} / ${plain[$i]}:.3f}')")"); done
printf 'psql count(DISTINCT device) by product: %s   postgres reconcile / psql: %s (median of the runs: %s)\n' "$pq" \
    "$(python3 -c "print(f'{$pr / $pq:.2f}')")" "$(printf '%s\n' "${pairs[@]}" | median)"

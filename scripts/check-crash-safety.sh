#!/usr/bin/env bash
# Kills `tally import` with SIGKILL at random moments, twenty times, and checks after each kill that the database
# is intact and holds either the whole import or none of it. Usage: scripts/check-crash-safety.sh PATH-TO-TALLY
set -uo pipefail
tally=${1:?usage: scripts/check-crash-safety.sh PATH-TO-TALLY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/store.sqlite"
runs=${RUNS:-20}

"$tally" generate --devices 4000 --seed 1 --as-of 2026-11-29 -o "$work/a.json" 2>/dev/null
"$tally" generate --devices 4500 --seed 2 --as-of 2026-11-29 -o "$work/b.json" 2>/dev/null

# What each file holds once imported whole, read back from stores of their own.
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from installation").fetchone()[0])' "$1"; }
took=$(python3 -c '
import subprocess, sys, time
start = time.time()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(time.time() - start)' "$tally" import --estate "$work/a.json" --mode replace --db "$work/a.sqlite")
"$tally" import --estate "$work/b.json" --mode replace --db "$work/b.sqlite" >/dev/null
whole_a=$(count "$work/a.sqlite")
whole_b=$(count "$work/b.sqlite")
"$tally" import --estate "$work/a.json" --mode replace --db "$db" >/dev/null

passed=0
failed=0
for run in $(seq 1 "$runs"); do
    file=$([ $((run % 2)) -eq 1 ] && echo b || echo a)
    delay=$(python3 -c "import random; print(round(random.uniform(0.05, $took * 1.2), 3))")
    "$tally" import --estate "$work/$file.json" --mode replace --db "$db" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    verdict=$(python3 - "$db" "$whole_a" "$whole_b" "$work/a.json" "$work/b.json" <<'PY'
import sqlite3, sys
path, whole_a, whole_b, file_a, file_b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
db = sqlite3.connect(path)
check = db.execute("PRAGMA integrity_check").fetchone()[0]
if check != "ok":
    print("integrity_check: " + check); sys.exit()
installations = db.execute("SELECT count(*) FROM installation").fetchone()[0]
source = db.execute("SELECT source FROM import_batch ORDER BY id DESC LIMIT 1").fetchone()[0]
expected = whole_a if source == file_a else whole_b
if installations != expected:
    print(f"{installations} installations after the last whole import of {source} ({expected})"); sys.exit()
batches = db.execute("SELECT count(*) FROM import_batch").fetchone()[0]
entries = db.execute("SELECT count(*) FROM audit_entry WHERE entity = 'import'").fetchone()[0]
if batches != entries:
    print(f"{batches} import batches but {entries} audit entries"); sys.exit()
print("ok")
PY
)
    if [ "$verdict" = "ok" ] && "$tally" audit verify --db "$db" >/dev/null; then
        passed=$((passed + 1))
    else
        echo "FAIL run $run (killed after ${delay}s importing $file): $verdict"
        failed=$((failed + 1))
    fi
done
echo "crash-safety: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

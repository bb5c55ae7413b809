#!/usr/bin/env bash
# Times the store on a large estate (release build first: swift build -c release):
#   importing it (about 5 million installations at --devices 100000), reconciling the store (loading included)
#   against a plain `SELECT product, count(DISTINCT device) FROM installation GROUP BY product` on the same file,
#   and the everyday edits, each a whole `tally` command.
# Usage: scripts/bench-store.sh [DEVICES] [RUNS]
set -euo pipefail
devices=${1:-100000}
runs=${2:-10}
tally="$(cd "$(dirname "$0")/.." && pwd)/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tally" generate --devices "$devices" --seed 1 --as-of 2026-11-29 -o "$work/estate.json" >/dev/null
python3 - "$tally" "$work" "$runs" <<'PY'
import json, sqlite3, statistics, subprocess, sys, time
tally, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = f"{work}/store.sqlite"
estate = json.load(open(f"{work}/estate.json"))
installations = len(estate["installations"])

def timed(*args, check=True):
    start = time.perf_counter()
    subprocess.run([tally, *args, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check)
    return time.perf_counter() - start

took = timed("import", "--estate", f"{work}/estate.json", "--mode", "replace")
print(f"import: {installations:,} installations in {took:.2f} s = {installations / took:,.0f} installation rows/s")

def best(label, times, unit="s"):
    scale = 1000 if unit == "ms" else 1
    values = sorted(t * scale for t in times)
    print(f"{label}: best {values[0]:.{0 if unit == 'ms' else 2}f} {unit}, median "
          f"{statistics.median(values):.{0 if unit == 'ms' else 2}f} {unit} over {len(values)} runs")
    return values[0]

reconcile = best("reconcile from the store, loading included",
                 [timed("reconcile", "--as-of", "2026-11-29") for _ in range(3)])
def select():
    connection = sqlite3.connect(db)
    start = time.perf_counter()
    connection.execute("SELECT product, count(DISTINCT device) FROM installation GROUP BY product").fetchall()
    took = time.perf_counter() - start
    connection.close()
    return took
plain = best("plain SELECT product, count(DISTINCT device) FROM installation GROUP BY product",
             [select() for _ in range(3)])
print(f"reconcile / SELECT: {reconcile / plain:.2f}")

product = estate["products"][0]["id"]
device = estate["devices"][-1]["id"]
edits = {
    "entitlement add": lambda i: ("entitlement", "add", f"BENCH-{i}", "--product", product, "--quantity", "3"),
    "entitlement edit": lambda i: ("entitlement", "edit", f"BENCH-{i}", "--quantity", "4"),
    "entitlement retire": lambda i: ("entitlement", "retire", f"BENCH-{i}", "--on", "2026-12-31"),
    "product edit": lambda i: ("product", "edit", product, "--unit-price", str(100 + i)),
    "assign": lambda i: ("assign", product, "--device", estate["devices"][i]["id"]),
    "device retire": lambda i: ("device", "retire", estate["devices"][-1 - i]["id"], "--on", "2026-12-31"),
}
for label, arguments in edits.items():
    best(f"tally {label}", [timed(*arguments(i)) for i in range(runs)], unit="ms")
def version():
    start = time.perf_counter()
    subprocess.run([tally, "--version"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
best("tally --version (starting the process, no store)", [version() for _ in range(runs)], unit="ms")
PY

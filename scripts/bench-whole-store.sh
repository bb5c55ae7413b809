#!/usr/bin/env bash
# Times the operations that touch the whole store, on a generated estate (release build first: swift build -c release):
#   a first import into a new store, export, the full JSON report, replacing the store with a smaller estate and
#   merging the same file again; each with its peak resident memory, against the targets (export within 1.5x of
#   the import, replace and merge within 2x, memory under 2x the file, the report no slower than python's json.load
#   reading the estate).
# Usage: scripts/bench-whole-store.sh [DEVICES] [RUNS]
set -euo pipefail
devices=${1:-20000}
runs=${2:-3}
tally="$(cd "$(dirname "$0")/.." && pwd)/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tally" generate --devices "$devices" --seed 1 --as-of 2026-11-29 -o "$work/estate.json" >/dev/null
"$tally" generate --devices $((devices / 4)) --seed 2 --as-of 2026-11-29 -o "$work/smaller.json" >/dev/null
python3 - "$tally" "$work" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
tally, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
estate, smaller = f"{work}/estate.json", f"{work}/smaller.json"
size = os.path.getsize(estate)

def run(arguments, output=subprocess.DEVNULL):
    """Seconds and peak resident bytes of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=output, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(arguments)} failed: {process.stderr.read().decode()}")
    return took, usage.ru_maxrss * 1024

def measure(label, prepare, arguments, output=None):
    results = []
    for _ in range(runs):
        prepare()
        if output:
            with open(output, "wb") as sink:
                results.append(run(arguments, sink))
        else:
            results.append(run(arguments))
    times = sorted(t for t, _ in results)
    peak = max(m for _, m in results)
    print(f"{label}: best {times[0]:.2f} s, median {statistics.median(times):.2f} s over {runs} runs; "
          f"peak resident {peak / 2**20:,.0f} MiB ({peak / size:.2f}x the file)")
    return times[0], peak

def fresh(db):
    def remove():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    return remove

db = f"{work}/store.sqlite"
print(f"estate: {size / 1e6:,.1f} MB; smaller estate {os.path.getsize(smaller) / 1e6:,.1f} MB")
first, _ = measure("first import into a new store", fresh(db),
                   [tally, "import", "--estate", estate, "--db", db])
export, _ = measure("export", lambda: None, [tally, "export", "--estate", f"{work}/out.json", "--db", db])
print(f"  export / import: {export / first:.2f} (target 1.5)")

def replace_back():
    run([tally, "import", "--estate", estate, "--mode", "replace", "--db", db])
replace, _ = measure("replace with the smaller estate", replace_back,
                     [tally, "import", "--estate", smaller, "--mode", "replace", "--db", db])
print(f"  replace / import: {replace / first:.2f} (target 2)")
merge, _ = measure("merge the same file again", replace_back,
                   [tally, "import", "--estate", estate, "--db", db])
print(f"  merge / import: {merge / first:.2f} (target 2)")

report, _ = measure("full JSON report (reconcile --estate --format json)", lambda: None,
                    [tally, "reconcile", "--estate", estate, "--format", "json"], output=f"{work}/report.json")
print(f"  report size {os.path.getsize(f'{work}/report.json') / 1e6:,.1f} MB")
python, _ = measure("python3 json.load of the estate", lambda: None,
                    ["python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", estate])
print(f"  report / python read: {report / python:.2f} (target 1)")
PY

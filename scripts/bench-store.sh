#!/usr/bin/env bash
# Times the store on a large estate: importing it (about 5 million installations at --devices 100000) and
# reconciling the store, loading included. Usage: scripts/bench-store.sh [DEVICES] (release build first).
set -euo pipefail
devices=${1:-100000}
tally="$(cd "$(dirname "$0")/.." && pwd)/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tally" generate --devices "$devices" --seed 1 --as-of 2026-11-29 -o "$work/estate.json"
installations=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["installations"]))' "$work/estate.json")
python3 - "$tally" "$work" "$installations" <<'PY'
import subprocess, sys, time
tally, work, installations = sys.argv[1], sys.argv[2], int(sys.argv[3])
def timed(*args):
    start = time.time()
    subprocess.run([tally, *args], stdout=subprocess.DEVNULL, check=True)
    return time.time() - start
took = timed("import", "--estate", f"{work}/estate.json", "--mode", "replace", "--db", f"{work}/store.sqlite")
print(f"import: {installations} installations in {took:.2f} s = {installations / took:,.0f} installation rows per second")
took = timed("reconcile", "--db", f"{work}/store.sqlite", "--as-of", "2026-11-29")
print(f"reconcile from the store, loading included: {took:.2f} s")
PY

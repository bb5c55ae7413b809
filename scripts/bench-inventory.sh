#!/usr/bin/env bash
# Times normalization and inventory imports: `tally bench --normalize` (5 million raw records through the built-in
# catalog, one core), then `tally import osquery` of an osqueryd results log of DEVICES devices (default 10000, made
# by scripts/make-osquery-export.py) into a new store, and the same log again.
# Usage: scripts/bench-inventory.sh [DEVICES] (release build first: swift build -c release)
set -euo pipefail
devices=${1:-10000}
here=$(cd "$(dirname "$0")/.." && pwd)
tally="$here/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tally" bench --normalize 5000000 --runs 5
python3 "$here/scripts/make-osquery-export.py" "$devices" "$work/fleet.log"
python3 - "$tally" "$work" "$devices" <<'PY'
import os, subprocess, sys, time
tally, work, devices = sys.argv[1], sys.argv[2], sys.argv[3]
size = os.path.getsize(f"{work}/fleet.log") / 1e6
for label in ("into a new store", "again (nothing new)"):
    start = time.time()
    out = subprocess.run([tally, "import", "osquery", f"{work}/fleet.log", "--db", f"{work}/store.sqlite"],
                         capture_output=True, text=True, check=True).stdout
    took = time.time() - start
    print(f"import osquery, {devices} devices ({size:.0f} MB), {label}: {took:.1f} s")
    print("  " + out.splitlines()[0])
PY

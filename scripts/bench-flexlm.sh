#!/usr/bin/env bash
# Times FlexNet debug-log reading on a log of MEGABYTES (default 512) made from the real sample by
# scripts/make-big-flexlm-log.py: parsing alone (one core, in memory), then `tally import flexlm-log` end to end
# into a new store, a grown log (the first half imported, then the whole), and the same log again.
# Usage: scripts/bench-flexlm.sh [MEGABYTES] (release build first: swift build -c release)
set -euo pipefail
megabytes=${1:-512}
here=$(cd "$(dirname "$0")/.." && pwd)
tally="$here/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
sample="$here/Tests/TallyFormatsTests/Fixtures/flexlm/matlab.log"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/scripts/make-big-flexlm-log.py" "$sample" "$work/big.log" "$megabytes"
python3 "$here/scripts/make-big-flexlm-log.py" "$sample" "$work/half.log" $((megabytes / 2))
"$tally" bench --flexlm-log "$work/big.log" --runs 5
python3 - "$tally" "$work" <<'PY'
import os, subprocess, sys, time
tally, work = sys.argv[1], sys.argv[2]
size = os.path.getsize(f"{work}/big.log") / 1e6
def timed(log, store):
    start = time.time()
    subprocess.run([tally, "import", "flexlm-log", log, "--db", store], stdout=subprocess.DEVNULL, check=True)
    return time.time() - start
took = timed(f"{work}/big.log", f"{work}/new.sqlite")
print(f"import into a new store: {size:.0f} MB in {took:.1f} s = {size / took:.0f} MB/s")
timed(f"{work}/half.log", f"{work}/grown.sqlite")
took = timed(f"{work}/big.log", f"{work}/grown.sqlite")
print(f"import of the grown log (its first half stored): {size:.0f} MB in {took:.1f} s = {size / took:.0f} MB/s")
took = timed(f"{work}/big.log", f"{work}/grown.sqlite")
print(f"import of the same log again (nothing new): {size:.0f} MB in {took:.1f} s = {size / took:.0f} MB/s")
PY

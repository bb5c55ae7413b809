#!/usr/bin/env bash
# The web pages in a real browser: `tally serve --demo` on a free loopback port, and scripts/browser_test.py driving
# headless Chromium through them as a person would (sign in, dashboard, products, an entitlement added, an import
# previewed and confirmed, the audit verified, a viewer added, and the viewer's read-only round). Fails on a console
# error, a response >= 400 that no step expects, or a missing element. Screenshots go to artifacts/browser/; with
# --docs DIR the dashboard, a product and the import preview are copied there too.
# Installs what is missing: chromium and chromium-driver (Debian's packages), selenium (from PyPI).
# Usage: scripts/check-browser.sh PATH-TO-TALLY [--docs DIR]
set -euo pipefail
usage="usage: scripts/check-browser.sh PATH-TO-TALLY [--docs DIR]"
tally=${1:?$usage}
shift
docs=()
while [ $# -gt 0 ]; do
    case $1 in
        --docs) docs=(--docs "${2:?$usage}"); shift 2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        echo "check-browser: chromium or chromedriver is missing; as root: apt-get install chromium chromium-driver" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
    pip_flags=(--quiet --root-user-action=ignore)
    # A distribution's own Python (PEP 668) refuses pip unless told; a pyenv or venv Python does not need it.
    if python3 -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
        pip_flags+=(--break-system-packages)
    fi
    python3 -m pip install "${pip_flags[@]}" "selenium==4.51.0"
fi

work=$(mktemp -d)
"$tally" serve --demo --host 127.0.0.1 --port 0 >"$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do
    grep -q "one-time password" "$work/serve.out" && break
    kill -0 $server 2>/dev/null || break
    sleep 1
done
if ! grep -q "one-time password" "$work/serve.out"; then
    echo "check-browser: tally serve --demo did not start; it said:" >&2
    cat "$work/serve.out" >&2
    exit 1
fi
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
password=$(grep -o 'one-time password [^ ]*' "$work/serve.out" | awk '{print $3}')

python3 "$repo/scripts/browser_test.py" --url "$url" --password="$password" \
    --import-file "$repo/examples/arp.csv" --artifacts "$repo/artifacts/browser" \
    "${docs[@]}"

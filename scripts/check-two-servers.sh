#!/usr/bin/env bash
# Two `tally serve` on one PostgreSQL database, as behind a load balancer, with writers on both at once: a session
# opened on one works on the other and failed sign-ins count on both (they live in the database); concurrent edits
# and imports through both servers all land, the audit trail stays one unbroken chain; both servers start their
# alerts at the same moment (and a third process runs them by hand) yet each alert reaches the webhook receiver once.
# Uses the server TALLY_CHECK_POSTGRES names, else starts a throwaway cluster on loopback (scripts/pg-cluster.sh).
# Usage: scripts/check-two-servers.sh PATH-TO-TALLY
set -euo pipefail
tally=${1:?usage: scripts/check-two-servers.sh PATH-TO-TALLY}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pids=()
cluster=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "$cluster" ] && "$here/scripts/pg-cluster.sh" stop "$cluster"
    rm -rf "$work"
}
trap cleanup EXIT
server=${TALLY_CHECK_POSTGRES:-}
if [ -z "$server" ]; then
    cluster="$work/cluster"
    server=$("$here/scripts/pg-cluster.sh" start "$cluster")
fi
name="tally_two_servers_$$"
psql "$server" -qc "CREATE DATABASE $name" >/dev/null
db="${server%/*}/$name"
export TALLY_DOCUMENTS="$work/documents"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$tally" demo --write "$work/demo.json" >/dev/null
"$tally" import --estate "$work/demo.json" --db "$db" >/dev/null
echo "a long enough password" | "$tally" user add admin --role admin --password-stdin --db "$db" >/dev/null
echo "a long enough password" | "$tally" user add mallory --role viewer --password-stdin --db "$db" >/dev/null
token=$("$tally" token create --user admin --db "$db" | grep -o 'tally_[A-Za-z0-9_-]*')
hook_port=$(free_port)
# A slow receiver (half a second a call), so that runs of the alerts overlap.
python3 "$here/scripts/alert_peers.py" webhook "$hook_port" "$work" 0.5 &
pids+=($!)
"$tally" alert add renewal --webhook "http://127.0.0.1:$hook_port/tally" --db "$db" >/dev/null
"$tally" alert add notice --stages 90,30,7 --webhook "http://127.0.0.1:$hook_port/tally" --db "$db" >/dev/null

# Both servers start together, each running the alerts at once; a third process runs them by hand meanwhile.
for side in a b; do
    "$tally" serve --db "$db" --port 0 --alerts-every 1 >"$work/serve-$side.out" 2>&1 &
    pids+=($!)
done
"$tally" alerts run --db "$db" >"$work/alerts-by-hand.out" 2>&1 &
pids+=($!)
for side in a b; do
    for _ in $(seq 1 100); do grep -q "Tally serves" "$work/serve-$side.out" && break; sleep 0.2; done
done
port_a=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve-a.out" | head -1 | sed 's/.*://')
port_b=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve-b.out" | head -1 | sed 's/.*://')
[ -n "$port_a" ] && [ -n "$port_b" ] || { echo "check-two-servers: a server did not start"; cat "$work"/serve-*.out; exit 1; }

python3 "$here/scripts/two_servers.py" "$port_a" "$port_b" "$token" "$work" "$work/demo.json"
"$tally" audit verify --db "$db"

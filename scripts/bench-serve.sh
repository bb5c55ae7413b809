#!/usr/bin/env bash
# Load-tests `tally serve` on a store of DEVICES devices (default 20,000: a million installations), over loopback
# only, with wrk (Debian's package): the latency of the positions and of a product's first page of consumers, one
# connection at a time (p50/p99); then every web page (its first render, which reads what it caches, and p50/p99
# after); then 50 connections for SECONDS (default 30) spread over positions, a product and its consumers, the
# dashboard and a product's page, with the server's resident memory sampled every 5 s.
# Release build first: swift build -c release.
# Usage: scripts/bench-serve.sh [DEVICES] [SECONDS]
set -euo pipefail
devices=${1:-20000}
seconds=${2:-30}
here=$(cd "$(dirname "$0")/.." && pwd)
tally="$here/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

"$tally" generate --devices "$devices" --seed 1 -o "$work/estate.json" >/dev/null
"$tally" import --estate "$work/estate.json" --db "$work/store.sqlite" >/dev/null
echo "a load-test password" | "$tally" user add bench --role admin --password-stdin --db "$work/store.sqlite" >/dev/null
token=$("$tally" token create --user bench --db "$work/store.sqlite" | grep -o 'tally_[A-Za-z0-9_-]*')
"$tally" serve --db "$work/store.sqlite" --port 0 >"$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 1 60); do grep -q "Tally serves" "$work/serve.out" && break; sleep 1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $token"
product=$(curl -s -H "$auth" "$base/api/v1/positions?sort=exposure&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["product"])')
echo "store: $devices devices; server on port $port; product $product; first position computed"

latency() { # label, path
    echo "$1 (one connection, 10 s):"
    wrk -t 1 -c 1 -d 10s --latency -H "$auth" "$base$2" | grep -E "^\s+(50|99)%|Requests/sec|Non-2xx|Socket errors"
}
latency "GET /api/v1/positions" "/api/v1/positions"
latency "GET /api/v1/products/$product" "/api/v1/products/$product"
latency "GET /api/v1/products/$product/consumers (first page)" "/api/v1/products/$product/consumers"

device=$(curl -s -H "$auth" "$base/api/v1/devices?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
person=$(curl -s -H "$auth" "$base/api/v1/people?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
entitlement=$(curl -s -H "$auth" "$base/api/v1/entitlements?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
echo "web pages (first render, then one connection for 5 s):"
for page in / /products "/products?sort=exposure&status=under" "/products/$product" "/products/$product?page=3" \
    /entitlements "/entitlements/$entitlement/edit" /contracts /renewals /alerts /devices "/devices/$device" /people \
    "/people/$person" /imports /reclaim /pools /forecast "/forecast?product=$product" /reports/chargeback \
    /reports/audit \
    /catalog /audit /accounts; do
    first=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "$auth" "$base$page")
    printf '%-45s first: %s s  ' "$page" "$first"
    wrk -t 1 -c 1 -d 5s --latency -H "$auth" "$base$page" | awk '/^ +50%/ {p50 = $2} /^ +99%/ {p99 = $2}
        /Non-2xx/ {bad = $0} END {printf "p50 %s  p99 %s %s\n", p50, p99, bad}'
done

cat >"$work/mix.lua" <<LUA
local paths = {"/api/v1/positions", "/api/v1/products/$product", "/api/v1/products/$product/consumers",
               "/api/v1/positions?sort=exposure&limit=20", "/", "/products/$product"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Authorization"] = "Bearer $token"})
end
LUA
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status"; }
echo "memory before the load: $(rss) MiB resident"
( for _ in $(seq 1 $((seconds / 5))); do sleep 5; printf '%s ' "$(rss)"; done; echo ) >"$work/rss" &
sampler=$!
echo "mixed load, 50 connections, $seconds s:"
wrk -t 2 -c 50 -d "${seconds}s" --latency -s "$work/mix.lua" "$base" | grep -E "^\s+(50|90|99)%|Requests/sec|requests in|Non-2xx|Socket errors"
wait $sampler
echo "resident memory every 5 s during the load (MiB): $(cat "$work/rss")"
echo "memory after the load: $(rss) MiB resident"
errors=$(curl -s "$base/metrics" | awk '/^tally_http_requests_total/ && /status="5/ {n += $NF} END {print n + 0}')
echo "server errors counted by /metrics: $errors"

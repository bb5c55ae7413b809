#!/usr/bin/env bash
# Fuzzes the live API against its own OpenAPI document with schemathesis (from PyPI): `tally serve --demo` on a free
# loopback port, an admin API token, every operation with generated inputs (bounded: 25 examples each, 5 minutes in
# all), and the one check that must hold: no answer is a server error (5xx).
# Usage: scripts/check-api-fuzz.sh PATH-TO-TALLY
set -euo pipefail
tally=${1:?usage: scripts/check-api-fuzz.sh PATH-TO-TALLY}
command -v schemathesis >/dev/null 2>&1 || python3 -m pip install --quiet --root-user-action=ignore "schemathesis==4.32.5"
# pip puts the command beside the interpreter, which is not always on PATH (pyenv shims need a rehash).
schemathesis=$(command -v schemathesis || python3 -c 'import os, sys; print(os.path.join(os.path.dirname(sys.executable), "schemathesis"))')
work=$(mktemp -d)
"$tally" serve --demo --port 0 >"$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do grep -q "one-time password" "$work/serve.out" && break; sleep 1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
store=$(grep -o 'Demo store: .*' "$work/serve.out" | awk '{print $3}')
token=$("$tally" token create --user admin --db "$store" | grep -o 'tally_[A-Za-z0-9_-]*')
timeout 300 "$schemathesis" run "http://127.0.0.1:$port/api/openapi.json" -H "Authorization: Bearer $token" \
    --checks not_a_server_error -n 25 --seed 1 --request-timeout 30

#!/usr/bin/env bash
# Alerts delivered to real peers on loopback: an SMTP server requiring STARTTLS and AUTH (aiosmtpd, from PyPI, with a
# certificate made here) and a webhook receiver (scripts/alert_peers.py). On the demo estate, a notice rule by email
# and a renewal rule by signed webhook: what arrives (subject, recipients, body, signature, idempotency key), that a
# receiver down at the first run gets its alerts on the next, and that a third run sends nothing twice.
# Usage: scripts/check-alerts.sh PATH-TO-TALLY
set -uo pipefail
tally=${1:?usage: scripts/check-alerts.sh PATH-TO-TALLY}
here=$(cd "$(dirname "$0")/.." && pwd)
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore "aiosmtpd==1.4.6"
work=$(mktemp -d)
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
failures=0
passed=0
check() { # name, command that must succeed
    local name=$1
    shift
    if "$@" >"$work/check.out" 2>&1; then
        passed=$((passed + 1))
    else
        echo "FAIL $name:"; head -5 "$work/check.out"
        failures=$((failures + 1))
    fi
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return 0; sleep 0.2; done; return 1; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1
smtp_port=$(free_port)
hook_port=$(free_port)
python3 "$here/scripts/alert_peers.py" smtp "$smtp_port" "$work/cert.pem" "$work/key.pem" "$work" &
pids+=($!)
wait_port "$smtp_port" || { echo "check-alerts: the SMTP peer did not start"; exit 1; }

db="$work/store.sqlite"
"$tally" demo --write "$work/demo.json" >/dev/null
"$tally" import --estate "$work/demo.json" --db "$db" >/dev/null
"$tally" alert add notice --stages 30,7 --email lm@example.com --email cfo@example.com --db "$db" >/dev/null
"$tally" alert add renewal --webhook "http://127.0.0.1:$hook_port/tally" --secret "hook-secret" --db "$db" >/dev/null
smtp="smtp://tally:alert-password@127.0.0.1:$smtp_port?from=tally@example.com&ca=$work/cert.pem"

# First run: the webhook receiver is down.
"$tally" alerts run --smtp "$smtp" --db "$db" >"$work/run1.out" 2>&1
status=$?
check "a run with a receiver down exits 3 and says what waits" \
    bash -c "[ $status -eq 3 ] && grep -q 'will be tried again' '$work/run1.out'"
check "emails arrived over STARTTLS, signed in, to both recipients" python3 - "$work" <<'PY'
import json, sys
mails = [json.loads(line) for line in open(sys.argv[1] + "/smtp.jsonl")]
assert mails, "no email"
for mail in mails:
    assert mail["tls"] and mail["authenticated"], mail
    assert sorted(mail["to"]) == ["cfo@example.com", "lm@example.com"], mail["to"]
    assert mail["from"] == "tally@example.com"
subjects = [line for mail in mails for line in mail["data"].splitlines() if line.startswith("Subject: ")]
assert any("SF-00884213" in s and "passed" in s for s in subjects), subjects
assert all("X-Tally-Idempotency-Key: tally-" in mail["data"] for mail in mails)
PY
check "the send log keeps the renewal alerts waiting" bash -c "'$tally' alert log --db '$db' | grep -q waiting"

# Second run: the receiver is up and gets what waited, signed.
python3 "$here/scripts/alert_peers.py" webhook "$hook_port" "$work" &
pids+=($!)
wait_port "$hook_port" || { echo "check-alerts: the webhook peer did not start"; exit 1; }
check "the next run sends what waited" "$tally" alerts run --smtp "$smtp" --db "$db"
check "the webhook got each renewal alert, signed, with its idempotency key" python3 - "$work" <<'PY'
import hashlib, hmac, json, sys
hooks = [json.loads(line) for line in open(sys.argv[1] + "/webhook.jsonl")]
assert hooks, "no webhook call"
for hook in hooks:
    headers = {k.lower(): v for k, v in hook["headers"].items()}
    expected = "sha256=" + hmac.new(b"hook-secret", hook["body"].encode(), hashlib.sha256).hexdigest()
    assert headers["x-tally-signature"] == expected, "bad signature"
    body = json.loads(hook["body"])
    assert headers["idempotency-key"] == body["id"] and body["id"].startswith("tally-")
    assert hook["path"] == "/tally" and body["title"] and body["text"]
assert any(json.loads(h["body"])["subject"] == "contract:JB-ORG-7741" for h in hooks)
PY

# Third run: nothing new, nothing sent twice.
count() { cat "$work/smtp.jsonl" "$work/webhook.jsonl" | wc -l; }
before=$(count)
check "a third run sends nothing" bash -c "'$tally' alerts run --smtp '$smtp' --db '$db' | grep -q 'Raised 0 new alerts; sent 0.'"
check "and no receiver got anything twice" bash -c "[ $(count) -eq $before ]"
check "a wrong SMTP password is the server's refusal, not a crash" bash -c "
    '$tally' alert add shortfall --email x@example.com --db '$db' >/dev/null
    '$tally' alerts run --smtp 'smtp://tally:wrong@127.0.0.1:$smtp_port?from=tally@example.com&ca=$work/cert.pem' \
        --db '$db' 2>&1 | grep -q 'AUTH'"
check "a bad --smtp is refused in words" bash -c "'$tally' alerts run --smtp 'mail://x' --db '$db' 2>&1 | grep -q 'smtp://'"

echo "alerts: $passed passed, $failures failed"
[ "$failures" -eq 0 ]

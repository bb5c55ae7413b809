"""Drives two Tally servers sharing one database (see check-two-servers.sh) and checks what they share."""

import http.cookiejar
import json
import sys
import threading
import time
import urllib.error
import urllib.request

port_a, port_b, token, work, estate = sys.argv[1:6]
failures = []


def check(condition, name):
    print(("ok   " if condition else "FAIL ") + name)
    if not condition:
        failures.append(name)


class Client:
    """One browser or script talking to one server."""

    def __init__(self, port, token=None):
        self.base = f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method, path, body=None, headers=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.base + path, method=method, data=data,
                                         headers={"Content-Type": content_type, **self.headers, **(headers or {})})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


# A session opened on one server is good on the other.
browser_a = Client(port_a)
status, body = browser_a.call("POST", "/api/v1/session", {"name": "admin", "password": "a long enough password"})
check(status == 200, "signing in on server A")
browser_b = Client(port_b)
for cookie in browser_a.jar:
    browser_b.jar.set_cookie(cookie)
status, body = browser_b.call("GET", "/api/v1/me")
check(status == 200 and json.loads(body).get("name") == "admin", "the session opened on A works on B")
status, _ = browser_a.call("DELETE", "/api/v1/session", headers={"X-CSRF-Token": json.loads(
    browser_a.call("GET", "/api/v1/me")[1]).get("csrf", "")})
status, _ = browser_b.call("GET", "/api/v1/me")
check(status == 401, "signing out on A ends the session on B")

# Failed sign-ins count wherever they happen: five on A, and B refuses even the right password.
for _ in range(5):
    Client(port_a).call("POST", "/api/v1/session", {"name": "mallory", "password": "not the password"})
status, _ = Client(port_b).call("POST", "/api/v1/session", {"name": "mallory", "password": "a long enough password"})
check(status == 429, "five failed sign-ins on A make B refuse the account for a while (429)")

# Writers on both servers at once: 4 threads a server add 10 entitlements each; an estate import on each meanwhile.
errors = []


def add_entitlements(port, thread):
    client = Client(port, token)
    for i in range(10):
        status, body = client.call("POST", "/api/v1/entitlements",
                                   {"id": f"TWO-{port}-{thread}-{i}", "product": "visio", "quantity": 1})
        if status != 201:
            errors.append((status, body[:200]))


def import_estate(port):
    client = Client(port, token)
    with open(estate, "rb") as file:
        status, body = client.call("POST", "/api/v1/imports?kind=estate&name=demo.json&mode=merge", raw=file.read(),
                                   content_type="application/octet-stream")
    if status != 200:
        errors.append((status, body[:200]))


def audited_entitlements(client):
    status, body = client.call("GET", "/api/v1/audit?entity=entitlement&limit=1")
    return json.loads(body)["total"] if status == 200 else -1


audited_before = audited_entitlements(Client(port_a, token))
threads = [threading.Thread(target=add_entitlements, args=(port, t)) for port in (port_a, port_b) for t in range(4)]
threads += [threading.Thread(target=import_estate, args=(port,)) for port in (port_a, port_b)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
check(not errors, f"every concurrent write through either server succeeded {errors[:3]}")
admin_a, admin_b = Client(port_a, token), Client(port_b, token)
status, body = admin_b.call("GET", "/api/v1/entitlements?search=TWO-&limit=200")
check(status == 200 and json.loads(body)["total"] == 80, "all 80 entitlements added through A and B are kept")
for client, side in ((admin_a, "A"), (admin_b, "B")):
    status, body = client.call("POST", "/api/v1/audit/verify")
    check(status == 200 and json.loads(body).get("intact") is True, f"server {side} finds the audit trail intact")
check(audited_entitlements(admin_b) - audited_before == 80, "one audit entry for each of the 80 additions")

# Alerts: both servers ran them at start, and a third process by hand; each reached the receiver once.
deadline = time.time() + 60
log = []
while time.time() < deadline:
    status, body = admin_a.call("GET", "/api/v1/alerts/log")
    log = json.loads(body)["items"] if status == 200 else []
    if log and all(item["status"] == "sent" for item in log):
        break
    time.sleep(1)
check(log and all(item["status"] == "sent" for item in log), f"every alert raised was sent ({len(log)})")
hooks = [json.loads(line) for line in open(f"{work}/webhook.jsonl")] if log else []
keys = [{k.lower(): v for k, v in hook["headers"].items()}["idempotency-key"] for hook in hooks]
check(len(keys) == len(set(keys)) == len(log), f"each alert reached the receiver once ({len(keys)} calls, "
      f"{len(set(keys))} alerts, {len(log)} in the send log)")

print(f"two servers: {len(failures)} failed")
sys.exit(1 if failures else 0)

#!/usr/bin/env bash
# Starts `tally serve --demo` for real on a free loopback port and exercises it over HTTP as a client would: health,
# sign-in with the printed password, positions with the session cookie, a refused forged change, an API token made
# with `tally token create`, then SIGTERM while an import is under way: the import must finish and be kept, and the
# server stop cleanly within 10 s. Then over HTTPS with a certificate made here (openssl): the cookie is Secure.
# Usage: scripts/check-serve.sh PATH-TO-TALLY
set -euo pipefail
tally=${1:?usage: scripts/check-serve.sh PATH-TO-TALLY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v openssl >/dev/null || { apt-get update -q && apt-get install -y -q openssl; } >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
python3 - "$tally" "$work" <<'PY'
import http.cookiejar, json, re, signal, ssl, subprocess, sys, threading, time, urllib.error, urllib.request

tally, work = sys.argv[1], sys.argv[2]
server = subprocess.Popen([tally, "serve", "--demo", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
failures = 0

def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += 0 if ok else 1

try:
    lines, port, password, store = [], None, None, None
    deadline = time.time() + 60
    while time.time() < deadline and (port is None or password is None):
        line = server.stdout.readline()
        if not line:
            break
        lines.append(line)
        port = port or (re.search(r"http://127\.0\.0\.1:(\d+)/", line) or [None, None])[1]
        password = password or (re.search(r"one-time password (\S+)", line) or [None, None])[1]
        store = store or (re.search(r"Demo store: (\S+)", line) or [None, None])[1]
    check(port is not None and password is not None, "the server prints its address and a one-time password")
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def call(method, path, body=None, headers=None):
        request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    status, _, body = call("GET", "/health")
    check(status == 200 and json.loads(body)["status"] == "ok", "GET /health is 200")
    status, _, body = call("GET", "/api/v1/positions")
    check(status == 401, "positions without signing in are 401")
    status, headers, body = call("POST", "/api/v1/session", {"name": "admin", "password": "wrong password!"})
    check(status == 401 and headers["Content-Type"] == "application/problem+json", "a wrong password is a 401 problem")
    status, headers, body = call("POST", "/api/v1/session", {"name": "admin", "password": password})
    csrf = json.loads(body).get("csrf") if status == 200 else None
    check(status == 200 and csrf and "HttpOnly" in headers["Set-Cookie"], "sign-in sets an HttpOnly session cookie")
    status, _, body = call("GET", "/api/v1/positions?sort=exposure&limit=3")
    page = json.loads(body) if status == 200 else {}
    check(status == 200 and len(page.get("items", [])) == 3 and page.get("next"), "positions come in pages")
    product = page["items"][0]["product"] if page.get("items") else "x"
    status, _, _ = call("POST", "/api/v1/entitlements", {"id": "SMOKE-1", "product": product, "quantity": 1})
    check(status == 403, "a change without the CSRF token is refused")
    status, _, _ = call("POST", "/api/v1/entitlements", {"id": "SMOKE-1", "product": product, "quantity": 1},
                        {"X-CSRF-Token": csrf or ""})
    check(status == 201, "the same change with the CSRF token is made")
    made = subprocess.run([tally, "token", "create", "--user", "admin", "--db", store or "-"], capture_output=True, text=True)
    token = (re.search(r"Token \(shown once\): (\S+)", made.stdout) or [None, None])[1]
    jar.clear()
    status, _, body = call("GET", "/api/v1/audit?entity=entitlement", headers={"Authorization": f"Bearer {token}"})
    entries = json.loads(body).get("items", []) if status == 200 else []
    check(any(e["id"] == "SMOKE-1" and e["actor"] == "admin" for e in entries), "the change is audited as the account")
    # An import under way when SIGTERM comes finishes, and is kept, before the server stops.
    subprocess.run([tally, "generate", "--devices", "3000", "--seed", "2", "-o", f"{work}/big.json"],
                   capture_output=True, check=True)
    upload = {}
    def send():
        request = urllib.request.Request(base + "/api/v1/imports?kind=estate&name=big.json", method="POST",
                                         data=open(f"{work}/big.json", "rb").read(),
                                         headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                upload["answer"] = (response.status, json.loads(response.read()))
        except urllib.error.HTTPError as error:
            upload["answer"] = (error.code, error.read().decode())
    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(0.5)
    server.send_signal(signal.SIGTERM)
    sender.join(timeout=60)
    status, body = upload.get("answer", (None, None))
    check(status == 200 and body["batch"] is not None, f"an import under way when SIGTERM came finished ({status})")
finally:
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=10)
        check(code == 0, f"SIGTERM stops the server cleanly (exit {code})")
    except subprocess.TimeoutExpired:
        server.kill()
        check(False, "SIGTERM stops the server within 10 s")

# HTTPS with the certificate made above: the client trusts it alone.
secure = subprocess.Popen([tally, "serve", "--demo", "--port", "0", "--tls-certificate", f"{work}/cert.pem",
                           "--tls-key", f"{work}/key.pem"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    port = password = None
    deadline = time.time() + 60
    while time.time() < deadline and (port is None or password is None):
        line = secure.stdout.readline()
        if not line:
            break
        port = port or (re.search(r"https://127\.0\.0\.1:(\d+)/", line) or [None, None])[1]
        password = password or (re.search(r"one-time password (\S+)", line) or [None, None])[1]
    check(port is not None, "with a certificate and key the server says https")
    context = ssl.create_default_context(cafile=f"{work}/cert.pem")
    request = urllib.request.Request(f"https://127.0.0.1:{port}/api/v1/session", method="POST",
                                     data=json.dumps({"name": "admin", "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        cookie = response.headers["Set-Cookie"]
    check("Secure" in cookie and "HttpOnly" in cookie, "over HTTPS the session cookie is Secure")
finally:
    secure.send_signal(signal.SIGTERM)
    try:
        check(secure.wait(timeout=10) == 0, "SIGTERM stops the HTTPS server cleanly")
    except subprocess.TimeoutExpired:
        secure.kill()
        check(False, "SIGTERM stops the HTTPS server within 10 s")
print(f"serve: {failures} failed")
sys.exit(1 if failures else 0)
PY

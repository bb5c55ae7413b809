#!/usr/bin/env python3
"""The peers Tally's alerts are sent to in CI, on loopback only: an SMTP server (aiosmtpd, from PyPI) that requires
STARTTLS and AUTH, and a webhook receiver. Each message or request that arrives is appended, as one JSON line, to
OUT/smtp.jsonl or OUT/webhook.jsonl. Runs until killed.

Usage: scripts/alert_peers.py smtp PORT CERT KEY OUT     (accepts user "tally", password "alert-password")
       scripts/alert_peers.py webhook PORT OUT
"""

import json
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def record(out, name, entry):
    with open(Path(out) / name, "a", encoding="utf-8") as file:
        file.write(json.dumps(entry) + "\n")


def smtp(port, cert, key, out):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            record(out, "smtp.jsonl", {
                "from": envelope.mail_from, "to": envelope.rcpt_tos,
                "data": envelope.content.decode("utf-8", "replace"),
                "tls": session.ssl is not None, "authenticated": bool(session.authenticated),
            })
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"tally" and auth_data.password == b"alert-password"
        return AuthResult(success=ok, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticate, auth_required=True)
    controller.start()
    while True:
        time.sleep(3600)


def webhook(port, out, delay=0.0):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            time.sleep(delay)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            record(out, "webhook.jsonl", {"path": self.path, "headers": dict(self.headers), "body": body})
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    if sys.argv[1:2] == ["smtp"] and len(sys.argv) == 6:
        smtp(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    elif sys.argv[1:2] == ["webhook"] and len(sys.argv) in (4, 5):
        webhook(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]) if len(sys.argv) == 5 else 0.0)
    else:
        sys.exit(__doc__)

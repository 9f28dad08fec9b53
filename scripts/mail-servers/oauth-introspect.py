"""OAuth2 token introspection endpoint (RFC 7662 shape) for dovecot's oauth2 passdb, on loopback, for tests.

POST /introspect with form field token=...: {"active": true, "username": USER} for the one known token,
{"active": false} for any other."""
import argparse, json, signal, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--token", required=True)
ap.add_argument("--user", required=True)
a = ap.parse_args()


class Introspect(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        token = (form.get("token") or [""])[0]
        if not token:  # some clients send the token as a bearer header instead
            token = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        body = {"active": True, "username": a.user} if token == a.token else {"active": False}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        print(f"introspect active={body['active']}", flush=True)

    do_GET = do_POST

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", a.port), Introspect)
signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(SystemExit(0)))
print(f"oauth introspection ready on 127.0.0.1:{a.port}", flush=True)
try:
    server.serve_forever()
except SystemExit:
    pass

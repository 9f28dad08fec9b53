"""Capturing SMTP sink for tests (aiosmtpd): stores each accepted message in a maildir, relays nothing.

Each stored file is the message byte for byte as received (CRLF, dot-unstuffed by the server), with
X-Envelope-From, X-Envelope-To, X-Peer, X-TLS and X-Auth-User prepended.

Answers tests can provoke:
  RCPT TO:<tempfail...@...>  -> 451 4.3.0   (transient)
  RCPT TO:<reject...@...>    -> 550 5.1.1   (permanent)
  a message with a header line "X-Sink-Reply: NNN text" -> NNN text after DATA (nothing stored)
AUTH (after STARTTLS, or on the implicit-TLS port): PLAIN and LOGIN with --user/--password, XOAUTH2 with --token.
"""
import argparse, base64, os, re, signal, socket, ssl, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

ap = argparse.ArgumentParser()
ap.add_argument("--maildir", required=True)
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--tls-port", type=int, default=0)
ap.add_argument("--cert")
ap.add_argument("--key")
ap.add_argument("--user", default="support")
ap.add_argument("--password", default="secret")
ap.add_argument("--token", default="mailroom-test-token")
a = ap.parse_args()

REPLY_HEADER = re.compile(rb"^X-Sink-Reply: ([245]\d\d [^\r\n]*)\r?$", re.MULTILINE | re.IGNORECASE)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and \
        auth_data.login.decode() == a.user and auth_data.password.decode() == a.password
    return AuthResult(success=ok, auth_data=auth_data if ok else None, handled=False)


class Sink:
    counter = 0
    lock = threading.Lock()

    async def auth_XOAUTH2(self, server, args):
        """SASL XOAUTH2: base64("user=U\\x01auth=Bearer T\\x01\\x01"), as initial response or after a 334."""
        if len(args) == 2:
            blob = args[1].encode()
        else:
            blob = await server.challenge_auth("", encode_to_b64=False)
            if not isinstance(blob, bytes):
                return AuthResult(success=False)
            blob = base64.b64encode(blob)
        try:
            fields = dict(f.split("=", 1) for f in base64.b64decode(blob).decode().split("\x01") if "=" in f)
        except Exception:
            return AuthResult(success=False, handled=False, message="501 5.5.2 Cannot decode XOAUTH2 response")
        ok = fields.get("user") == a.user and fields.get("auth") == f"Bearer {a.token}"
        if not ok:
            return AuthResult(success=False, handled=False, message="535 5.7.8 Invalid OAuth2 token")
        return AuthResult(success=True, auth_data=LoginPassword(a.user.encode(), b""))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("tempfail"):
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        if local.startswith("reject"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content
        head_end = content.find(b"\r\n\r\n")
        forced = REPLY_HEADER.search(content[: head_end if head_end >= 0 else len(content)])
        if forced:
            return forced.group(1).decode()
        with Sink.lock:
            Sink.counter += 1
            name = f"{time.time_ns()}.P{os.getpid()}Q{Sink.counter}.{socket.gethostname()}"
        tls = bool(session.ssl or server.transport.get_extra_info("ssl_object"))
        # auth_data.login, not the deprecated session.login_data (which logs a warning on every message).
        login_bytes = getattr(session.auth_data, "login", None)
        login = login_bytes.decode() if isinstance(login_bytes, bytes) else "-"
        head = (f"X-Envelope-From: {envelope.mail_from}\r\n"
                f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
                f"X-Peer: {session.peer[0]}\r\n"
                f"X-TLS: {'yes' if tls else 'no'}\r\n"
                f"X-Auth-User: {login}\r\n").encode()
        tmp = os.path.join(a.maildir, "tmp", name)
        with open(tmp, "wb") as f:  # tmp/ then rename into new/: atomic delivery
            f.write(head + content)
        os.rename(tmp, os.path.join(a.maildir, "new", name))
        print(f"stored {name} from={envelope.mail_from} to={envelope.rcpt_tos}", flush=True)
        return "250 2.0.0 Message accepted for delivery"


# TERM/INT blocked in every thread (the Controller threads inherit the mask); the main thread sigwait()s.
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
ctx = None
if a.cert:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
handler = Sink()
common = dict(authenticator=authenticator, data_size_limit=64 * 1024 * 1024)
# Plain port: AUTH offered only after STARTTLS. Implicit-TLS port: aiosmtpd does not count the TLS it did not
# negotiate itself, so auth_require_tls must be off there (the connection is TLS from the first byte).
controllers = [Controller(handler, hostname="127.0.0.1", port=a.port, tls_context=ctx,
                          require_starttls=False, auth_require_tls=True, **common)]
if a.tls_port and ctx:
    controllers.append(Controller(handler, hostname="127.0.0.1", port=a.tls_port, ssl_context=ctx,
                                  auth_require_tls=False, **common))
for c in controllers:
    c.start()
print(f"smtp sink ready on 127.0.0.1:{a.port}" + (f" and TLS :{a.tls_port}" if a.tls_port else ""), flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
os._exit(0)  # deliveries are atomic renames; Controller.stop() would take seconds

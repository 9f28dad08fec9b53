#!/usr/bin/env python3
"""The mail side of bench/e2e (run that script; this is not a test). Standard library only.

  e2e_mail.py deliver MAILDIR COUNT TAG                 COUNT corpus mails into MAILDIR/new (as an MTA would)
  e2e_mail.py files DIR COUNT TAG [KB]                  the same mails as DIR/msg1.eml ... msgCOUNT.eml; with KB,
                                                        each mail that needs an answer carries a KB-kilobyte
                                                        attachment (random bytes, base64, under multipart/mixed)
  e2e_mail.py pace MAILDIR TAG RATE SECONDS LOG         delivers RATE mails a second for SECONDS, steadily;
                                                        LOG gets "message-id<TAB>delivered-ns" per mail
  e2e_mail.py wait SINKDIR LOG TIMEOUT [STALL]          waits until every mail of LOG that needs an answer has
                                                        one in the sink (or TIMEOUT s, or STALL s without
                                                        progress); prints "answered expected p50 p99 max
                                                        rate": latencies in s, rate = answered mails a second
                                                        from the first delivery to the last answer
  e2e_mail.py expected COUNT OUTCOMES                   "mails machine": the outgoing mails COUNT corpus mails
                                                        should cause, from the per-template counts in OUTCOMES
                                                        ("file<TAB>mails" lines), and how many are machine mail
  e2e_mail.py outcomes MAILDIR TAG COUNT               "template-file<TAB>mails" per template: how many outgoing
                                                        mails (files in MAILDIR/new) mention copy 0..COUNT-1 of TAG
  e2e_mail.py sinkcheck SINKDIR TAG                     "files distinct-message-ids customers duplicates" of the
                                                        sink's mail about corpus TAG (a duplicate: one customer
                                                        mail with two outgoing mails to the same recipient)

The corpus: copy i (0-based) of the 36 demo mails of scripts/demo-mail (template i % 36, bounces, the
out-of-office, the mailing list and the carrier notification included, as they are), with its own Message-ID
<e2e-TAG-NNNNNN@DOMAIN>, its own sender (the local part of From and Return-Path gets ".cNNNNNN"), In-Reply-To and
References made unique per copy (".rNNNNNN" on the local part: replies to unknown messages, as in the demo) and
Date set to now. Everything else, the bodies and the other headers, byte for byte. Mail a gateway must not answer
(28 bounce, 29 out-of-office, 30 mailing list) is left out of the latency measurement.

Sink arrival times come from the SMTP sink's file names (scripts/mail-servers/smtp-sink.py names each stored
message "<time.time_ns() at the end of DATA>.P<pid>Q<n>.<host>"): the same clock as the delivery log here.
"""
import base64
import email.utils
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(HERE, "..", "scripts", "demo-mail")
TEMPLATES = sorted(f for f in os.listdir(DEMO) if f.endswith(".eml"))
UNANSWERED = {"28-", "29-", "30-"}  # machine mail: suppressed, nothing goes out
ID = re.compile(rb"e2e-([A-Za-z0-9]+)-(\d{6})@")
SOURCES = [open(os.path.join(DEMO, name), "rb").read() for name in TEMPLATES]
OWNER = [int(x) for x in os.environ.get("MAILROOM_TEST_MAIL_OWNER", "").split(":") if x] if os.getuid() == 0 else []


def needs_answer(index):
    return not any(TEMPLATES[index % len(TEMPLATES)].startswith(p) for p in UNANSWERED)


def message_id(tag, index, domain):
    return f"e2e-{tag}-{index:06d}@{domain}"


def build(index, tag):
    """Copy `index` of the corpus: (message-id, bytes)."""
    source = SOURCES[index % len(SOURCES)]
    end = source.index(b"\r\n\r\n")
    head, body = source[:end].decode("latin-1"), source[end:]
    fields = re.split(r"\r\n(?![ \t])", head)  # one entry per field, folded lines kept together
    out, new_id = [], None
    suffix = f"c{index:06d}"
    for field in fields:
        name = field.split(":", 1)[0].lower()
        if name == "message-id":
            domain = re.search(r"@([^>\s]+)>", field).group(1)
            new_id = message_id(tag, index, domain)
            field = f"Message-ID: <{new_id}>"
        elif name in ("in-reply-to", "references"):
            field = re.sub(r"<([^@<>]+)@", lambda m: f"<{m.group(1)}.r{index:06d}@", field)
        elif name in ("from", "return-path"):
            field = re.sub(r"([A-Za-z0-9._+-]+)@", lambda m: f"{m.group(1)}.{suffix}@", field, count=1)
        elif name == "date":
            field = f"Date: {email.utils.formatdate(usegmt=True)}"
        out.append(field)
    assert new_id, TEMPLATES[index % len(SOURCES)]
    return new_id, "\r\n".join(out).encode("latin-1") + body


class Maildir:
    """Delivery into a Maildir folder dovecot serves: write in tmp/, rename into new/ (atomic, as an MTA does)."""

    def __init__(self, path):
        self.path = path
        self.count = 0
        self.host = os.uname().nodename.replace("/", "_").replace(":", "_")

    def deliver(self, data):
        self.count += 1
        name = f"{time.time_ns()}.M{self.count}P{os.getpid()}.{self.host}"
        tmp = os.path.join(self.path, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        if OWNER:
            os.chown(tmp, OWNER[0], OWNER[1])
        os.rename(tmp, os.path.join(self.path, "new", name))


def deliver(maildir, count, tag):
    box = Maildir(maildir)
    for i in range(count):
        box.deliver(build(i, tag)[1])


def files(directory, count, tag, kilobytes=0):
    os.makedirs(directory, exist_ok=True)
    for i in range(count):
        data = build(i, tag)[1]
        if kilobytes and needs_answer(i):
            data = attach(data, kilobytes, i)
        with open(os.path.join(directory, f"msg{i + 1}.eml"), "wb") as f:
            f.write(data)


def attach(data, kilobytes, seed):
    """The mail as the first part of a multipart/mixed whose second part is `kilobytes` KB of random bytes."""
    end = data.index(b"\r\n\r\n")
    fields = re.split(rb"\r\n(?![ \t])", data[:end])
    content = (b"content-type:", b"content-transfer-encoding:")
    top = [f for f in fields if not f.lower().startswith(content + (b"mime-version:",))]
    inner = [f for f in fields if f.lower().startswith(content)] or [b"Content-Type: text/plain; charset=us-ascii"]
    blob = random.Random(seed).randbytes(kilobytes * 1024)
    encoded = base64.encodebytes(blob).replace(b"\n", b"\r\n")
    boundary = b"=_e2e_attachment_" + str(seed).encode()
    return b"\r\n".join(
        top + [b"MIME-Version: 1.0", b'Content-Type: multipart/mixed; boundary="' + boundary + b'"', b"",
               b"--" + boundary] + inner
    ) + data[end:] + b"\r\n--" + boundary + b"\r\n" + b"\r\n".join([
        b'Content-Type: application/octet-stream; name="log.bin"',
        b'Content-Disposition: attachment; filename="log.bin"', b"Content-Transfer-Encoding: base64", b"",
    ]) + b"\r\n" + encoded + b"--" + boundary + b"--\r\n"


def pace(maildir, tag, rate, seconds, log):
    """Steady delivery: mail k is due at start + k/rate; built ahead of time so only the write is paced."""
    total = int(round(rate * seconds))
    mails = [build(i, tag) for i in range(total)]
    box = Maildir(maildir)
    start = time.monotonic()
    late = 0.0
    with open(log, "w") as out:
        for k, (mid, data) in enumerate(mails):
            due = start + k / rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            else:
                late = max(late, now - due)
            box.deliver(data)
            out.write(f"{mid}\t{time.time_ns()}\t{1 if needs_answer(k) else 0}\n")
    elapsed = time.monotonic() - start
    print(f"{total} {elapsed:.3f} {late:.3f}")  # mails, seconds it took, the most a delivery was late


def sink_arrivals(sinkdir, seen, first):
    """Reads the sink's new files (not in `seen`): the first arrival (ns) per corpus mail mentioned (by the
    local part of its Message-ID, e2e-TAG-NNNNNN)."""
    folder = os.path.join(sinkdir, "new")
    for name in os.listdir(folder):
        if name in seen:
            continue
        seen.add(name)
        arrived = int(name.split(".", 1)[0])
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        for key in {m.group(0)[:-1].decode() for m in ID.finditer(data)}:
            if arrived < first.get(key, 1 << 62):
                first[key] = arrived


def percentile(values, q):
    """Nearest-rank percentile of sorted `values` (inf for unanswered mails)."""
    if not values:
        return float("nan")
    rank = max(1, -(-len(values) * q // 100))
    return values[int(rank) - 1]


def wait(sinkdir, log, timeout, stall):
    delivered = {}
    for line in open(log):
        mid, ns, answer = line.rstrip("\n").split("\t")
        if answer == "1":
            delivered[mid.split("@")[0]] = int(ns)
    seen, first = set(), {}
    deadline = time.monotonic() + timeout
    last_progress, last_count = time.monotonic(), -1
    while True:
        sink_arrivals(sinkdir, seen, first)
        answered = sum(1 for mid in delivered if mid in first)
        if answered == len(delivered):
            break
        now = time.monotonic()
        if answered != last_count:
            last_count, last_progress = answered, now
        if now > deadline or now - last_progress > stall:
            break
        time.sleep(0.5)
    latencies = sorted((first[mid] - ns) / 1e9 if mid in first else float("inf") for mid, ns in delivered.items())
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    answered_max = max((v for v in latencies if v != float("inf")), default=float("nan"))
    # The pace the answers kept: answered mails over the time from the first delivery to the last answer.
    span = (max((first[mid] for mid in delivered if mid in first), default=0) - min(delivered.values(), default=0)) / 1e9
    throughput = answered / span if span > 0 else float("nan")
    print(f"{answered} {len(delivered)} {p50:.3f} {p99:.3f} {answered_max:.3f} {throughput:.1f}")


def expected(count, outcomes):
    per_file = {}
    for line in open(outcomes):
        name, mails = line.split()
        per_file[name] = int(mails)
    mails = sum(per_file[TEMPLATES[i % len(TEMPLATES)]] for i in range(count))
    print(mails, sum(1 for i in range(count) if not needs_answer(i)))


def outcomes(maildir, tag, count):
    mails = [0] * count
    pattern = re.compile(rb"e2e-" + re.escape(tag.encode()) + rb"-(\d{6})@")
    folder = os.path.join(maildir, "new")
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), "rb") as f:
            for index in {int(m.group(1)) for m in pattern.finditer(f.read())}:
                mails[index] += 1
    for index in range(count):
        print(f"{TEMPLATES[index % len(TEMPLATES)]}\t{mails[index]}")


def sinkcheck(sinkdir, tag):
    folder = os.path.join(sinkdir, "new")
    ids, keys, customers = set(), {}, set()
    files_ = 0
    pattern = re.compile(rb"e2e-" + re.escape(tag.encode()) + rb"-(\d{6})@")
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        found = {m.group(1) for m in pattern.finditer(data)}
        if not found:
            continue
        files_ += 1
        head = data.split(b"\r\n\r\n", 1)[0]
        mid = re.search(rb"(?im)^Message-ID:\s*(<[^>]*>)", head)
        ids.add(mid.group(1) if mid else name.encode())
        to = re.search(rb"(?im)^X-Envelope-To: (.*)$", head).group(1).strip()
        for customer in found:
            customers.add(customer)
            keys[(customer, to)] = keys.get((customer, to), 0) + 1
    duplicates = sum(1 for n in keys.values() if n > 1)
    print(f"{files_} {len(ids)} {len(customers)} {duplicates}")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "deliver":
        deliver(args[0], int(args[1]), args[2])
    elif command == "files":
        files(args[0], int(args[1]), args[2], int(args[3]) if len(args) > 3 else 0)
    elif command == "pace":
        pace(args[0], args[1], float(args[2]), float(args[3]), args[4])
    elif command == "wait":
        wait(args[0], args[1], float(args[2]), float(args[3]) if len(args) > 3 else 15.0)
    elif command == "expected":
        expected(int(args[0]), args[1])
    elif command == "outcomes":
        outcomes(args[0], args[1], int(args[2]))
    elif command == "sinkcheck":
        sinkcheck(args[0], args[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The Python reference pipeline of bench/e2e (run that script; this is not a test).

What a small support gateway written with Python's standard library and scikit-learn does per message, over one
IMAP connection (STARTTLS, verified with the given CA) and one SMTP connection:

  UID FETCH (BODY.PEEK[]) -> email.message_from_bytes(policy=email.policy.default) -> the text body (plain, else
  HTML without tags) -> machine mail (bounces, auto-replies, lists) is recorded and not answered -> TF-IDF +
  logistic regression (scikit-learn, trained on Mailroom's built-in intents: config/intents/default-train.csv,
  with default-negatives.csv as an out-of-scope class) -> INSERT into a sqlite3 tickets table, commit -> smtplib:
  a reply to the customer when the model is confident (>= --threshold and not out of scope), else an escalation
  to the agents' address with the original attached -> UID STORE +FLAGS (\\Seen) -> UID MOVE to Processed.

Training happens before the clock starts (Mailroom ships its model trained). Prints one line:
  "<seconds> <messages> <replies> <escalations> <suppressed> <train-seconds>"
"""
import argparse
import csv
import email
import email.policy
import email.utils
import imaplib
import re
import smtplib
import sqlite3
import ssl
import sys
import time
from email.message import EmailMessage
from urllib.parse import urlparse

from sklearn_model import OUT_OF_SCOPE, make_model



def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def train(train_csv, negatives_csv):
    rows = read_csv(train_csv)
    texts = [row["text"] for row in rows]
    labels = ["oos" if row["label"] in OUT_OF_SCOPE else row["label"] for row in rows]
    if negatives_csv:
        negatives = [row["text"] for row in read_csv(negatives_csv) if row["text"]]
        texts += negatives
        labels += ["oos"] * len(negatives)
    model = make_model()
    model.fit(texts, labels)
    return model


TAG = re.compile(r"<[^>]*>")


def text_of(message):
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        content = part.get_payload(decode=True).decode("latin-1")
    if part.get_content_subtype() == "html":
        content = TAG.sub(" ", content)
    return content


def is_machine_mail(message):
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (auto not in ("", "no") or precedence in ("bulk", "list", "junk") or "List-Id" in message
            or str(message.get("Return-Path", "")).strip() == "<>"
            or message.get_content_type() == "multipart/report")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--imap-url", required=True)  # imap://HOST:PORT (STARTTLS)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--ca-file", required=True)
    ap.add_argument("--smtp-url", required=True)  # smtp://HOST:PORT
    ap.add_argument("--db", required=True)
    ap.add_argument("--train", required=True)
    ap.add_argument("--negatives")
    ap.add_argument("--support", default="support@shop.example")
    ap.add_argument("--agents", default="agents@shop.example")
    ap.add_argument("--threshold", type=float, default=0.75)
    a = ap.parse_args()

    begin = time.perf_counter()
    model = train(a.train, a.negatives)
    train_seconds = time.perf_counter() - begin

    db = sqlite3.connect(a.db)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("""CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, message_id TEXT UNIQUE, customer TEXT,
                  subject TEXT, intent TEXT, confidence REAL, decision TEXT, text TEXT, received_at TEXT)""")
    db.commit()

    imap_url, smtp_url = urlparse(a.imap_url), urlparse(a.smtp_url)
    start = time.perf_counter()
    imap = imaplib.IMAP4(imap_url.hostname, imap_url.port or 143)
    imap.starttls(ssl_context=ssl.create_default_context(cafile=a.ca_file))
    imap.login(a.user, a.password)
    imap.create("Processed")  # NO when it exists: fine
    imap.select("INBOX")
    smtp = smtplib.SMTP(smtp_url.hostname, smtp_url.port or 25)
    smtp.ehlo("reference.bench")
    typ, data = imap.uid("SEARCH", None, "ALL")
    uids = data[0].split()
    replies = escalations = suppressed = 0
    for uid in uids:
        typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = next(part[1] for part in data if isinstance(part, tuple))
        message = email.message_from_bytes(raw, policy=email.policy.default)
        subject = str(message.get("Subject", ""))
        message_id = str(message.get("Message-ID", "")).strip()
        sender = email.utils.parseaddr(str(message.get("From", "")))[1]
        if is_machine_mail(message):
            intent, confidence, decision, text = None, None, "suppressed", ""
        else:
            text = text_of(message)
            probabilities = model.predict_proba([subject + "\n" + text])[0]
            best = probabilities.argmax()
            intent, confidence = model.classes_[best], float(probabilities[best])
            confident = confidence >= a.threshold and intent not in OUT_OF_SCOPE
            decision = "replied" if confident else "escalated"
        db.execute("INSERT INTO tickets (message_id, customer, subject, intent, confidence, decision, text, received_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, datetime('now'))",
                   (message_id, sender, subject, intent, confidence, decision, text))
        db.commit()
        if decision == "replied":
            reply = EmailMessage()
            reply["From"] = f"Larkwood Support <{a.support}>"
            reply["To"] = sender
            reply["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
            reply["Message-ID"] = email.utils.make_msgid(domain=a.support.split("@")[1])
            reply["Date"] = email.utils.formatdate(usegmt=True)
            reply["In-Reply-To"] = message_id
            reply["References"] = (str(message.get("References", "")) + " " + message_id).strip()
            reply["Auto-Submitted"] = "auto-replied"
            reply.set_content(f"Hello,\n\nthank you for your message about {intent.replace('_', ' ')}.\n"
                              "Here is what you need to know: ...\n\nLarkwood Support\n")
            smtp.send_message(reply, from_addr=a.support, to_addrs=[sender])
            replies += 1
        elif decision == "escalated":
            escalation = EmailMessage()
            escalation["From"] = f"Larkwood Support <{a.support}>"
            escalation["To"] = a.agents
            escalation["Subject"] = f"Escalated: {subject}"
            escalation["Message-ID"] = email.utils.make_msgid(domain=a.support.split("@")[1])
            escalation["Date"] = email.utils.formatdate(usegmt=True)
            escalation["Auto-Submitted"] = "auto-generated"
            escalation.set_content(f"Customer: {sender}\nIntent: {intent} ({confidence:.2f})\n")
            escalation.add_attachment(message)  # message/rfc822
            smtp.send_message(escalation, from_addr=a.support, to_addrs=[a.agents])
            escalations += 1
        else:
            suppressed += 1
        imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        imap.uid("MOVE", uid, "Processed")
    smtp.quit()
    imap.logout()
    elapsed = time.perf_counter() - start
    db.close()
    print(f"{elapsed:.3f} {len(uids)} {replies} {escalations} {suppressed} {train_seconds:.2f}")


if __name__ == "__main__":
    sys.exit(main())

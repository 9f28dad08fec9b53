#!/usr/bin/env python3
"""For scripts/demo: an agent answers an escalation by email.

demo_agent_reply.py OUTBOX INBOX SUBJECT_PART ANSWER
    finds the escalation mail in the Maildir OUTBOX whose subject contains SUBJECT_PART and writes the agent's
    reply (From: ana@shop.example, To: its Reply-To, which is the agents' own reply address, In-Reply-To: its
    Message-ID, quoted history below) into the Maildir INBOX, with the Authentication-Results field the receiving
    server (mx.shop.example, the demo's mailroom.authservId) adds to mail it verified: Mailroom relays an agent's
    answer only with that proof.
demo_agent_reply.py --ticket-of OUTBOX SUBJECT_PART
    prints the ticket id of that escalation.
"""
import email
import email.policy
import os
import re
import sys
import time


def escalation(outbox, subject_part):
    for name in sorted(os.listdir(outbox)):
        with open(os.path.join(outbox, name), "rb") as handle:
            message = email.message_from_bytes(handle.read(), policy=email.policy.default)
        if message["X-Envelope-To"] == "agents@shop.example" and subject_part in str(message["Subject"]):
            return message
    sys.exit(f"no escalation with '{subject_part}' in {outbox}")


def main():
    if sys.argv[1] == "--ticket-of":
        subject = str(escalation(sys.argv[2], sys.argv[3])["Subject"])
        print(re.search(r"\[#(MR-[A-Z0-9]+)\]", subject).group(1))
        return
    outbox, inbox, subject_part, answer = sys.argv[1:5]
    original = escalation(outbox, subject_part)
    reply = (
        f"Authentication-Results: mx.shop.example; dkim=pass header.d=shop.example;\r\n"
        f" dmarc=pass header.from=shop.example\r\n"
        f"From: Ana Agent <ana@shop.example>\r\n"
        f"To: {original['Reply-To']}\r\n"
        f"Subject: Re: {original['Subject']}\r\n"
        f"Message-ID: <agent-{int(time.time() * 1000)}@shop.example>\r\n"
        f"In-Reply-To: {original['Message-ID']}\r\n"
        f"Date: {email.utils.formatdate()}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{answer}\r\n\r\nAna\r\n\r\n"
        f"On {original['Date']}, Larkwood wrote:\r\n> Escalated: {original['Subject']}\r\n> (summary below)\r\n"
    )
    path = os.path.join(inbox, "new", f"{int(time.time() * 1000)}.agent-reply.eml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(reply)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Cross-check `mailroom parse` against Python's standard `email` package (policy=default).

Usage: python_email.py MAILROOM_BINARY FIXTURE_DIR [--min-agreement 0.9] [--details]

For every .eml file both parsers read subject, From address, Message-ID and the text body; values are
normalised (white space collapsed, angle brackets removed, HTML bodies turned into text on the Python side)
and compared. Prints the agreement rate per field and every disagreement. Exits 1 when the overall agreement
is below --min-agreement (a regression guard), 0 otherwise.
"""
import argparse
import email
import email.policy
import html.parser
import json
import os
import re
import subprocess
import sys


class _Text(html.parser.HTMLParser):
    """A minimal HTML-to-text conversion so HTML-only bodies can be compared as text."""

    SKIP = {"script", "style", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(markup):
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.out)


def norm(value):
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()


def norm_id(value):
    return norm(value).strip("<>").strip()


def python_view(path):
    with open(path, "rb") as handle:
        msg = email.message_from_bytes(handle.read(), policy=email.policy.default)
    view = {}
    try:
        view["subject"] = norm(msg["subject"])
    except Exception as error:  # noqa: BLE001 - the parser's own failure is data here
        view["subject"] = f"<python error: {error.__class__.__name__}>"
    try:
        addresses = msg["from"].addresses if msg["from"] is not None else ()
        view["from"] = norm(addresses[0].addr_spec) if addresses else ""
    except Exception as error:  # noqa: BLE001
        view["from"] = f"<python error: {error.__class__.__name__}>"
    try:
        view["messageID"] = norm_id(msg["message-id"])
    except Exception as error:  # noqa: BLE001
        view["messageID"] = f"<python error: {error.__class__.__name__}>"
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
        text = ""
        if body is not None:
            text = body.get_content()
            if body.get_content_subtype() == "html":
                text = html_to_text(text)
        view["text"] = norm(text)
    except Exception as error:  # noqa: BLE001
        view["text"] = f"<python error: {error.__class__.__name__}>"
    return view


def mailroom_views(binary, paths):
    result = subprocess.run([binary, "parse", *paths], capture_output=True, text=True)
    views = {}
    for line in result.stdout.splitlines():
        report = json.loads(line)
        views[report["file"]] = {
            "subject": norm(report["subject"]),
            "from": norm(report["from"]),
            "messageID": norm_id(report["messageID"]),
            "text": norm(report["text"]),
        }
    return views, result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("fixtures")
    parser.add_argument("--min-agreement", type=float, default=0.0)
    parser.add_argument("--details", action="store_true", help="print both values of every disagreement")
    args = parser.parse_args()

    paths = sorted(os.path.join(args.fixtures, name) for name in os.listdir(args.fixtures) if name.endswith(".eml"))
    ours, stderr = mailroom_views(args.binary, paths)
    fields = ("subject", "from", "messageID", "text")
    agree = {field: 0 for field in fields}
    disagreements = []
    for path in paths:
        theirs = python_view(path)
        mine = ours.get(path)
        if mine is None:
            disagreements.append((os.path.basename(path), "all", "<mailroom could not parse>", "", ""))
            continue
        for field in fields:
            if mine[field] == theirs[field]:
                agree[field] += 1
            else:
                disagreements.append((os.path.basename(path), field, mine[field], theirs[field]))
    total = len(paths) * len(fields)
    overall = sum(agree.values()) / total if total else 0.0
    print(f"{'field':<10} {'agree':>6} {'of':>4} {'rate':>7}")
    for field in fields:
        print(f"{field:<10} {agree[field]:>6} {len(paths):>4} {agree[field] / len(paths):>7.1%}")
    print(f"{'overall':<10} {sum(agree.values()):>6} {total:>4} {overall:>7.1%}")
    print(f"\n{len(disagreements)} disagreements:")
    for name, field, mine, theirs in disagreements:
        if args.details:
            print(f"- {name} [{field}]\n    mailroom: {mine[:160]!r}\n    python:   {theirs[:160]!r}")
        else:
            print(f"- {name} [{field}]")
    if stderr.strip():
        print("\nmailroom stderr:\n" + stderr.strip())
    if overall < args.min_agreement:
        print(f"\nFAIL: agreement {overall:.1%} is below {args.min_agreement:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

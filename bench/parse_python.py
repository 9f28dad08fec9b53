#!/usr/bin/env python3
"""The reference side of bench/parse: Python's email package (policy=default) doing the same work as
`mailroom parse --benchmark`: parse, read subject, From and the text body. Prints one JSON line."""
import email
import email.policy
import json
import os
import sys
import time


def main():
    repeat = int(sys.argv[1])
    paths = sys.argv[2:]
    inputs = [open(p, "rb").read() for p in paths]
    checksum = 0
    failures = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for data in inputs:
            msg = email.message_from_bytes(data, policy=email.policy.default)
            try:
                checksum += len(str(msg["subject"] or ""))
                checksum += len(msg["from"].addresses) if msg["from"] is not None else 0
                body = msg.get_body(preferencelist=("plain", "html"))
                checksum += len(body.get_content()) if body is not None else 0
            except Exception:  # noqa: BLE001 - count, like a parser that gives up on a message
                failures += 1
    seconds = time.perf_counter() - start
    total = sum(len(d) for d in inputs) * repeat
    print(json.dumps({"messages": len(inputs) * repeat, "bytes": total, "seconds": seconds,
                      "messagesPerSecond": len(inputs) * repeat / seconds,
                      "megabytesPerSecond": total / 1048576 / seconds, "failures": failures}))


if __name__ == "__main__":
    main()

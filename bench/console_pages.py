#!/usr/bin/env python3
"""Times the console's pages against the JSON API answers with the same data (run by bench/console).

Usage: console_pages.py BASE_URL USER PASSWORD API_TOKEN TICKETS
Each page: 5 warm-up requests, then 30 measured; the server's time comes from its Server-Timing header."""
import datetime
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, user, password, token, tickets = sys.argv[1:6]


class NoRedirect(urllib.request.HTTPErrorProcessor):
    def http_response(self, request, response):
        return response


opener = urllib.request.build_opener(NoRedirect)


def request(path, headers=None, data=None):
    req = urllib.request.Request(base + path, data=data, headers=headers or {})
    started = time.perf_counter()
    with opener.open(req, timeout=60) as response:
        body = response.read()
        wall = (time.perf_counter() - started) * 1000
        timing = response.headers.get("Server-Timing", "")
        match = re.search(r"dur=([0-9.]+)", timing)
        return response.status, response.headers, body, wall, float(match.group(1)) if match else float("nan")


def login():
    status, headers, body, _, _ = request("/ops")
    login_token = re.search(r"mailroom_login=([0-9a-f]+)", headers.get("Set-Cookie", "")).group(1)
    form = urllib.parse.urlencode({"csrf": login_token, "username": user, "password": password}).encode()
    status, headers, _, _, _ = request(
        "/ops/login", {"Cookie": f"mailroom_login={login_token}",
                       "Content-Type": "application/x-www-form-urlencoded"}, form)
    cookies = headers.get_all("Set-Cookie")
    session = next(c.split(";")[0] for c in cookies if c.startswith("mailroom_session=mrs_"))
    return {"Cookie": session}


def measure(path, headers):
    for _ in range(5):
        status, _, _, _, _ = request(path, headers)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
    server, wall = [], []
    for _ in range(30):
        _, _, _, w, s = request(path, headers)
        server.append(s)
        wall.append(w)
    server.sort()
    return statistics.median(server), server[int(len(server) * 0.95) - 1], statistics.median(wall)


cookie = login()
api = {"Authorization": f"Bearer {token}"}
today = datetime.datetime.now(datetime.timezone.utc).date()
first = request("/ops/tickets", cookie)[2].decode()
cursor = urllib.parse.unquote(re.search(r'id="next-page" href="/ops/tickets\?cursor=([^"]+)"', first).group(1))
one = re.search(r'href="/ops/tickets/(MR-[A-Z0-9]+)"', first).group(1)
month = (today - datetime.timedelta(days=29)).isoformat()
year = (today - datetime.timedelta(days=364)).isoformat()
until = (today + datetime.timedelta(days=1)).isoformat()
pages = [
    ("ticket list", "/ops/tickets", "/api/v1/tickets"),
    ("list, search q=refund", "/ops/tickets?q=refund", "/api/v1/tickets?q=refund"),
    ("list, status+language", "/ops/tickets?status=escalated&language=de",
     "/api/v1/tickets?status=escalated&language=de"),
    ("list, second page", "/ops/tickets?cursor=" + cursor, "/api/v1/tickets?cursor=" + cursor),
    ("dashboard 30 days", f"/ops/dashboard?since={month}&until={today}", f"/api/v1/kpis?since={month}&until={until}"),
    ("dashboard 365 days", f"/ops/dashboard?since={year}&until={today}", f"/api/v1/kpis?since={year}&until={until}"),
    ("one ticket", f"/ops/tickets/{one}", f"/api/v1/tickets/{one}"),
]
print(f"console pages on {int(tickets):,} tickets (release build; ms; 30 requests each after 5 warm-up)")
print(f"{'page':<24} {'server p50':>10} {'server p95':>10} {'client p50':>10} {'API p50':>8} {'ratio':>6} {'<200 ms':>7}")
for name, page, reference in pages:
    p50, p95, wall = measure(page, cookie)
    ref, _, _ = measure(reference, api)
    print(f"{name:<24} {p50:>10.1f} {p95:>10.1f} {wall:>10.1f} {ref:>8.1f} {p50 / ref if ref else float('nan'):>5.1f}x "
          f"{'yes' if p95 < 200 else 'NO':>7}")

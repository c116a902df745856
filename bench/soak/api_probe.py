#!/usr/bin/env python3
"""Polls nzbd's mode=queue and mode=fullstatus in turn (every INTERVAL s) until SIGTERM, timing
every answer; then prints one line: calls, unanswered, p50, p99, max (ms).

usage: api_probe.py URL APIKEY [INTERVAL]"""
import signal
import sys
import time
import urllib.request

url, key = sys.argv[1], sys.argv[2]
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.05
queries = ["mode=queue&limit=20", "mode=fullstatus&skip_dashboard=1"]
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)
ms, unanswered, i = [], 0, 0
while not stop:
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(f"{url}/api?{queries[i % 2]}&output=json&apikey={key}", timeout=30) as r:
            ok = r.status == 200 and r.read(1) == b"{"
    except Exception:
        ok = False
    ms.append((time.monotonic() - t0) * 1000)
    unanswered += 0 if ok else 1
    i += 1
    time.sleep(interval)
ms.sort()
pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))] if ms else 0.0
print(f"calls={len(ms)} unanswered={unanswered} p50={pick(0.5):.1f} p99={pick(0.99):.1f} max={pick(1.0):.1f}")

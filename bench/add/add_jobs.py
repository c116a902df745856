#!/usr/bin/env python3
"""Adds COUNT generated NZBs to a running nzbd one by one (mode=addfile, paused) from CLIENTS
processes, each on its own keep-alive connection, and writes one line per answered add:
"<seconds since start> <job number> <nzo_id>" to OUT.

The NZBs are bench/lib/queue_jobs.py's (SEGMENTS segments, every message-id unique): one is
made per client and each job replaces its salt, so the clients spend their time on HTTP, not on
building XML. With --kill-after K --pid P the process P is killed (SIGKILL) once K adds were
answered; the clients then stop at their first failed request, and what was answered is in OUT.
Usage: add_jobs.py URL APIKEY COUNT OUT [--clients 4] [--segments 1000] [--kill-after K --pid P]
"""
import argparse
import http.client
import multiprocessing as mp
import os
import queue
import signal
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from queue_jobs import make_nzb  # noqa: E402

MARK = "ffffffffffff000000"  # the template's salt (12 hex) + job number (6 digits)


def client(url, key, jobs, segments, t0, answered, out_q):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    template = make_nzb(0, segments, salt=MARK[:12])
    run_salt = os.urandom(4).hex()  # 8 hex: ids of two runs differ too
    q = urllib.parse.urlencode({"mode": "addfile", "apikey": key, "priority": "-2", "output": "json"})
    lines, errors = [], 0
    for job in jobs:
        nzb = template.replace(MARK.encode(), f"{run_salt}{job:010d}".encode())
        boundary = "----nzbdbench" + os.urandom(8).hex()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"; filename=\"job{job:06d}.nzb\"\r\n"
                f"Content-Type: application/x-nzb\r\n\r\n").encode() + nzb + f"\r\n--{boundary}--\r\n".encode()
        try:
            conn.request("POST", f"/api?{q}", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
            r = conn.getresponse()
            text = r.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            break  # nzbd was killed (or went away): this add was not answered
        ids = []
        if r.status == 200 and '"nzo_ids"' in text:
            import json
            ids = json.loads(text).get("nzo_ids", [])
        if not ids:
            errors += 1
            continue
        with answered.get_lock():
            answered.value += 1
        lines.append(f"{time.time() - t0:.6f} {job} {ids[0]}")
    out_q.put((lines, errors))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("apikey")
    ap.add_argument("count", type=int)
    ap.add_argument("out")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--segments", type=int, default=1000)
    ap.add_argument("--kill-after", type=int, default=0)
    ap.add_argument("--pid", type=int, default=0)
    a = ap.parse_args()
    answered = mp.Value("i", 0)
    out_q = mp.Queue()
    t0 = time.time()
    procs = [mp.Process(target=client, args=(a.url, a.apikey, range(c, a.count, a.clients), a.segments, t0, answered,
                                             out_q)) for c in range(a.clients)]
    for p in procs:
        p.start()
    results = []
    while len(results) < a.clients:
        if a.kill_after and answered.value >= a.kill_after:
            os.kill(a.pid, signal.SIGKILL)
            print(f"add_jobs: killed nzbd (pid {a.pid}) after {answered.value} answered adds", file=sys.stderr)
            a.kill_after = 0
        try:
            results.append(out_q.get(timeout=0.002))
        except queue.Empty:
            if not any(p.is_alive() for p in procs) and out_q.empty():
                print("add_jobs: a client failed", file=sys.stderr)
                return 1
    for p in procs:
        p.join()
    lines = sorted((l for r in results for l in r[0]), key=lambda l: float(l.split()[0]))
    errors = sum(r[1] for r in results)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + ("\n" if lines else ""))
    if errors:
        print(f"add_jobs: {errors} adds were answered without an nzo_id", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

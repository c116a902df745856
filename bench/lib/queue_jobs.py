#!/usr/bin/env python3
"""Adds generated NZB jobs to a running nzbd (SABnzbd API mode=addfile), paused.

Each job copies the shape of the 1 GiB benchmark set: one 1,498-segment data file and eleven
par2 files, SEGMENTS segments in all (default 1,650), every message-id unique. The NZBs are made
in memory and uploaded over one keep-alive connection, so nothing large is written to disk.
Usage: queue_jobs.py URL APIKEY FIRST COUNT [--segments N]
"""
import argparse
import http.client
import os
import sys
import time
import urllib.parse

SEG_BYTES = 716800


def make_nzb(job: int, segments: int, salt: str = "") -> bytes:
    data_segs = int(segments * 0.908)
    files = [("bench.bin", data_segs)]
    rest = segments - data_segs
    vols = 11
    for v in range(vols):
        n = rest // vols + (1 if v < rest % vols else 0)
        files.append((f"bench.vol{v:03d}+{n:03d}.par2" if v else "bench.par2", n))
    salt = salt or os.urandom(6).hex()
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nzb PUBLIC "-//newzBin//DTD NZB 1.1//EN" '
           '"http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd">\n<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">\n']
    for fi, (name, n) in enumerate(files):
        out.append(f'<file poster="bench &lt;bench@nzbd.test&gt;" date="1767225600" '
                   f'subject="[{fi + 1}/{len(files)}] - &quot;{name}&quot; yEnc (1/{n}) {n * SEG_BYTES}">\n'
                   '<groups><group>alt.binaries.test</group></groups>\n<segments>\n')
        for s in range(n):
            out.append(f'<segment bytes="{SEG_BYTES + 22000}" number="{s + 1}">'
                       f'{salt}{job:06d}{fi:02d}{s:05d}q7f3k2m9x@nyuu.bench</segment>\n')
        out.append('</segments>\n</file>\n')
    out.append('</nzb>\n')
    return "".join(out).encode()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("apikey")
    ap.add_argument("first", type=int)
    ap.add_argument("count", type=int)
    ap.add_argument("--segments", type=int, default=1650)
    a = ap.parse_args()
    u = urllib.parse.urlsplit(a.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    t0 = time.time()
    for job in range(a.first, a.first + a.count):
        body_nzb = make_nzb(job, a.segments)
        boundary = "----nzbdbench" + os.urandom(8).hex()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"; filename=\"job{job:06d}.nzb\"\r\n"
                f"Content-Type: application/x-nzb\r\n\r\n").encode() + body_nzb + f"\r\n--{boundary}--\r\n".encode()
        q = urllib.parse.urlencode({"mode": "addfile", "apikey": a.apikey, "priority": "-2", "output": "json"})
        conn.request("POST", f"/api?{q}", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        r = conn.getresponse()
        text = r.read()
        if r.status != 200 or b'"status": true' not in text.replace(b'"status":true', b'"status": true'):
            print(f"queue_jobs: job {job}: HTTP {r.status}: {text[:200]!r}", file=sys.stderr)
            return 1
    dt = time.time() - t0
    print(f"queue_jobs: added {a.count} jobs in {dt:.1f} s ({a.count / dt:.1f} jobs/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

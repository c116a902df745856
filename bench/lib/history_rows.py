#!/usr/bin/env python3
"""Writes COUNT completed history rows into a stopped nzbd's history.db, for the API benchmark.

Rows look like a finished 1 GiB job with its stage log; the change counter is bumped so the
daemon serves them at once. Usage: history_rows.py HISTORY_DB FIRST COUNT
"""
import json
import sqlite3
import sys
import time

db_path, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
stage_log = json.dumps([{"name": "Source", "actions": ["bench.nzb"]},
                        {"name": "Download", "actions": ["Downloaded in 1 min 10 sec at an average of 15.2 MB/s"]},
                        {"name": "Repair", "actions": ["[bench] Quick Check OK"]},
                        {"name": "Unpack", "actions": ["[bench] Unpacked 1 files/folders in 5 seconds"]}])
now = int(time.time())
con = sqlite3.connect(db_path)
rows = []
for i in range(first, first + count):
    rows.append((f"SABnzbd_nzo_bench{i:07d}", f"Bench.Show.S01E{i % 100:02d}.{i}.1080p", f"bench{i}.nzb", "tv",
                 "D", "Completed", f"/downloads/complete/tv/Bench.{i}", stage_log, 1117065600, 1117065600,
                 now - i * 60, now - i * 60 - 90, 70, 20))
con.executemany("INSERT INTO history (nzo_id, name, nzb_name, category, pp, status, storage, stage_log, bytes,"
                " downloaded, completed, time_added, download_time, postproc_time)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
con.execute("UPDATE changes SET seq = seq + 1 WHERE id = 1")
con.commit()
con.close()
print(f"history_rows: wrote {count} rows into {db_path}", file=sys.stderr)

#!/usr/bin/env python3
"""Prints the download benchmark table from run.sh's TSV rows (median over rounds)."""
import argparse
import statistics
import sys

FIELDS = ["server", "client", "round", "wall", "mbps", "cpu_gb", "peak_mb", "ok", "written_mb", "idle_mb", "anon_mb"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tsv")
    ap.add_argument("--ceilings", default="")
    ap.add_argument("--size-mb", default="?")
    ap.add_argument("--connections", default="?")
    ap.add_argument("--nzbget-parcheck", default="?")
    ap.add_argument("--nzbget-status", default="")
    ap.add_argument("--nzbd-status", default="")
    ap.add_argument("--damaged", type=int, default=0, help="repair benchmark: missing articles per job")
    a = ap.parse_args()
    rows = [dict(zip(FIELDS, line.rstrip("\n").split("\t"))) for line in open(a.tsv) if line.strip()]
    ceil = dict(kv.split("=") for kv in a.ceilings.split() if "=" in kv)
    rounds = len({r["round"] for r in rows})
    what = f"Repair benchmark ({a.damaged} articles of the data file missing, repaired from the par2 volumes)" \
        if a.damaged else "Download benchmark"
    print(f"\n{what}: {a.size_mb} MB set (data + 10% par2), {a.connections} connections, loopback, "
          f"median of {rounds} round(s)")
    if a.damaged:
        print("wall = from adding the NZB until the job is in the history: download + verify + repair")
    print("MB/s and CPU-s/GB are per byte the client wrote (decimal MB/GB); peak RSS = VmHWM; "
          "anon = largest RssAnon sampled every 0.1 s (RSS without the binary's and libraries' pages)")
    print(f"nzbget: ParCheck={a.nzbget_parcheck}, ParQuick=yes, Unpack=no, ArticleCache=0, DirectWrite=yes "
          f"(last status {a.nzbget_status or '?'});\nnzbd: default post-processing (last Repair stage: {a.nzbd_status or 'none'})\n")
    hdr = f"{'server':<7}{'client':<8}{'wall s':>8}{'MB/s':>9}{'CPU-s/GB':>10}{'peak RSS MB':>13}{'anon MB':>9}{'% of ceiling':>14}  result"
    print(hdr)
    print("-" * len(hdr))
    med = {}
    for server in dict.fromkeys(r["server"] for r in rows):
        for client in dict.fromkeys(r["client"] for r in rows):
            sel = [r for r in rows if r["server"] == server and r["client"] == client]
            if not sel:
                continue
            m = {k: statistics.median(float(r.get(k) or 0) for r in sel) for k in ("wall", "mbps", "cpu_gb", "peak_mb", "anon_mb")}
            med[(server, client)] = m
            oks = ",".join(sorted({r["ok"] for r in sel}))
            pct = f"{100 * m['mbps'] / float(ceil[server]):.0f}%" if server in ceil else "-"
            print(f"{server:<7}{client:<8}{m['wall']:>8.2f}{m['mbps']:>9.1f}{m['cpu_gb']:>10.2f}{m['peak_mb']:>13.1f}"
                  f"{m['anon_mb']:>9.1f}{pct:>14}  {oks}")
        if server in ceil:
            print(f"{server:<7}{'ceiling':<8}{'':>8}{float(ceil[server]):>9.1f}   (raw pipelining fetch, data discarded)")
    print("\nnzbd / nzbget ratios (MB/s: higher is better; CPU and RSS: lower is better)")
    for server in dict.fromkeys(s for s, _ in med):
        a_, b_ = med.get((server, "nzbd")), med.get((server, "nzbget"))
        if a_ and b_:
            print(f"  {server:<5} MB/s x{a_['mbps'] / b_['mbps']:.2f}   CPU-s/GB x{a_['cpu_gb'] / b_['cpu_gb']:.2f}"
                  f"   peak RSS x{a_['peak_mb'] / b_['peak_mb']:.2f}   peak anon x{a_['anon_mb'] / max(b_['anon_mb'], 0.1):.2f}"
                  f"   wall x{a_['wall'] / b_['wall']:.2f}")
    idle = {c: statistics.median(float(r["idle_mb"]) for r in rows if r["client"] == c and r.get("idle_mb"))
            for c in dict.fromkeys(r["client"] for r in rows) if any(r.get("idle_mb") for r in rows if r["client"] == c)}
    if idle:
        line = "   ".join(f"{c} {mb:.1f} MB" for c, mb in idle.items())
        ratio = f"   (nzbd/nzbget x{idle['nzbd'] / idle['nzbget']:.2f})" if "nzbd" in idle and "nzbget" in idle else ""
        print(f"  idle RSS (1 s after start, before the job): {line}{ratio}")
    plain, tls = med.get(("inn", "nzbd")), med.get(("tls", "nzbd"))
    if plain and tls:
        print(f"  nzbd over TLS costs {tls['cpu_gb'] - plain['cpu_gb']:+.2f} CPU-s/GB against plain INN2")
    print("\nper round:")
    for r in rows:
        print(f"  {r['server']:<5}{r['client']:<8} round {r['round']}: {float(r['wall']):7.2f} s "
              f"{float(r['mbps']):7.1f} MB/s {float(r['cpu_gb']):5.2f} CPU-s/GB {float(r['peak_mb']):7.1f} MB "
              f"({float(r['written_mb']):.0f} MB written)  {r['ok']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

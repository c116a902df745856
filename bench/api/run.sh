#!/usr/bin/env bash
# bench/api/run.sh — wrk on nzbd's SABnzbd queue call with 100, 2,000 and 10,000 jobs queued.
#
# Starts a Release nzbd (no news server, queue paused), adds paused generated jobs of SEGMENTS
# (1,650) articles each with their own message-ids, and at each queue size runs
#   wrk -t2 -c50 -d10s --latency '<url>/api?mode=queue&start=0&limit=50&apikey=K'
# Environment: JOBS_LIST ("100 2000 10000")  SEGMENTS (1650)  WRK_ARGS ("-t2 -c50 -d10s")
#   BENCH_DIR (/tmp/nzbd-bench)  BUILD_DIR  SKIP_BUILD=1
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

JOBS_LIST="${JOBS_LIST:-100 2000 10000}" SEGMENTS="${SEGMENTS:-1650}" WRK_ARGS="${WRK_ARGS:--t2 -c50 -d10s}"
command -v wrk >/dev/null || bdie "wrk is not installed (apt-get install wrk)"
mkdir -p "$BENCH_DIR"
build_release nzbd
HOME_DIR="$BENCH_DIR/api-home"
rm -rf "$HOME_DIR"
trap 'nzbd_stop; rm -rf "$HOME_DIR"' EXIT
nzbd_start "$HOME_DIR"
nzbd_api "mode=pause" >/dev/null

queued=0
printf '%-10s %12s %10s %10s %10s %12s\n' "jobs" "requests/s" "p50 ms" "p99 ms" "errors" "RSS MB" >"$BENCH_DIR/api-table.txt"
for n in $JOBS_LIST; do
    if ((n > queued)); then
        blog "queueing $((n - queued)) jobs of $SEGMENTS articles (total $n)"
        "$PY" "$BENCH_ROOT/lib/queue_jobs.py" "$NZBD_URL" "$NZBD_KEY" "$queued" "$((n - queued))" --segments "$SEGMENTS"
        queued=$n
    fi
    got="$(nzbd_api "mode=queue&limit=1" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["queue"]["noofslots"])')"
    [[ $got == "$n" ]] || blog "warning: queue reports $got jobs, expected $n"
    # shellcheck disable=SC2086
    out="$(wrk $WRK_ARGS --latency "$NZBD_URL/api?mode=queue&start=0&limit=50&output=json&apikey=$NZBD_KEY")"
    echo "$out" >"$BENCH_DIR/api-wrk-$n.txt"
    rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
    to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)"
    errs="$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' <<<"$out")"
    rss="$(awk '{ printf "%.1f", $1 / 1024 }' <<<"$(proc_kb "$NZBD_PID" VmRSS)")"
    printf '%-10s %12s %10s %10s %10s %12s\n' "$n" "$rps" "$p50" "$p99" "${errs:-0}" "$rss" >>"$BENCH_DIR/api-table.txt"
    blog "$n jobs: $rps requests/s, p99 $p99 ms"
done
echo
echo "API benchmark: wrk $WRK_ARGS on mode=queue&start=0&limit=50 (jobs of $SEGMENTS articles, paused)"
cat "$BENCH_DIR/api-table.txt"

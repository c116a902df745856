#!/usr/bin/env bash
# bench/memory/run.sh — nzbd's RSS idle and with 1,000 and 10,000 queued jobs of ~1,650 articles.
#
# Starts a Release nzbd (no news server, queue paused), reads VmRSS idle, then adds paused
# generated jobs (each its own message-ids) up to each count and prints the RSS growth per job.
# Peak RSS during the 1 GiB download is in bench/download/run.sh's table.
# Environment: JOBS_LIST ("1000 10000")  SEGMENTS (1650)  SETTLE (seconds before reading RSS, 3)
#   BENCH_DIR (/tmp/nzbd-bench)  BUILD_DIR  SKIP_BUILD=1
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

JOBS_LIST="${JOBS_LIST:-1000 10000}" SEGMENTS="${SEGMENTS:-1650}" SETTLE="${SETTLE:-3}"
mkdir -p "$BENCH_DIR"
build_release nzbd
HOME_DIR="$BENCH_DIR/memory-home"
rm -rf "$HOME_DIR"
trap 'nzbd_stop; rm -rf "$HOME_DIR"' EXIT
nzbd_start "$HOME_DIR"
nzbd_api "mode=pause" >/dev/null
sleep "$SETTLE"
idle="$(proc_kb "$NZBD_PID" VmRSS)"
rows=()
queued=0
for n in $JOBS_LIST; do
    blog "queueing $((n - queued)) jobs of $SEGMENTS articles (total $n)"
    t0=$SECONDS
    "$PY" "$BENCH_ROOT/lib/queue_jobs.py" "$NZBD_URL" "$NZBD_KEY" "$queued" "$((n - queued))" --segments "$SEGMENTS"
    queued=$n
    sleep "$SETTLE"
    rss="$(proc_kb "$NZBD_PID" VmRSS)"
    disk="$(du -sk "$HOME_DIR" | cut -f1)"
    rows+=("$(awk -v n="$n" -v r="$rss" -v i="$idle" -v d="$disk" -v t=$((SECONDS - t0)) \
        'BEGIN { printf "%-8s %12.1f %16.2f %14.1f %10s", n, r / 1024, (r - i) / n, d / 1024, t }')")
done
echo
echo "Memory benchmark: nzbd VmRSS with paused jobs of $SEGMENTS articles (idle RSS $(awk -v i="$idle" 'BEGIN { printf "%.1f", i / 1024 }') MB)"
printf '%-8s %12s %16s %14s %10s\n' "jobs" "RSS MB" "KB per job" "home dir MB" "add s"
printf '%s\n' "${rows[@]}"

#!/usr/bin/env bash
# bench/api/run.sh — wrk on nzbd's SABnzbd queue and history calls at 100, 2,000 and 10,000
# jobs queued and history rows stored, and the start-up with the full queue.
#
# Starts a Release nzbd (no news server, queue paused), adds paused generated jobs of SEGMENTS
# (1,650) articles each with their own message-ids, and at each queue size runs
#   wrk -t2 -c50 -d10s --latency '<url>/api?mode=queue&start=0&limit=50&apikey=K'
# Then, nzbd stopped between sizes, it writes completed history rows into history.db
# (lib/history_rows.py), starts nzbd again on the same data folder (timing the first answer
# and the RSS with the whole queue loaded) and runs the same wrk on mode=history&limit=50.
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
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
# run_wrk NAME QUERY: one wrk run; prints "requests/s p50 p99 errors".
run_wrk() {
    local out
    # shellcheck disable=SC2086
    out="$(wrk $WRK_ARGS --latency "$NZBD_URL/api?$2&output=json&apikey=$NZBD_KEY")"
    echo "$out" >"$BENCH_DIR/api-wrk-$1.txt"
    local errs
    errs="$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' <<<"$out")"
    printf '%s %s %s %s' "$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")" \
        "$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)" "$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)" "${errs:-0}"
}
nzbd_start "$HOME_DIR"
nzbd_api "mode=pause" >/dev/null

queued=0
printf '%-8s %-10s %12s %10s %10s %10s %12s\n' "call" "size" "requests/s" "p50 ms" "p99 ms" "errors" "RSS MB" >"$BENCH_DIR/api-table.txt"
for n in $JOBS_LIST; do
    if ((n > queued)); then
        blog "queueing $((n - queued)) jobs of $SEGMENTS articles (total $n)"
        "$PY" "$BENCH_ROOT/lib/queue_jobs.py" "$NZBD_URL" "$NZBD_KEY" "$queued" "$((n - queued))" --segments "$SEGMENTS"
        queued=$n
    fi
    got="$(nzbd_api "mode=queue&limit=1" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["queue"]["noofslots"])')"
    [[ $got == "$n" ]] || blog "warning: queue reports $got jobs, expected $n"
    read -r rps p50 p99 errs <<<"$(run_wrk "queue-$n" "mode=queue&start=0&limit=50")"
    rss="$(awk '{ printf "%.1f", $1 / 1024 }' <<<"$(proc_kb "$NZBD_PID" VmRSS)")"
    printf '%-8s %-10s %12s %10s %10s %10s %12s\n' queue "$n" "$rps" "$p50" "$p99" "$errs" "$rss" >>"$BENCH_DIR/api-table.txt"
    blog "queue, $n jobs: $rps requests/s, p99 $p99 ms"
done

rows=0
startup=""
for n in $JOBS_LIST; do
    nzbd_stop
    "$PY" "$BENCH_ROOT/lib/history_rows.py" "$HOME_DIR/admin/history.db" "$rows" "$((n - rows))"
    rows=$n
    t0="$(date +%s.%N)"
    nzbd_start "$HOME_DIR"
    wait_for 30 curl -sf -o /dev/null --max-time 5 "$NZBD_URL/api?mode=queue&limit=1&output=json&apikey=$NZBD_KEY" ||
        bdie "nzbd did not answer after start"
    t1="$(date +%s.%N)"
    rss_kb="$(proc_kb "$NZBD_PID" VmRSS)"
    startup+="$(awk -v a="$t0" -v b="$t1" -v q="$queued" -v r="$rss_kb" -v n="$n" \
        'BEGIN { printf "start-up with %d jobs queued and %d history rows: first answer after %.2f s, RSS %.1f MB (%.1f KB per queued job)\n", q, n, b - a, r / 1024, r / q }')"$'\n'
    read -r rps p50 p99 errs <<<"$(run_wrk "history-$n" "mode=history&start=0&limit=50")"
    rss="$(awk '{ printf "%.1f", $1 / 1024 }' <<<"$(proc_kb "$NZBD_PID" VmRSS)")"
    printf '%-8s %-10s %12s %10s %10s %10s %12s\n' history "$n" "$rps" "$p50" "$p99" "$errs" "$rss" >>"$BENCH_DIR/api-table.txt"
    blog "history, $n rows: $rps requests/s, p99 $p99 ms"
done
echo
echo "API benchmark: wrk $WRK_ARGS on mode=queue&start=0&limit=50 (jobs of $SEGMENTS articles, paused)"
echo "and mode=history&start=0&limit=50; CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores"
cat "$BENCH_DIR/api-table.txt"
printf '%s' "$startup"

#!/usr/bin/env bash
# bench/add/run.sh — adding 10,000 NZBs one by one over the API, durability under kill -9, and
# the start-up with the full queue.
#
# Starts a Release nzbd (no news server, queue paused) and adds JOBS (10,000) generated NZBs of
# SEGMENTS (1,000) articles each, every message-id unique (bench/lib/queue_jobs.py's generator),
# with mode=addfile from CLIENTS_LIST parallel clients (default "4 1": a full run per entry, each
# on an empty queue). Prints jobs/s over the whole run and over the last 1,000 adds (sustained,
# with 9,000+ queued) against the issue's target of 500 jobs/s.
# Then, on the queue of the first run: nzbd stopped and started again, the time from the start
# to the first API answer and the RSS per queued job (bench/memory/run.sh measures RSS while
# adding). A last run kills -9 nzbd once a random number (10-90 %) of the adds were answered,
# starts it again and counts answered adds against the jobs in the queue after the restart:
# answered but lost (must be 0), queued but never answered (allowed: killed before the answer),
# duplicates (must be 0).
# Environment: JOBS (10000)  SEGMENTS (1000)  CLIENTS_LIST ("4 1")  KILL_CLIENTS (4)  SEED
#   BENCH_DIR (/tmp/nzbd-bench)  BUILD_DIR  SKIP_BUILD=1
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

JOBS="${JOBS:-10000}" SEGMENTS="${SEGMENTS:-1000}" CLIENTS_LIST="${CLIENTS_LIST:-4 1}" KILL_CLIENTS="${KILL_CLIENTS:-4}"
SEED="${SEED:-$RANDOM}"
TARGET=500
mkdir -p "$BENCH_DIR"
build_release nzbd
HOME_DIR="$BENCH_DIR/add-home"
OUT="$BENCH_DIR/add"
mkdir -p "$OUT"
trap 'nzbd_stop; rm -rf "$HOME_DIR"' EXIT

# queued_ids: every nzo_id in the queue, one a line (duplicates kept).
queued_ids() {
    nzbd_api "mode=queue&start=0&limit=$((JOBS * 2))" |
        "$PY" -c 'import json,sys; [print(s["nzo_id"], s["filename"]) for s in json.load(sys.stdin)["queue"]["slots"]]'
}
fresh_start() {
    nzbd_stop
    rm -rf "$HOME_DIR"
    nzbd_start "$HOME_DIR"
    nzbd_api "mode=pause" >/dev/null
    if [[ -z ${idle_kb:-} ]]; then
        sleep 1
        idle_kb="$(proc_kb "$NZBD_PID" VmRSS)"
    fi
}
# rates FILE: "overall last1000" jobs/s from add_jobs.py's lines (seconds since start, sorted).
rates() {
    awk '{ t[NR] = $1 } END { n = NR; k = n > 1000 ? n - 1000 : 1
        printf "%.1f %.1f\n", n / t[n], (n - k) / (t[n] - t[k]) }' "$1"
}

table=()
for c in $CLIENTS_LIST; do
    fresh_start
    blog "adding $JOBS jobs of $SEGMENTS articles from $c client(s)"
    "$PY" "$BENCH_ROOT/add/add_jobs.py" "$NZBD_URL" "$NZBD_KEY" "$JOBS" "$OUT/answered-$c.txt" \
        --clients "$c" --segments "$SEGMENTS"
    answered="$(wc -l <"$OUT/answered-$c.txt")"
    read -r overall last <<<"$(rates "$OUT/answered-$c.txt")"
    cpu="$(proc_cpu "$NZBD_PID")"
    table+=("$(awk -v c="$c" -v n="$answered" -v o="$overall" -v l="$last" -v t="$TARGET" -v cpu="$cpu" \
        'BEGIN { printf "%-8s %9d %12.1f %16.1f %14.2f %12.2f", c, n, o, l, l / t, cpu * 1000 / n }')")
    blog "$c client(s): $overall jobs/s overall, $last jobs/s over the last 1,000"
    if [[ -z ${STARTUP:-} ]]; then
        # The start-up with this run's queue.
        nzbd_stop
        t0="$(date +%s.%N)"
        nzbd_start "$HOME_DIR"
        wait_for 60 curl -sf -o /dev/null --max-time 5 "$NZBD_URL/api?mode=version&output=json&apikey=$NZBD_KEY" ||
            bdie "nzbd did not answer after start"
        t1="$(date +%s.%N)"
        got="$(queued_ids | wc -l)"
        rss_kb="$(proc_kb "$NZBD_PID" VmRSS)"
        STARTUP="$(awk -v a="$t0" -v b="$t1" -v q="$got" -v r="$rss_kb" -v i="$idle_kb" \
            'BEGIN { printf "start-up with %d queued jobs: first API answer after %.2f s (target 1 s); RSS %.1f MB, idle %.1f MB: %.2f KB per queued job over idle (target 10 KB)", q, b - a, r / 1024, i / 1024, (r - i) / q }')"
    fi
done

# kill -9 at a random moment while adding, then count.
RANDOM=$SEED
kill_after=$((JOBS / 10 + RANDOM % (JOBS * 8 / 10)))
fresh_start
blog "kill run (seed $SEED): kill -9 after $kill_after answered adds, $KILL_CLIENTS clients"
"$PY" "$BENCH_ROOT/add/add_jobs.py" "$NZBD_URL" "$NZBD_KEY" "$JOBS" "$OUT/answered-kill.txt" \
    --clients "$KILL_CLIENTS" --segments "$SEGMENTS" --kill-after "$kill_after" --pid "$NZBD_PID"
wait "$NZBD_PID" 2>/dev/null || true
NZBD_PID=""
nzbd_start "$HOME_DIR"
queued_ids >"$OUT/queued-kill.txt"
awk '{ print $3 }' "$OUT/answered-kill.txt" | sort >"$OUT/answered-kill.ids"
awk '{ print $1 }' "$OUT/queued-kill.txt" | sort >"$OUT/queued-kill.ids"
n_answered="$(wc -l <"$OUT/answered-kill.ids")"
n_queued="$(wc -l <"$OUT/queued-kill.ids")"
lost="$(comm -23 "$OUT/answered-kill.ids" <(sort -u "$OUT/queued-kill.ids") | wc -l)"
unanswered="$(comm -13 <(sort -u "$OUT/answered-kill.ids") <(sort -u "$OUT/queued-kill.ids") | wc -l)"
dup_ids="$(uniq -d "$OUT/queued-kill.ids" | wc -l)"
dup_names="$(awk '{ print $2 }' "$OUT/queued-kill.txt" | sort | uniq -d | wc -l)"

echo
echo "Add benchmark: $JOBS NZBs of $SEGMENTS articles, one mode=addfile each (paused), no news server"
echo "CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %9s %12s %16s %14s %12s\n' "clients" "answered" "jobs/s" "last 1000 /s" "last / 500" "CPU ms/job"
printf '%s\n' "${table[@]}"
echo "$STARTUP"
echo "kill -9 after $kill_after answered adds (seed $SEED): answered $n_answered, queued after restart $n_queued," \
    "answered but lost $lost (must be 0), queued but unanswered $unanswered (allowed)," \
    "duplicate ids $dup_ids, duplicate jobs $dup_names (must be 0)"
((lost == 0 && dup_ids == 0 && dup_names == 0)) || bdie "kill -9 lost or duplicated adds"

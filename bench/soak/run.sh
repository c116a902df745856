#!/usr/bin/env bash
# bench/soak/run.sh — nzbd for SOAK_SECONDS (600) behind the fault proxy, jobs added again and again.
#
# Builds nzbd + nntp_fault_proxy (Release), posts SETS small random files once to the rig's INN2
# (reused while INN still has them), then runs nzbd with three servers: `faulty` (priority 0, through
# nntp_fault_proxy injecting a mix of article and connection faults), `faulty-tls` (priority 0, TLS
# to a proxy whose every handshake fails) and `good` (priority 1, INN direct). QUEUE_DEPTH jobs are
# kept queued until the time is up; each finished job is checked byte for byte and removed. A client
# polls mode=queue / mode=fullstatus throughout (bench/soak/api_probe.py).
# Prints faults injected per kind, jobs completed / failed / wrong bytes, API p50/p99/max, and nzbd's
# RSS, open descriptors and sockets at the start, after the first job, and at the end, and how many
# sanitizer reports nzbd printed, and nzbd's own article counts per server from /metrics (with a sanitizer build: SKIP_BUILD=1 BUILD_DIR=build-test; set
# ASAN_OPTIONS=quarantine_size_mb=16 there, or ASan's quarantine dominates the RSS figures).
#
# Environment: SOAK_SECONDS (600)  SETS (3)  SET_MB (2)  QUEUE_DEPTH (2)  SEED (1)
#   FAULTS (the proxy's --fault list, see below)  BENCH_DIR  BUILD_DIR  SKIP_BUILD=1
# Needs the rig lock when other rig users share the machine: flock /tmp/nzbd-rig.lock bench/soak/run.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

SOAK_SECONDS="${SOAK_SECONDS:-600}" SETS="${SETS:-3}" SET_MB="${SET_MB:-2}" QUEUE_DEPTH="${QUEUE_DEPTH:-2}"
SEED="${SEED:-1}"
FAULTS="${FAULTS:-drop=0.04 stall=0.01 trickle=0.03 garbage=0.03 truncate=0.03 wrong_status=0.03 430=0.08
  corrupt=0.05 greet_hang=0.02 greet_502=0.01 greet_400=0.05}"
RIG="$SRC_ROOT/tests/rig"
DATA="$BENCH_DIR/soak-data"
RUN="$BENCH_DIR/soak-run"
INN_STARTED="" PROXY_PID="" TLS_PROXY_PID="" PROBE_PID="" NZBD_PID=""

cleanup() {
    [[ -n $PROBE_PID ]] && { kill "$PROBE_PID" 2>/dev/null; wait "$PROBE_PID" 2>/dev/null || true; }
    nzbd_stop
    for p in $PROXY_PID $TLS_PROXY_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
    [[ -n $INN_STARTED ]] && "$RIG/inn-stop.sh" "$BENCH_DIR/inn" >/dev/null 2>&1
    return 0
}
trap cleanup EXIT

mkdir -p "$BENCH_DIR"
build_release nzbd nntp_fault_proxy
bash "$RIG/install.sh" >/dev/null

# --- INN2: the machine's running innd, else one on a free port -------------------------------------
inn_port() { awk '$1 == "port:" { print $2 }' /etc/news/inn.conf 2>/dev/null; }
inn_answers() { "$PY" "$RIG/rig_nntp.py" --port "$1" --expect 211 "GROUP alt.binaries.test" >/dev/null 2>&1; }
if pgrep -x innd >/dev/null && p="$(inn_port)" && [[ -n $p ]] && inn_answers "$p"; then
    INN_PORT="$p"
else
    INN_PORT="$(free_port)"
    "$RIG/inn-start.sh" "$BENCH_DIR/inn" "$INN_PORT" >/dev/null
    INN_STARTED=1
fi
blog "INN2 on port $INN_PORT"

# --- data: SETS random files of SET_MB MiB, posted once ----------------------------------------------
on_inn() {
    local id
    for id in $(grep -o '<segment [^>]*>[^<]*' "$1" | sed 's/.*>//' | sed -n '1p;$p'); do
        "$PY" "$RIG/rig_nntp.py" --port "$INN_PORT" --expect 223 "STAT <$id>" >/dev/null 2>&1 || return 1
    done
}
mkdir -p "$DATA"
for i in $(seq 1 "$SETS"); do
    [[ -s $DATA/set$i.nzb && -s $DATA/set$i/soak$i.bin ]] && on_inn "$DATA/set$i.nzb" && continue
    mkdir -p "$DATA/set$i"
    head -c "$((SET_MB * 1048576))" /dev/urandom >"$DATA/set$i/soak$i.bin"
    ARTICLE_SIZE=64000 "$RIG/post.sh" "$INN_PORT" "$DATA/set$i.nzb" "$DATA/set$i/soak$i.bin"
done
blog "$SETS sets of $SET_MB MiB ($(grep -c '<segment ' "$DATA/set1.nzb") articles each)"

# --- the proxies and nzbd ---------------------------------------------------------------------------
rm -rf "$RUN" && mkdir -p "$RUN"
fault_args=()
for f in $FAULTS; do fault_args+=(--fault "$f"); done
"$BUILD_DIR/bin/nntp_fault_proxy" --upstream "$INN_PORT" --port-file "$RUN/proxy.port" \
    --stats-file "$RUN/proxy.stats" --seed "$SEED" --reseed 30 "${fault_args[@]}" >"$RUN/proxy.log" 2>&1 &
PROXY_PID=$!
"$BUILD_DIR/bin/nntp_fault_proxy" --upstream "$INN_PORT" --port-file "$RUN/tls.port" \
    --stats-file "$RUN/tls.stats" --fault tls_fail=1 >"$RUN/tls.log" 2>&1 &
TLS_PROXY_PID=$!
wait_for 10 test -s "$RUN/proxy.port" && wait_for 10 test -s "$RUN/tls.port" || bdie "proxy did not start"

nzbd_start "$RUN/home"
add_server() {  # name port priority extra
    nzbd_api "mode=set_config&section=servers&name=$1&host=127.0.0.1&port=$2&connections=4&priority=$3$4" \
        >/dev/null
}
add_server faulty "$(cat "$RUN/proxy.port")" 0 "&timeout=5"
add_server faulty-tls "$(cat "$RUN/tls.port")" 0 "&timeout=5&ssl=1&ssl_verify=0"
add_server good "$INN_PORT" 1 ""
"$PY" "$SRC_ROOT/bench/soak/api_probe.py" "$NZBD_URL" "$NZBD_KEY" 0.05 >"$RUN/probe.out" &
PROBE_PID=$!

snapshot() {  # label: RSS KiB, descriptors, sockets of nzbd
    local fds socks
    fds=$(ls "/proc/$NZBD_PID/fd" | wc -l)
    socks=$(find "/proc/$NZBD_PID/fd" -lname 'socket:*' 2>/dev/null | wc -l)
    printf '%s %s %s %s\n' "$1" "$(proc_kb "$NZBD_PID" VmRSS)" "$fds" "$socks"
}
snapshot start >"$RUN/snapshots"

# --- the soak ---------------------------------------------------------------------------------------
source "$SRC_ROOT/bench/soak/jobs.sh"
T_END=$((SECONDS + SOAK_SECONDS))
blog "soaking for $SOAK_SECONDS s"
NEXT_REPORT=$((SECONDS + 60))
while ((SECONDS < T_END)); do
    settle_jobs
    if ((COMPLETED + FAILED + MISMATCH > 0)) && ! grep -q '^warm ' "$RUN/snapshots"; then
        snapshot warm >>"$RUN/snapshots"  # after the first job: caches and connections in use
    fi
    if ((SECONDS >= NEXT_REPORT)); then
        blog "$((SOAK_SECONDS - T_END + SECONDS)) s: $COMPLETED completed, $FAILED failed, $MISMATCH wrong bytes," \
            "RSS $(proc_kb "$NZBD_PID" VmRSS) KiB"
        NEXT_REPORT=$((SECONDS + 60))
    fi
    while ((${#PENDING[@]} < QUEUE_DEPTH && SECONDS < T_END)); do add_job; done
    sleep 1
done
blog "time is up: waiting for the $((${#PENDING[@]})) queued jobs (at most 120 s)"
deadline=$((SECONDS + 120))
while ((${#PENDING[@]} > 0 && SECONDS < deadline)); do settle_jobs; sleep 1; done
STUCK=${#PENDING[@]}
sleep 2  # idle connections may close
snapshot end >>"$RUN/snapshots"
kill "$PROBE_PID" && wait "$PROBE_PID" 2>/dev/null || true
PROBE_PID=""
# nzbd's own account of the soak, from /metrics: articles per server by result, connections open.
curl -sS --max-time 10 "$NZBD_URL/metrics?apikey=$NZBD_KEY" >"$RUN/metrics.txt" 2>/dev/null || : >"$RUN/metrics.txt"
nzbd_stop  # a sanitizer build reports at exit
SANITIZER=$(grep -c 'ERROR: \(Address\|Leak\|UndefinedBehavior\)Sanitizer\|runtime error:' \
    "$RUN/home/stdout.log" || true)
sleep 1.5  # the proxies rewrite their stats every second

# --- the table --------------------------------------------------------------------------------------
echo
echo "soak: $SOAK_SECONDS s, $SETS sets x $SET_MB MiB, queue depth $QUEUE_DEPTH, seed $SEED"
echo "faults injected (faulty: $(awk '$1=="connections"{c=$2} $1=="articles"{a=$2} END{print c" connections, "a" articles"}' "$RUN/proxy.stats")):"
awk '$1 != "connections" && $1 != "articles" && $1 != "open_sessions" && $2 > 0 { printf "  %-13s %s\n", $1, $2 }' \
    "$RUN/proxy.stats"
echo "  tls_fail      $(awk '$1=="tls_fail"{print $2}' "$RUN/tls.stats")  (faulty-tls)"
echo "jobs: added $ADDED, completed $COMPLETED, failed $FAILED, wrong bytes $MISMATCH, still queued $STUCK"
echo "API (mode=queue / mode=fullstatus): $(cat "$RUN/probe.out")"
echo "nzbd:        RSS KiB   fds  sockets"
awk '{ printf "  %-10s %8s %5s %8s\n", $1, $2, $3, $4 }' "$RUN/snapshots"
echo "sanitizer reports in nzbd's output: $SANITIZER"
echo "nzbd's /metrics at the end (articles by server and result; open connections):"
awk -F'[{}]' '/^nzbd_server_articles_total\{/ { split($2, l, ","); r = l[1]; s = l[2]; gsub(/.*="|"/, "", r); gsub(/.*="|"/, "", s);
                  split($3, v, " "); printf "  %-12s %-8s %s\n", s, r, v[1] }
              /^nzbd_server_connections\{/ { s = $2; gsub(/.*="|"/, "", s); split($3, v, " "); printf "  %-12s open     %s\n", s, v[1] }' \
    "$RUN/metrics.txt" | sort

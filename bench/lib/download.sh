# Shared parts of the download and repair benchmarks (sourced after bench/lib.sh, not run):
# the rig's INN2 (reused or started), the data set posted once per SIZE_MB, and one measured
# download by nzbd or by nzbget appended to $RESULTS as a TSV row (see download/table.py).
# Callers set SIZE_MB CONNECTIONS NZBGET_PARCHECK TIMEOUT, call dl_setup, then set NZB (the NZB
# to download) and call run_nzbd / run_nzbget SERVER ROUND.
# shellcheck shell=bash disable=SC2034

RIG="$SRC_ROOT/tests/rig"
DATA="$BENCH_DIR/data-${SIZE_MB}M"
RUN="$BENCH_DIR/run"
RESULTS="${RESULTS:-$BENCH_DIR/download-results.tsv}"
INN_STARTED="" MEM_PID="" NZBD_PID="" NZBGET_PID=""

MEM_PORT="" TLS_PORT="${TLS_PORT:-}"
cleanup() {
    nzbd_stop
    [[ -n $NZBGET_PID ]] && { kill "$NZBGET_PID" 2>/dev/null; wait "$NZBGET_PID" 2>/dev/null || true; }
    [[ -n $MEM_PID ]] && { kill "$MEM_PID" 2>/dev/null; wait "$MEM_PID" 2>/dev/null || true; }
    [[ -n $INN_STARTED ]] && "$RIG/inn-stop.sh" "$BENCH_DIR/inn" >/dev/null 2>&1
    return 0
}
trap cleanup EXIT

# dl_setup: checks the tools, builds nzbd + nntp_memserver, finds or starts INN2 and its TLS reader,
# posts the data set when INN2 lacks it; sets INN_PORT TLS_PORT DATA_BYTES NSEG NZB.
dl_setup() {
    command -v nzbget >/dev/null || bdie "nzbget is not installed (apt-get install nzbget)"
    command -v par2 >/dev/null || bdie "par2 is not installed (apt-get install par2)"
    mkdir -p "$BENCH_DIR"
    [[ ${PREPARE_ONLY:-0} == 1 ]] || build_release nzbd nntp_memserver
    bash "$RIG/install.sh" >/dev/null

    # --- INN2: reuse the machine's running innd (one per machine), else start it on a free port -------
    inn_port() { awk '$1 == "port:" { print $2 }' /etc/news/inn.conf 2>/dev/null; }
    inn_answers() { "$PY" "$RIG/rig_nntp.py" --port "$1" --expect 211 "GROUP alt.binaries.test" >/dev/null 2>&1; }
    INN_PORT=""
    if pgrep -x innd >/dev/null && p="$(inn_port)" && [[ -n $p ]] && inn_answers "$p"; then
        INN_PORT="$p"
        blog "using the running INN2 on port $INN_PORT"
    else
        INN_PORT="$(free_port)" TLS_PORT="$(free_port)"
        blog "starting INN2 on port $INN_PORT (TLS reader on $TLS_PORT)"
        "$RIG/inn-start.sh" "$BENCH_DIR/inn" "$INN_PORT" --tls-port "$TLS_PORT" >/dev/null
        INN_STARTED=1
    fi
    # A running rig's TLS reader: a standalone nnrpd that answers GROUP over TLS without AUTHINFO.
    if [[ -z ${TLS_PORT:-} ]]; then
        for p in $(ss -Hltnp 2>/dev/null | awk '/"nnrpd"/ { n = split($4, a, ":"); print a[n] }' | sort -u); do
            if "$PY" "$RIG/rig_nntp.py" --port "$p" --tls --timeout 5 --expect 211 "GROUP alt.binaries.test" >/dev/null 2>&1; then
                TLS_PORT="$p"
                break
            fi
        done
    fi
    if [[ " $SERVERS " == *" tls "* && -z $TLS_PORT ]]; then
        blog "the running INN2 has no TLS reader: tls left out (stop innd to let the bench start one)"
        SERVERS="${SERVERS//tls/}"
    fi

    # --- data set: made and posted once per SIZE_MB; reposted when INN lost the articles ---------------
    first_last_ids() { grep -o '<segment [^>]*>[^<]*' "$1" | sed 's/.*>//' | sed -n '1p;$p'; }
    posted_ok() {
        [[ -s $DATA/set.nzb ]] || return 1
        local id
        for id in $(first_last_ids "$DATA/set.nzb"); do
            "$PY" "$RIG/rig_nntp.py" --port "$INN_PORT" --expect 223 "STAT <$id>" >/dev/null 2>&1 || return 1
        done
    }
    if ! posted_ok; then
        mkdir -p "$DATA/files"
        if [[ ! -s $DATA/files/bench.bin ]]; then
            blog "making $SIZE_MB MiB of random data + 10% par2"
            rm -f "$DATA/files/"*
            head -c "$((SIZE_MB * 1048576))" /dev/urandom >"$DATA/files/bench.bin"
            par2 create -q -q -s716800 -r10 "$DATA/files/bench.par2" "$DATA/files/bench.bin" >/dev/null
        fi
        blog "posting the data set to INN2 with nyuu"
        CONNECTIONS=8 "$RIG/post.sh" "$INN_PORT" "$DATA/set.nzb.tmp" "$DATA/files/"*
        mv "$DATA/set.nzb.tmp" "$DATA/set.nzb"
        posted_ok || bdie "articles not on INN2 after posting"
    fi
    NZB="$DATA/set.nzb"
    DATA_BYTES="$(du -sb "$DATA/files" | cut -f1)"
    NSEG="$(grep -c '<segment ' "$NZB")"
    blog "data set: $((DATA_BYTES / 1000000)) MB in $(ls "$DATA/files" | wc -l) files, $NSEG articles"
    [[ ${PREPARE_ONLY:-0} == 1 ]] && exit 0
    return 0
}

server_port() { case $1 in inn) echo "$INN_PORT" ;; tls) echo "$TLS_PORT" ;; *) echo "$MEM_PORT" ;; esac; }
server_ssl() { if [[ $1 == tls ]]; then echo 1; else echo 0; fi; }

# peak_anon PID KB: the larger of KB and the process's RssAnon now (sampled every 0.1 s while a job
# runs: VmHWM also counts the pages of the binary and shared libraries a process has touched).
peak_anon() {
    local now
    now="$(proc_kb "$1" RssAnon 2>/dev/null || echo 0)"
    if ((${now:-0} > $2)); then echo "$now"; else echo "$2"; fi
}

# --- one download ----------------------------------------------------------------------------------
# measure CLIENT SERVER ROUND: appends "server client round wall mbps cpu_per_gb peak_mb ok" to RESULTS.
finish_row() {  # client server round t0 t1 cpu0 cpu1 hwm_kb out_dir idle_kb anon_peak_kb
    # MB/s and CPU per GB count the bytes the client wrote (par2 volumes it held back are not
    # downloaded); the result is "ok" only when bench.bin is byte-identical to the source.
    local bytes ok=ok got
    bytes="$(du -sb "$9" 2>/dev/null | cut -f1)"
    got="$(find "$9" -name bench.bin 2>/dev/null | head -1)"
    if [[ -z $got ]]; then ok="NO-FILE"; elif ! cmp -s "$DATA/files/bench.bin" "$got"; then ok="CORRUPT"; fi
    awk -v c="$1" -v s="$2" -v r="$3" -v t0="$4" -v t1="$5" -v c0="$6" -v c1="$7" -v h="$8" -v b="${bytes:-1}" \
        -v ok="$ok" -v idle="${10:-0}" -v anon="${11:-0}" 'BEGIN { w = t1 - t0; printf "%s\t%s\t%s\t%.2f\t%.1f\t%.2f\t%.1f\t%s\t%.1f\t%.1f\t%.1f\n",
                     s, c, r, w, b / 1e6 / w, (c1 - c0) / (b / 1e9), h / 1024, ok, b / 1e6, idle / 1024, anon / 1024 }' >>"$RESULTS"
    tail -1 "$RESULTS" | awk -F'\t' '{ printf "  %-4s %-7s round %s: %6.2f s %7.1f MB/s %5.2f CPU-s/GB %7.1f MB peak, %.1f MB written  %s\n",
                                       $1, $2, $3, $4, $5, $6, $7, $9, $8 }' >&2
}

run_nzbd() {  # server round
    local home="$RUN/nzbd" t0 t1 c0 c1 hwm deadline idle anon
    rm -rf "$home"
    nzbd_start "$home"
    sleep 1  # settled after start-up: the idle figure
    idle="$(proc_kb "$NZBD_PID" VmRSS)"
    nzbd_api "mode=set_config&section=servers&name=bench&host=127.0.0.1&port=$(server_port "$1")&connections=$CONNECTIONS&ssl=$(server_ssl "$1")&ssl_verify=0&enable=1" >/dev/null
    t0="$(date +%s.%N)" c0="$(proc_cpu "$NZBD_PID")"
    nzbd_api "mode=addlocalfile&name=$NZB&nzbname=bench" | grep -q '"status": *true' || bdie "nzbd did not take the NZB"
    deadline=$((SECONDS + TIMEOUT))
    anon=0
    until nzbd_api "mode=history&limit=5" | grep -q '"status": *"\(Completed\|Failed\)"'; do
        anon="$(peak_anon "$NZBD_PID" "$anon")"
        ((SECONDS < deadline)) || { blog "nzbd timed out"; break; }
        sleep 0.1
    done
    t1="$(date +%s.%N)" c1="$(proc_cpu "$NZBD_PID")" hwm="$(proc_kb "$NZBD_PID" VmHWM)"
    nzbd_api "mode=history&limit=5" | grep -q '"status": *"Completed"' || blog "nzbd: job not Completed"
    nzbd_api "mode=history&limit=1" | grep -o '"name": *"Repair", *"actions": *\["[^"]*"' | sed 's/.*\["//; s/"$//' \
        >"$BENCH_DIR/nzbd-last-status" || true
    nzbd_stop
    finish_row nzbd "$1" "$2" "$t0" "$t1" "$c0" "$c1" "$hwm" "$home/Downloads/complete" "$idle" "$anon"
    rm -rf "$home"
}

run_nzbget() {  # server round
    local d="$RUN/nzbget" cport t0 t1 c0 c1 hwm deadline rpc idle anon
    rm -rf "$d"
    mkdir -p "$d"
    cport="$(free_port)"
    cat >"$d/nzbget.conf" <<CONF
MainDir=$d
DestDir=$d/dst
InterDir=$d/inter
NzbDir=$d/nzb
QueueDir=$d/queue
TempDir=$d/tmp
ScriptDir=$d/scripts
LockFile=$d/nzbget.lock
LogFile=$d/nzbget.log
WebDir=/usr/share/nzbget/webui
ConfigTemplate=/usr/share/doc/nzbget/examples/nzbget.conf.gz
ControlIP=127.0.0.1
ControlPort=$cport
ControlUsername=nzbget
ControlPassword=bench
Server1.Active=yes
Server1.Name=bench
Server1.Level=0
Server1.Host=127.0.0.1
Server1.Port=$(server_port "$1")
Server1.Connections=$CONNECTIONS
Server1.JoinGroup=no
Server1.Encryption=$([[ $1 == tls ]] && echo yes || echo no)
CertCheck=no
ArticleCache=0
DirectWrite=yes
CrcCheck=yes
ParCheck=$NZBGET_PARCHECK
ParRepair=yes
ParQuick=yes
Unpack=no
DupeCheck=no
HealthCheck=none
AppendCategoryDir=no
NzbDirInterval=0
DiskSpace=0
WriteLog=none
OutputMode=loggable
CONF
    nzbget -c "$d/nzbget.conf" -s >"$d/stdout.log" 2>&1 &
    NZBGET_PID=$!
    rpc="http://nzbget:bench@127.0.0.1:$cport/jsonrpc"
    wait_for 30 curl -sf "$rpc/version" -o /dev/null || { tail "$d/stdout.log" >&2; bdie "nzbget did not start"; }
    sleep 1
    idle="$(proc_kb "$NZBGET_PID" VmRSS)"
    t0="$(date +%s.%N)" c0="$(proc_cpu "$NZBGET_PID")"
    nzbget -c "$d/nzbget.conf" -A "$NZB" >/dev/null || bdie "nzbget did not take the NZB"
    deadline=$((SECONDS + TIMEOUT))
    anon=0
    until curl -sf "$rpc/history" | grep -q '"Status" *: *"'; do
        anon="$(peak_anon "$NZBGET_PID" "$anon")"
        ((SECONDS < deadline)) || { blog "nzbget timed out"; break; }
        sleep 0.1
    done
    t1="$(date +%s.%N)" c1="$(proc_cpu "$NZBGET_PID")" hwm="$(proc_kb "$NZBGET_PID" VmHWM)"
    local status
    status="$(curl -sf "$rpc/history" | grep -o '"Status" *: *"[^"]*"' | head -1)"
    [[ $status == *SUCCESS* ]] || blog "nzbget: $status"
    echo "$status" >"$BENCH_DIR/nzbget-last-status"
    kill "$NZBGET_PID" 2>/dev/null; wait "$NZBGET_PID" 2>/dev/null || true
    NZBGET_PID=""
    finish_row nzbget "$1" "$2" "$t0" "$t1" "$c0" "$c1" "$hwm" "$d/dst" "$idle" "$anon"
    rm -rf "$d"
}

# dl_run_rounds: ROUNDS rounds of every CLIENT on every SERVER, rows into a fresh $RESULTS.
dl_run_rounds() {
    : >"$RESULTS"
    local r s c
    for ((r = 1; r <= ROUNDS; r++)); do
        for s in $SERVERS; do
            for c in $CLIENTS; do "run_$c" "$s" "$r"; done
        done
    done
}

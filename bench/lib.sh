# Shared helpers of the benchmark scripts (sourced, not run).
# shellcheck shell=bash disable=SC2034

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC_ROOT="$(cd "$BENCH_ROOT/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/nzbd-bench}"           # data sets, run folders (kept between runs)
BUILD_DIR="${BUILD_DIR:-$BENCH_DIR/build}"           # Release build of nzbd + nntp_memserver
PY=/usr/bin/python3
CLK_TCK="$(getconf CLK_TCK)"

blog() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
bdie() { blog "ERROR: $*"; exit 1; }

# build_release TARGET...: configures (once) and builds a Release tree with the benchmarks on.
build_release() {
    [[ ${SKIP_BUILD:-0} == 1 ]] && return 0
    if [[ ! -f $BUILD_DIR/build.ninja ]]; then
        cmake -S "$SRC_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNZBD_TESTS=OFF \
            -DNZBD_BENCH=ON >/dev/null || bdie "cmake configure failed"
    fi
    blog "building $* (Release) in $BUILD_DIR"
    ninja -C "$BUILD_DIR" -j"${JOBS:-2}" "$@" >"$BENCH_DIR/build.log" 2>&1 ||
        { tail -30 "$BENCH_DIR/build.log" >&2; bdie "build failed (see $BENCH_DIR/build.log)"; }
}

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for SECONDS CMD...: runs CMD every 0.05 s until it succeeds or the time is up.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

# proc_cpu PID: user+sys CPU seconds of the whole process (all threads) so far.
proc_cpu() {
    awk -v t="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.3f\n", ($12 + $13) / t }' "/proc/$1/stat"
}
# proc_kb PID FIELD: VmRSS / VmHWM in KiB.
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# --- nzbd -----------------------------------------------------------------------------------------
# nzbd_start HOME: starts nzbd in the background; sets NZBD_PID, NZBD_URL, NZBD_KEY.
nzbd_start() {
    local home="$1"
    mkdir -p "$home"
    rm -f "$home/listen.addr"
    "$BUILD_DIR/bin/nzbd" --home "$home" --listen 127.0.0.1:0 >"$home/stdout.log" 2>&1 &
    NZBD_PID=$!
    wait_for 30 test -s "$home/listen.addr" || { tail "$home/stdout.log" >&2; bdie "nzbd did not start"; }
    NZBD_URL="http://$(head -1 "$home/listen.addr" | sed 's#^http://##')"
    NZBD_KEY="$(awk -F' *= *' '/^\[/{s=$0} s=="[misc]" && $1=="api_key"{print $2}' "$home/nzbd.ini")"
    [[ -n $NZBD_KEY ]] || bdie "no api_key in $home/nzbd.ini"
}
# nzbd_api 'mode=...&x=y': GET /api with the key, prints the body.
nzbd_api() { curl -sS --max-time 60 "$NZBD_URL/api?$1&output=json&apikey=$NZBD_KEY"; }
nzbd_stop() {
    [[ -n ${NZBD_PID:-} ]] || return 0
    kill "$NZBD_PID" 2>/dev/null || true
    wait "$NZBD_PID" 2>/dev/null || true
    NZBD_PID=""
}

#!/usr/bin/env bash
# bench/download/run.sh — nzbd vs Debian's nzbget, side by side, on the same data set and servers.
#
# Builds nzbd + nntp_memserver (Release), prepares once in $BENCH_DIR a data set (random file of
# SIZE_MB MiB + 10% par2, 716800-byte articles) posted with nyuu to the rig's INN2, then for ROUNDS
# rounds downloads it with nzbd and with nzbget (same CONNECTIONS, same server) from INN2, from
# INN2's TLS reader (nnrpd -S, implicit TLS) and from the in-memory server, and prints wall seconds, MB/s, CPU s/GB, peak RSS and nzbd/nzbget ratios.
#
# Environment: SIZE_MB (1024)  ROUNDS (3)  CONNECTIONS (8)  SERVERS ("inn tls mem")
#   CLIENTS ("nzbd nzbget")  NZBGET_PARCHECK (always: verify every download with ParQuick, par2
#   volumes only when needed, like nzbd's held-back volumes; "force" downloads all volumes too;
#   "manual" skips verify)  BENCH_DIR (/tmp/nzbd-bench)  BUILD_DIR ($BENCH_DIR/build)  SKIP_BUILD=1
#   TIMEOUT (seconds per download, 900)  PREPARE_ONLY=1 (make + post the data set, then stop)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

SIZE_MB="${SIZE_MB:-1024}" ROUNDS="${ROUNDS:-3}" CONNECTIONS="${CONNECTIONS:-8}"
SERVERS="${SERVERS:-inn tls mem}" CLIENTS="${CLIENTS:-nzbd nzbget}"
NZBGET_PARCHECK="${NZBGET_PARCHECK:-always}" TIMEOUT="${TIMEOUT:-900}"
source "$BENCH_ROOT/lib/download.sh"

dl_setup

# --- in-memory server ------------------------------------------------------------------------------
if [[ " $SERVERS " == *" mem "* ]]; then
    rm -f "$BENCH_DIR/mem.port"
    "$BUILD_DIR/bin/nntp_memserver" --nzb "$NZB" --load-from "127.0.0.1:$INN_PORT" \
        --port-file "$BENCH_DIR/mem.port" 2>"$BENCH_DIR/memserver.log" &
    MEM_PID=$!
    wait_for 300 test -s "$BENCH_DIR/mem.port" || { cat "$BENCH_DIR/memserver.log" >&2; bdie "memserver did not start"; }
    MEM_PORT="$(cat "$BENCH_DIR/mem.port")"
fi

# ceiling SERVER: data MB/s a minimal pipelining client gets (CONNECTIONS connections, data discarded).
declare -A CEILING
for s in $SERVERS; do
    [[ $s == tls ]] && continue  # the ceiling client speaks plain NNTP only
    out="$("$BUILD_DIR/bin/nntp_memserver" --ceiling --nzb "$NZB" --server "127.0.0.1:$(server_port "$s")" \
        --connections "$CONNECTIONS")" || bdie "ceiling run failed on $s: $out"
    secs="$(sed -n 's/.* in \([0-9.]*\) s.*/\1/p' <<<"$out")"
    CEILING[$s]="$(awk -v b="$DATA_BYTES" -v s="$secs" 'BEGIN { printf "%.1f", b / 1e6 / s }')"
    blog "ceiling $s: ${CEILING[$s]} MB/s of data ($out)"
done


dl_run_rounds

# --- table -----------------------------------------------------------------------------------------
ceilings=""
for s in $SERVERS; do [[ -n ${CEILING[$s]:-} ]] && ceilings+="$s=${CEILING[$s]} "; done
"$PY" "$BENCH_ROOT/download/table.py" "$RESULTS" --ceilings "$ceilings" --size-mb "$((DATA_BYTES / 1000000))" \
    --connections "$CONNECTIONS" --nzbget-parcheck "$NZBGET_PARCHECK" --nzbget-status "$(cat "$BENCH_DIR/nzbget-last-status" 2>/dev/null || true)" \
    --nzbd-status "$(cat "$BENCH_DIR/nzbd-last-status" 2>/dev/null || true)"

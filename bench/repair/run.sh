#!/usr/bin/env bash
# bench/repair/run.sh — a whole damaged job, nzbd vs Debian's nzbget, in the same run: download,
# verify, fetch the recovery volumes it needs and repair, until the job is in the history.
#
# Uses the download benchmark's data set (SIZE_MB of random data + 10% par2 on the rig's INN2,
# bench/lib/download.sh). The damage: a copy of the NZB in which DAMAGED articles of bench.bin,
# spread evenly over the file, name message-ids INN2 does not have (430), so each client meets
# DAMAGED missing blocks (one article is one 716,800-byte PAR2 block) and has to repair them. The
# result counts only when the repaired bench.bin is byte-identical to the source.
#
# Environment: SIZE_MB (1024)  DAMAGED (30)  ROUNDS (3)  CONNECTIONS (8)  SERVERS ("inn"; also
#   "tls", "mem" as in bench/download)  CLIENTS ("nzbd nzbget")  NZBGET_PARCHECK (always)
#   TIMEOUT (900)  BENCH_DIR BUILD_DIR SKIP_BUILD=1
# Run it under the rig's lock when tests may run: flock /tmp/nzbd-rig.lock bench/repair/run.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

SIZE_MB="${SIZE_MB:-1024}" DAMAGED="${DAMAGED:-30}" ROUNDS="${ROUNDS:-3}" CONNECTIONS="${CONNECTIONS:-8}"
SERVERS="${SERVERS:-inn}" CLIENTS="${CLIENTS:-nzbd nzbget}"
NZBGET_PARCHECK="${NZBGET_PARCHECK:-always}" TIMEOUT="${TIMEOUT:-900}"
RESULTS="$BENCH_DIR/repair-results.tsv"
source "$BENCH_ROOT/lib/download.sh"

[[ " $SERVERS " == *" mem "* ]] && bdie "repair runs against INN2 (inn, tls); the memory server has no missing articles"
dl_setup

# --- the damaged NZB -------------------------------------------------------------------------------
DAMAGED_NZB="$DATA/damaged-$DAMAGED.nzb"
"$PY" - "$NZB" "$DAMAGED_NZB" "$DAMAGED" <<'PY'
import sys
import xml.etree.ElementTree as ET
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ns = "{http://www.newzbin.com/DTD/2003/nzb}"
ET.register_namespace("", ns[1:-1])
tree = ET.parse(src)
files = [f for f in tree.getroot().iter(ns + "file") if '"bench.bin"' in f.get("subject", "")]
if len(files) != 1:
    sys.exit("repair bench: bench.bin not found in the NZB")
segs = list(files[0].iter(ns + "segment"))
if n <= 0 or n * 2 > len(segs):
    sys.exit(f"repair bench: DAMAGED={n} does not fit {len(segs)} articles")
for k in range(n):
    seg = segs[(2 * k + 1) * len(segs) // (2 * n)]  # evenly spread, never the first or the last
    seg.text = f"missing-{k}-{seg.text}"
tree.write(dst, xml_declaration=True, encoding="utf-8")
PY
RECOVERY="$(ls "$DATA/files" | grep -c 'vol.*par2$' || true)"
blog "damaged NZB: $DAMAGED of bench.bin's articles name missing message-ids ($RECOVERY recovery volumes in the set)"
NZB="$DAMAGED_NZB"

dl_run_rounds

"$PY" "$BENCH_ROOT/download/table.py" "$RESULTS" --size-mb "$((DATA_BYTES / 1000000))" --damaged "$DAMAGED" \
    --connections "$CONNECTIONS" --nzbget-parcheck "$NZBGET_PARCHECK" \
    --nzbget-status "$(cat "$BENCH_DIR/nzbget-last-status" 2>/dev/null || true)" \
    --nzbd-status "$(cat "$BENCH_DIR/nzbd-last-status" 2>/dev/null || true)"

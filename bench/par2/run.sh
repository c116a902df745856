#!/usr/bin/env bash
# PAR2 benchmark: nzbd's built-in PAR2 against Debian's par2 on the same files.
#
#   bench/par2/run.sh
#
# Builds a Release bench binary (build dir: $NZBD_BENCH_BUILD, default
# /tmp/nzbd-bench-par2-build), creates once a 1 GiB random file with 10 %
# recovery at block size 716800 (cached in $NZBD_BENCH_PAR2_DIR, default
# /tmp/nzbd-bench-par2), then times, in this run:
#   verify of the intact file   : nzbd vs `par2 v -t2`
#   repair after 30 damaged blocks (same damage, restored between runs)
#                               : nzbd vs `par2 r -t2`
# and prints wall seconds, MB/s, CPU seconds (user + sys) and the speed-up
# of nzbd over par2 (par2 wall time / nzbd wall time).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${NZBD_BENCH_PAR2_DIR:-/tmp/nzbd-bench-par2}"
BUILD="${NZBD_BENCH_BUILD:-/tmp/nzbd-bench-par2-build}"
SIZE_MB=1024
BLOCK=716800
DAMAGED=30

command -v par2 >/dev/null || { echo "Debian's par2 is needed: apt-get install par2" >&2; exit 1; }

echo "== building bench_par2 (Release) in $BUILD"
cmake -S "$ROOT/bench/par2" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD" bench_par2 >/dev/null
BENCH="$BUILD/bench_par2"

# The job folder holds only the data file and its par2 files; the saved and
# damaging blocks stay outside it (nzbd would find good slices in them).
SET="$DATA/set"
mkdir -p "$SET"
cd "$SET"
# Block indices to damage, spread over the file.
TOTAL_BLOCKS=$(( (SIZE_MB * 1048576 + BLOCK - 1) / BLOCK ))
BLOCKS=()
for ((k = 0; k < DAMAGED; k++)); do BLOCKS+=( $(( (k * 997 + 13) % (TOTAL_BLOCKS - 1) )) ); done

if [[ ! -f "$DATA/ready" ]]; then
  echo "== creating the data set in $DATA (once)"
  rm -f data.bin* *.par2 "$DATA"/orig_blocks.bin "$DATA"/damage_blocks.bin
  head -c $((SIZE_MB * 1048576)) /dev/urandom > data.bin
  par2 create -q -q -t2 -s$BLOCK -r10 data.par2 data.bin
  : > "$DATA/orig_blocks.bin"
  for b in "${BLOCKS[@]}"; do
    dd if=data.bin bs=$BLOCK skip="$b" count=1 status=none >> "$DATA/orig_blocks.bin"
  done
  head -c $((DAMAGED * BLOCK)) /dev/urandom > "$DATA/damage_blocks.bin"
  touch "$DATA/ready"
fi

# Copies block k of $1 over the k-th damaged block of data.bin.
put_blocks() {
  local k=0
  for b in "${BLOCKS[@]}"; do
    dd if="$1" of=data.bin bs=$BLOCK skip=$k seek="$b" count=1 conv=notrunc status=none
    k=$((k + 1))
  done
}
damage() { put_blocks "$DATA/damage_blocks.bin"; }
restore() { rm -f data.bin.[0-9]*; put_blocks "$DATA/orig_blocks.bin"; }

# "wall_seconds cpu_seconds" of a command; fails the benchmark if it fails.
timed() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time "$@" >/dev/null 2>>"$DATA/bench.log" || echo FAILED; } 2>&1 )
  if [[ $out == *FAILED* ]]; then echo "FAILED: $*" >&2; tail -5 "$DATA/bench.log" >&2; exit 1; fi
  read -r wall user sys <<<"$out"
  echo "$wall $(echo "$user + $sys" | bc -l)"
}

: > "$DATA/bench.log"
restore
cat data.bin data.par2 data.vol*.par2 > /dev/null   # same warm page cache for both tools

echo "== verify (intact)"
V_NZBD=$(timed "$BENCH" verify "$SET")
V_PAR2=$(timed par2 v -q -t2 data.par2)

echo "== repair ($DAMAGED damaged blocks)"
damage
R_NZBD=$(timed "$BENCH" repair "$SET")
restore
damage
R_PAR2=$(timed par2 r -q -t2 data.par2)
restore
"$BENCH" verify "$SET" 2>>"$DATA/bench.log" || { echo "data set not intact after the runs" >&2; exit 1; }

mbs() { echo "scale=1; $SIZE_MB * 1.048576 / $1" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l; }
row() {  # label, "wall cpu" of this tool, "wall cpu" of par2 (empty for par2 rows)
  local wall cpu pwall
  read -r wall cpu <<<"$2"
  if [[ -n ${3:-} ]]; then
    read -r pwall _ <<<"$3"
    printf "%-30s %8.2f %8s %10.2f %10s\n" "$1" "$wall" "$(mbs "$wall")" "$cpu" "$(ratio "$wall" "$pwall")x"
  else
    printf "%-30s %8.2f %8s %10.2f\n" "$1" "$wall" "$(mbs "$wall")" "$cpu"
  fi
}
echo
printf "%-30s %8s %8s %10s %10s\n" "1 GiB, block $BLOCK" "wall s" "MB/s" "cpu s" "speed-up"
row "verify  nzbd" "$V_NZBD" "$V_PAR2"
row "verify  par2 -t2" "$V_PAR2"
row "repair $DAMAGED blocks  nzbd" "$R_NZBD" "$R_PAR2"
row "repair $DAMAGED blocks  par2 -t2" "$R_PAR2"
echo "(repair times include loading and verifying, as par2 r does; details in $DATA/bench.log)"
echo "kernels: $("$BENCH" kernels | tr -s ' ' | paste -sd ';' -)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

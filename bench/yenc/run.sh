#!/usr/bin/env bash
# Builds bench_yenc (Release), installs npm yencode next to it if missing, runs
# both on the same ~700 KB article file and prints the nzbd/yencode ratios.
#
#   bench/yenc/run.sh            env: BENCH_DIR (default /tmp/nzbd-bench-yenc),
#                                     NZBD_SRC (default: this checkout), SECONDS_PER_RUN (default 2)
# Needs: cmake, ninja, python3, make, node + npm (node-gyp comes with npm and
# builds yencode against the headers in /usr/include/node, which the
# NodeSource nodejs package ships; with Debian's nodejs they are in libnode-dev).
# bench/CMakeLists.txt must contain add_subdirectory(yenc).
set -euo pipefail

SRC=${NZBD_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BENCH_DIR=${BENCH_DIR:-/tmp/nzbd-bench-yenc}
SECS=${SECONDS_PER_RUN:-2}
BUILD="$BENCH_DIR/build"
NODE_DIR="$BENCH_DIR/node"
ARTICLE="$BENCH_DIR/article.txt"
mkdir -p "$BENCH_DIR" "$NODE_DIR"

if ! grep -qs 'yenc' "$SRC/bench/CMakeLists.txt"; then
  echo "bench/CMakeLists.txt must contain: add_subdirectory(yenc)" >&2
  exit 1
fi
# A build dir configured for another source tree cannot be reused.
if [ -f "$BUILD/CMakeCache.txt" ] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$SRC" "$BUILD/CMakeCache.txt"; then
  rm -rf "$BUILD"
fi
echo "== building bench_yenc (Release) in $BUILD"
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNZBD_BENCH=ON -DNZBD_TESTS=OFF >/dev/null
ninja -C "$BUILD" bench_yenc >/dev/null
BENCH_BIN=$(find "$BUILD" -name bench_yenc -type f -perm -u+x | head -n1)

if [ ! -f "$NODE_DIR/node_modules/yencode/build/Release/yencode.node" ]; then
  echo "== installing npm yencode into $NODE_DIR"
  if [ ! -f /usr/include/node/node.h ]; then
    echo "node headers missing in /usr/include/node (Debian: apt-get install -y libnode-dev)" >&2
    exit 1
  fi
  (cd "$NODE_DIR" && npm_config_nodedir=/usr npm install --no-audit --no-fund --silent yencode@^1.2.4 >/dev/null)
fi

echo "== nzbd bench_yenc"
rm -f "$ARTICLE"
# Wall-clock mean and best single call per benchmark (the machine is shared and noisy).
"$BENCH_BIN" --article="$ARTICLE" --benchmark_min_time="$SECS" \
  --benchmark_format=json --benchmark_out="$BENCH_DIR/nzbd.json" --benchmark_out_format=json >/dev/null
echo "== npm yencode"
NODE_PATH="$NODE_DIR/node_modules" node "$SRC/bench/yenc/yencode_bench.js" "$ARTICLE" "$SECS" | tee "$BENCH_DIR/yencode.txt"

node - "$BENCH_DIR/nzbd.json" "$BENCH_DIR/yencode.txt" <<'JS'
const fs = require('fs');
const runs = JSON.parse(fs.readFileSync(process.argv[2])).benchmarks.filter(b => !b.error_occurred);
const line = fs.readFileSync(process.argv[3], 'utf8').split('\n').find(l => l.startsWith('JSON '));
const ref = JSON.parse(line.slice(5));
console.log('== results: best single call (mean), GB/s of encoded input, 1 GB = 1e9 bytes');
for (const b of runs) {
  const name = b.run_name.replace(/\/real_time$/, '');
  const kind = name.startsWith('decode+crc/') ? 'decode_crc' : name.startsWith('decode/') ? 'decode' : null;
  const ratio = kind ? `  nzbd/yencode = ${(b.best_GBps / ref[kind]).toFixed(2)}` : '';
  console.log(`nzbd ${name.padEnd(24)} ${b.best_GBps.toFixed(3)} GB/s (${(b.bytes_per_second / 1e9).toFixed(3)})${ratio}`);
}
console.log(`yencode decode                  ${ref.decode.toFixed(3)} GB/s`);
console.log(`yencode decode+crc              ${ref.decode_crc.toFixed(3)} GB/s`);
JS

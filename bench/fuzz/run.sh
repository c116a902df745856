#!/usr/bin/env bash
# Long fuzzing runs: every libFuzzer harness of tests/fuzz for FUZZ_RUNS
# executions (default 10 million) or FUZZ_SECONDS of wall time (default 1800),
# whichever comes first, as FUZZ_JOBS parallel jobs (default 2: one per core
# of the 2-core CI machine) sharing one corpus. Prints per harness: execs,
# the final coverage (cov) and features (ft) from libFuzzer's stats, crashes.
#   bench/fuzz/run.sh [harness...]        (default: all)
#   FUZZ_SECONDS=90 bench/fuzz/run.sh nzb yenc
# Work folders (growing corpus, logs, crash inputs) are in $BENCH_DIR/fuzz/<harness>;
# the committed seeds in tests/fuzz/corpus are only read.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
FUZZ_RUNS=${FUZZ_RUNS:-10000000}
FUZZ_SECONDS=${FUZZ_SECONDS:-1800}
FUZZ_JOBS=${FUZZ_JOBS:-2}
FUZZ_BUILD=${FUZZ_BUILD:-$SRC_ROOT/build-fuzz}
FUZZ_SRC=$SRC_ROOT/tests/fuzz

mkdir -p "$BENCH_DIR/fuzz"
[[ ${SKIP_BUILD:-0} == 1 ]] || "$FUZZ_SRC/build.sh" "$FUZZ_BUILD" >"$BENCH_DIR/fuzz/build.log" 2>&1 ||
  { tail -30 "$BENCH_DIR/fuzz/build.log" >&2; bdie "fuzz build failed (see $BENCH_DIR/fuzz/build.log)"; }
harnesses=("$@")
((${#harnesses[@]})) || mapfile -t harnesses < <(ls "$FUZZ_SRC/corpus")

# stats LOG...: "execs cov ft" over the job logs (execs summed, cov/ft the best).
stats() {
  "$PY" - "$@" <<'PY'
import re, sys
execs = cov = ft = 0
for path in sys.argv[1:]:
    text = open(path, errors="replace").read()
    runs = [int(n) for n in re.findall(r"^#(\d+)\s", text, re.M)]
    done = re.findall(r"^Done (\d+) runs", text, re.M)
    execs += int(done[-1]) if done else (max(runs) if runs else 0)
    for c, f in re.findall(r"cov: (\d+) ft: (\d+)", text):
        cov, ft = max(cov, int(c)), max(ft, int(f))
print(execs, cov, ft)
PY
}

rows=()
for h in "${harnesses[@]}"; do
  bin=$FUZZ_BUILD/tests/fuzz/fuzz_$h
  [[ -x $bin ]] || bdie "no harness $bin"
  work=$BENCH_DIR/fuzz/$h
  rm -rf "$work/logs" && mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"
  cp -n "$FUZZ_SRC/corpus/$h/"* "$work/corpus/" 2>/dev/null || true
  args=(-runs=$((FUZZ_RUNS / FUZZ_JOBS + 1)) -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/")
  [[ -f $FUZZ_SRC/dict/$h.dict ]] && args+=(-dict="$FUZZ_SRC/dict/$h.dict")
  before=$(find "$work/artifacts" -type f | wc -l)
  blog "$h: $FUZZ_JOBS jobs, up to $FUZZ_RUNS runs or $FUZZ_SECONDS s"
  start=$SECONDS
  # -jobs writes fuzz-<n>.log into the current folder.
  (cd "$work/logs" && "$bin" "${args[@]}" -jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS" "$work/corpus" \
     >"$work/logs/main.log" 2>&1) || true
  read -r execs cov ft < <(stats "$work"/logs/fuzz-*.log)
  crashes=$(( $(find "$work/artifacts" -type f | wc -l) - before ))
  rows+=("$(printf '| %-13s | %12s | %6s | %7s | %7s | %5s |' "$h" "$execs" "$cov" "$ft" "$crashes" $((SECONDS - start)))")
  ((crashes == 0)) || blog "$h: new inputs in $work/artifacts"
done

printf '| %-13s | %12s | %6s | %7s | %7s | %5s |\n' harness execs cov ft crashes s
printf '|%s|%s|%s|%s|%s|%s|\n' --------------- -------------- -------- --------- --------- -------
printf '%s\n' "${rows[@]}"

#!/usr/bin/env bash
# One ctest entry fuzz.<name>: runs the libFuzzer binary over its committed
# seed corpus (crash regressions included) and then a fixed number of
# mutations with a fixed seed. Fails on any crash, leak, timeout or sanitizer
# report. New inputs and artifacts go to a temporary folder, never into the
# committed corpus.
#   run_corpus.sh <fuzz binary> <tests/fuzz> <name> <runs>
set -uo pipefail
bin=$1 dir=$2 name=$3 runs=$4
if [[ ! -x $bin ]]; then
  echo "$bin is not built (scripts/test.sh builds build-fuzz); skipping"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/new"
args=(-runs="$runs" -seed=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$tmp/")
[[ -f $dir/dict/$name.dict ]] && args+=(-dict="$dir/dict/$name.dict")
"$bin" "${args[@]}" "$tmp/new" "$dir/corpus/$name" >"$tmp/log" 2>&1
rc=$?
tail -n 5 "$tmp/log"
if ((rc != 0)) || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|FUZZ_CHECK failed' "$tmp/log"; then
  echo "fuzz.$name failed (rc $rc):"
  grep -m1 -B2 -A40 -E 'ERROR:|runtime error:|FUZZ_CHECK failed|deadly signal' "$tmp/log"
  # Kept for a regression input: in the folder ctest ran us in (build-test/tests/fuzz).
  mkdir -p "fuzz-artifacts/$name"
  for f in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
    [[ -f $f ]] || continue
    cp "$f" "fuzz-artifacts/$name/"
    echo "input: $PWD/fuzz-artifacts/$name/$(basename "$f")"
  done
  exit 1
fi

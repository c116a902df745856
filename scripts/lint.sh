#!/usr/bin/env bash
# clang-format and clang-tidy on the lines a change touches (src/ and tests/, .cpp
# and .h), so that the run fails on a finding without reflowing older code.
#   scripts/lint.sh [BUILD_DIR]   (default build-test: its compile_commands.json)
# The change is the working tree against the merge-base with origin/main; on
# main itself (CI's fresh clone) or without origin/main, against the last commit's parent.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-test}

base=""
if git rev-parse -q --verify origin/main >/dev/null; then
  base=$(git merge-base HEAD origin/main)
fi
if [[ -z $base || $base == $(git rev-parse HEAD) ]]; then
  base=$(git rev-parse -q --verify HEAD~1 || true)
fi
if [[ -z $base ]]; then
  echo "lint: no commit to compare with, skipped"
  exit 0
fi
mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h')
if ((${#files[@]} == 0)); then
  echo "lint: no changed .cpp/.h since ${base:0:10}"
  exit 0
fi
echo "lint: ${#files[@]} changed file(s) since ${base:0:10}"
status=0

# clang-format: only the changed lines (git clang-format prints the diff it would make).
fmt=$(git clang-format --diff --extensions cpp,h "$base" -- "${files[@]}" || true)
if [[ -n $fmt && $fmt != *"no modified files to format"* && $fmt != *"did not modify any files"* ]]; then
  echo "$fmt"
  echo "lint: clang-format would change the lines above (run: git clang-format $base)"
  status=1
fi

# clang-tidy (.clang-tidy): findings on the changed lines of changed .cpp files
# and of the project headers they include.
tidy=$(git diff -U0 "$base" -- "${files[@]}" |
  clang-tidy-diff -p1 -path "$build" -iregex '.*\.cpp' -quiet -extra-arg=-Wno-error -j "$(nproc)" 2>&1 || true)
if grep -qE ': (warning|error): ' <<<"$tidy"; then
  grep -vE '^[0-9]+ warnings? generated|^Suppressed|^Use -header-filter|^$' <<<"$tidy"
  echo "lint: clang-tidy findings above"
  status=1
fi
exit $status

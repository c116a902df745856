#!/usr/bin/env bash
# Installs the Debian packages nzbd needs when they are missing.
#   scripts/deps.sh          build dependencies
#   scripts/deps.sh --test   build + test dependencies (news server, tools, npm packages)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PKGS=(build-essential cmake ninja-build ccache pkg-config
  libboost-dev libssl-dev libsqlite3-dev zlib1g-dev libbz2-dev libcurl4-openssl-dev
  nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libpugixml-dev libarchive-dev
  libisal-dev libgmime-3.0-dev liburiparser-dev prometheus-cpp-dev)
# node/npm, inn2 and the npm packages come from tests/rig/install.sh (it copes with a
# NodeSource node that already bundles npm).
# clang + libclang-rt-14-dev: the libFuzzer harnesses (tests/fuzz, build-fuzz); clang also runs
# the thread-safety analysis (tests/threadsafety).
# clang-format, clang-tidy: scripts/lint.sh.
TEST_PKGS=(libgtest-dev libgmock-dev libbenchmark-dev curl par2 7zip python3 chromium
  clang libclang-rt-14-dev clang-format clang-tidy)

want=("${BUILD_PKGS[@]}")
# The web UI's vendor files come from npm (web/package-lock.json) at build time.
command -v node >/dev/null || want+=(nodejs)
command -v npm >/dev/null || want+=(npm)
[[ "${1:-}" == "--test" ]] && want+=("${TEST_PKGS[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
  apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

# web/node_modules: the pinned front-end libraries the build embeds.
if [[ ! -f web/node_modules/.package-lock.json || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  if [[ -z $(npm config get cafile 2>/dev/null | grep -v '^null$' || true) && -s /etc/ssl/certs/ca-certificates.crt ]]; then
    export npm_config_cafile=/etc/ssl/certs/ca-certificates.crt
  fi
  echo "deps: npm ci in web/"
  (cd web && npm ci --no-fund --no-audit --loglevel=error >/dev/null)
fi

if [[ "${1:-}" == "--test" && -x tests/rig/install.sh ]]; then
  tests/rig/install.sh
fi

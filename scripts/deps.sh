#!/usr/bin/env bash
# Installs the Debian packages nzbd needs when they are missing.
#   scripts/deps.sh          build dependencies
#   scripts/deps.sh --test   build + test dependencies (news server, tools, npm packages)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PKGS=(build-essential cmake ninja-build ccache pkg-config
  libboost-dev libssl-dev libsqlite3-dev zlib1g-dev libbz2-dev libcurl4-openssl-dev
  nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libpugixml-dev libarchive-dev
  libisal-dev libgmime-3.0-dev liburiparser-dev)
# node/npm, inn2 and the npm packages come from tests/rig/install.sh (it copes with a
# NodeSource node that already bundles npm).
TEST_PKGS=(libgtest-dev libgmock-dev libbenchmark-dev curl par2 7zip python3)

want=("${BUILD_PKGS[@]}")
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

if [[ "${1:-}" == "--test" && -x tests/rig/install.sh ]]; then
  tests/rig/install.sh
fi

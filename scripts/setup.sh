#!/usr/bin/env bash
# Installs the Debian 12 packages spro-search needs (only the missing ones),
# then configures and builds into build/. Safe to run again: it does nothing
# that is already done. Usage: scripts/setup.sh [extra cmake -D options...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config ca-certificates
  libxapian-dev libicu-dev nlohmann-json3-dev libcli11-dev libsqlite3-dev
  libxml2-dev zlib1g-dev libpoppler-cpp-dev libyaml-cpp-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev liblucene++-dev
  libboost-dev libboost-filesystem-dev libboost-thread-dev libboost-date-time-dev libboost-iostreams-dev
  snowball-data python3
  clang libclang-rt-14-dev xapian-tools curl
  chromium fonts-dejavu-core
)
# The browser test drives Chromium from Node.js; a machine that has no node
# gets Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core (drives the system Chromium, downloads no browser) and
# axe-core, pinned by tests/browser/package-lock.json.
if [ ! -d tests/browser/node_modules ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent >/dev/null
fi

build_type="${SPRO_BUILD_TYPE:-Release}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build build -j "$(nproc)"

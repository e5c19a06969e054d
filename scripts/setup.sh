#!/usr/bin/env bash
# Installs the Debian 12 packages spro-search needs (only the missing ones),
# then configures and builds into build/. Safe to run again: it does nothing
# that is already done. Usage: scripts/setup.sh [extra cmake -D options...]
# By default: the library, the tools and the tests. -DSPRO_BUILD_BENCHMARKS=ON
# and -DSPRO_BUILD_BROWSER_TEST=ON add what they need (.ci/run turns both on).
set -euo pipefail
cd "$(dirname "$0")/.."

# An option is on when given here (-DNAME=ON) or already on in build/'s cache.
option_on() {
  local name="$1" value="" arg
  shift
  [ -f build/CMakeCache.txt ] && value=$(sed -n "s/^$name:BOOL=//p" build/CMakeCache.txt)
  for arg in "$@"; do
    case "$arg" in -D"$name"=*|-D"$name":BOOL=*) value="${arg#*=}" ;; esac
  done
  case "${value^^}" in ON|1|TRUE|YES|Y) return 0 ;; *) return 1 ;; esac
}

# The library, the tools and the tests (the Debian packages' test needs
# help2man, file for CPack's dependency list and systemd-analyze to verify
# their units; the replication test Xapian's replication tools; the
# acceptance runner Python 3; the attack and soak scripts curl).
packages=(
  build-essential cmake pkg-config ca-certificates
  libxapian-dev libicu-dev nlohmann-json3-dev libcli11-dev
  libxml2-dev zlib1g-dev libpoppler-cpp-dev libyaml-cpp-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev snowball-data python3 curl
  help2man file systemd xapian-tools
)
# -DSPRO_BUILD_BENCHMARKS=ON: Google Benchmark and the peers (SQLite FTS5, Lucene++).
if option_on SPRO_BUILD_BENCHMARKS "$@"; then
  packages+=(libbenchmark-dev libsqlite3-dev liblucene++-dev
    libboost-dev libboost-filesystem-dev libboost-thread-dev libboost-date-time-dev libboost-iostreams-dev)
fi
# -DSPRO_BUILD_BROWSER_TEST=ON: the browser test drives Chromium from
# Node.js; a machine that has no node gets Debian's.
browser=0
if option_on SPRO_BUILD_BROWSER_TEST "$@"; then
  browser=1
  packages+=(chromium fonts-dejavu-core)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

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
if [ "$browser" = 1 ] && [ ! -d tests/browser/node_modules ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent >/dev/null
fi

build_type="${SPRO_BUILD_TYPE:-Release}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build build -j "$(nproc)"

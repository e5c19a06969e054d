#!/usr/bin/env bash
# Builds the Debian packages (libspro-search-dev, spro-search, spro-serve)
# with CPack from this tree: a Release build of the library and the programs
# only, installed under /usr, man pages from --help (help2man).
# Usage: packaging/build-debs.sh [BUILD_DIR [OUT_DIR]]
#   BUILD_DIR defaults to build-deb, OUT_DIR to BUILD_DIR/packages.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$src/build-deb}"
out="${2:-$build/packages}"
for tool in help2man dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null || { echo "build-debs: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DSPRO_PACKAGING=ON -DSPRO_BUILD_TESTS=OFF -DSPRO_BUILD_BENCHMARKS=OFF -DSPRO_BUILD_BROWSER_TEST=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
rm -rf "$out"
mkdir -p "$out"
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
ls "$out"/*.deb

#!/usr/bin/env bash
# Installs spro-search into a temporary prefix, then builds the embed example
# against it twice, as a portal would: with find_package(spro-search) and
# with pkg-config. Usage: run.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"; build="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/tests/install" -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DEMBED_SOURCE="$src/examples/embed/embed.cpp" >/dev/null
cmake --build "$tmp/cmake" >/dev/null
# Without arguments the example prints its usage and exits 2.
out=$("$tmp/cmake/embed" 2>&1 || true)
grep -q "usage: embed" <<<"$out" || { echo "find_package build does not run: $out"; exit 1; }
g++ -std=c++20 "$src/examples/embed/embed.cpp" $(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs spro-search) -o "$tmp/embed-pc"
out=$("$tmp/embed-pc" 2>&1 || true)
grep -q "usage: embed" <<<"$out" || { echo "pkg-config build does not run: $out"; exit 1; }
echo "install, find_package and pkg-config OK"

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
"$tmp/cmake/embed" 2>&1 | grep -q "usage: embed" || { echo "find_package build does not run"; exit 1; }
g++ -std=c++20 "$src/examples/embed/embed.cpp" $(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs spro-search) -o "$tmp/embed-pc"
"$tmp/embed-pc" 2>&1 | grep -q "usage: embed" || { echo "pkg-config build does not run"; exit 1; }
echo "install, find_package and pkg-config OK"

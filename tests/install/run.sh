#!/usr/bin/env bash
# Installs spro-search into a temporary prefix, then, as a portal would:
# builds the README's "Embedding the library" snippet (taken from the README
# as written), docs/pathways.md's sample (pkg-config only) and
# examples/embed/embed.cpp out of tree, once with
# find_package(spro-search) and once with pkg-config, neither naming a C++
# standard; runs them on a missing index (a clean error, not an abort) and on
# an index built by the installed spro-index; searches it with the installed
# spro-search. Usage: run.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"; build="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
sed -n '/<!-- embed:begin -->/,/<!-- embed:end -->/p' "$src/README.md" \
  | grep -v -e '^<!--' -e '^```' > "$tmp/readme_embed.cpp"
grep -q 'int main' "$tmp/readme_embed.cpp" || fail "README embedding snippet not found"
# docs/pathways.md's sample too: a C++ snippet in the docs must compile.
sed -n '/<!-- pathway-embed:begin -->/,/<!-- pathway-embed:end -->/p' "$src/docs/pathways.md" \
  | grep -v -e '^<!--' -e '^```' > "$tmp/pathway_embed.cpp"
grep -q 'int main' "$tmp/pathway_embed.cpp" || fail "docs/pathways.md sample not found"

# find_package, from a CMake project.
cmake -S "$src/tests/install" -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
  -DREADME_SOURCE="$tmp/readme_embed.cpp" -DEMBED_SOURCE="$src/examples/embed/embed.cpp" >/dev/null
cmake --build "$tmp/cmake" >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "find_package build failed"; }

# pkg-config, with the compiler's default standard (C++17 for GCC 12).
pcdir=$(dirname "$(find "$prefix" -name spro-search.pc)")
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs spro-search) || fail "pkg-config does not know spro-search"
for program in readme_embed embed pathway_embed; do
  source_file="$tmp/$program.cpp"
  [ "$program" = embed ] && source_file="$src/examples/embed/embed.cpp"
  # shellcheck disable=SC2086  # pkg-config's output is a list of flags
  g++ "$source_file" $flags -o "$tmp/$program-pc" 2>"$tmp/pc.log" || { cat "$tmp/pc.log"; fail "pkg-config build of $program failed"; }
done

# Both builds of the README snippet, and the pathways sample, on a missing
# index: exit 1 with a message.
for binary in "$tmp/cmake/readme_embed" "$tmp/readme_embed-pc" "$tmp/pathway_embed-pc"; do
  status=0
  out=$("$binary" "$tmp/no-such-index" 2>&1) || status=$?
  [ "$status" -eq 1 ] || fail "$(basename "$binary") on a missing index exited $status (want 1): $out"
  grep -q "cannot open $tmp/no-such-index" <<<"$out" || fail "$(basename "$binary"): no error message: $out"
done

# An index built by the installed spro-index, searched by every build.
"$prefix/bin/spro-index" build --quiet --db "$tmp/index" --config "$src/data/sample/sources.yaml"
for binary in "$tmp/cmake/readme_embed" "$tmp/readme_embed-pc"; do
  out=$("$binary" "$tmp/index") || fail "$(basename "$binary") failed on the sample index: $out"
  grep -q '"total":' <<<"$out" || fail "$(basename "$binary") printed no response: $out"
  grep -q '"facets":' <<<"$out" || fail "$(basename "$binary") printed no facets: $out"
done
out=$("$tmp/pathway_embed-pc" "$tmp/index") || fail "docs/pathways.md sample failed on the sample index: $out"
grep -q '"rome:J1506"' <<<"$out" || fail "docs/pathways.md sample printed no pathway: $out"
for binary in "$tmp/cmake/embed" "$tmp/embed-pc"; do
  out=$("$binary" "$tmp/index" infirmiere) || fail "$(basename "$binary") failed: $out"
  grep -q "Infirmier" <<<"$out" || fail "$(basename "$binary") found no Infirmier sheet: $out"
done
out=$("$prefix/bin/spro-search" --db "$tmp/index" --limit 3 infirmiere) || fail "installed spro-search failed: $out"
grep -q "Infirmier" <<<"$out" || fail "installed spro-search found no Infirmier sheet: $out"
[ -x "$prefix/bin/spro-serve" ] || fail "spro-serve is not installed"
echo "install: find_package and pkg-config builds of the README snippet and embed.cpp OK"

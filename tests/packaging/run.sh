#!/usr/bin/env bash
# The Debian packages as an administrator gets them: builds them with CPack
# (packaging/build-debs.sh), checks that apt can resolve their dependencies,
# unpacks them with dpkg into an empty root (dpkg --root --unpack: files,
# conffiles and the package database as dpkg -i writes them; the maintainer
# scripts, which need a running systemd, are not run), verifies the systemd
# units against that root, and runs the installed programs: spro-index on
# the installed sources configuration, spro-search, spro-serve over HTTP, a
# program built against libspro-search-dev.
# Usage: run.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"; build="$2"
tmp=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "packaging test: $*" >&2; exit 1; }

debs="$build/packages"
"$src/packaging/build-debs.sh" "$build/deb-build" "$debs" >/dev/null
for p in libspro-search-dev spro-search spro-serve; do
  ls "$debs"/${p}_*.deb >/dev/null 2>&1 || fail "no $p package in $debs"
done
# Every dependency is a Debian 12 package apt can resolve.
apt-get install --simulate --no-install-recommends "$debs"/*.deb >"$tmp/apt.log" 2>&1 \
  || { cat "$tmp/apt.log"; fail "apt cannot resolve the packages' dependencies"; }
depends=$(dpkg-deb -f "$debs"/spro-search_*.deb Depends)
grep -q libxapian <<<"$depends" || fail "spro-search does not depend on libxapian: $depends"

root="$tmp/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg --root="$root" --force-depends --force-script-chrootless --unpack "$debs"/*.deb >"$tmp/dpkg.log" 2>&1 \
  || { cat "$tmp/dpkg.log"; fail "dpkg --unpack failed"; }
# (Lists go through files: under pipefail, grep -q closing a pipe early
# would fail its writer.)
dpkg --root="$root" -L spro-serve > "$tmp/files"
grep -qx /usr/lib/systemd/system/spro-serve.service "$tmp/files" || fail "spro-serve.service not installed"
grep -q '^ /etc/spro-search/sources.yaml ' "$root/var/lib/dpkg/status" || fail "sources.yaml is not a conffile"
for program in spro-index spro-search spro-serve; do
  [ -x "$root/usr/bin/$program" ] || fail "$program is not installed"
  zcat "$root/usr/share/man/man1/$program.1.gz" > "$tmp/$program.1"
  grep -q '^\.SH OPTIONS' "$tmp/$program.1" || fail "$program has no man page with its options"
done
grep -q 'spro-index build' "$tmp/spro-index.1" || fail "spro-index's man page lacks its subcommands"
# Debian policy: each package's machine-readable copyright file, naming the
# code's licence and the territory data's ODbL columns.
for p in libspro-search-dev spro-search spro-serve; do
  dpkg --root="$root" -L "$p" > "$tmp/$p.files"
  grep -qx "/usr/share/doc/$p/copyright" "$tmp/$p.files" || fail "$p has no /usr/share/doc/$p/copyright"
  copyright="$root/usr/share/doc/$p/copyright"
  [ "$(head -1 "$copyright")" = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" ] \
    || fail "$p's copyright file is not machine-readable"
  grep -q '^License: GPL-2.0-or-later' "$copyright" || fail "$p's copyright file does not name the GPL"
  grep -q 'ODbL-1.0' "$copyright" || fail "$p's copyright file does not name the territory data's ODbL"
done
# The developer documentation comes with libspro-search-dev.
for doc in search.md pathways.md resource-format.md; do
  grep -qx "/usr/share/doc/libspro-search-dev/$doc" "$tmp/libspro-search-dev.files" || fail "libspro-search-dev lacks $doc"
done

# The units, as systemd reads them: a missing binary is an error, an
# unknown directive or a bad calendar specification a warning, and both
# fail here. The root gets systemd's own targets (sysinit.target...) that
# the units' default dependencies name; the man pages are checked above.
cp -n /lib/systemd/system/*.target "$root/usr/lib/systemd/system/"
systemd-analyze verify --man=no --root="$root" \
  /usr/lib/systemd/system/spro-serve.service /usr/lib/systemd/system/spro-index.service /usr/lib/systemd/system/spro-index.timer \
  >"$tmp/verify.log" 2>&1 || { cat "$tmp/verify.log"; fail "systemd-analyze verify failed"; }
[ -z "$(grep -v -e '^$' "$tmp/verify.log")" ] || { cat "$tmp/verify.log"; fail "systemd-analyze verify warned"; }
for unit in spro-serve.service spro-index.service; do
  exposure=$(systemd-analyze security --offline=yes --root="$root" "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
  echo "$unit: systemd-analyze security exposure $exposure"
  awk -v e="$exposure" 'BEGIN { exit !(e != "" && e < 2.0) }' || fail "$unit exposure $exposure is not below 2.0 (OK)"
done

# The nightly rebuild's command, on the installed configuration (the
# bundled sample, its absolute paths moved under the test root). Unpacked
# and not configured, a conffile still has dpkg's .dpkg-new name.
conf="$root/etc/spro-search/sources.yaml"
[ -f "$conf" ] || conf="$conf.dpkg-new"
sed "s|path: /usr/share/|path: $root/usr/share/|" "$conf" > "$tmp/sources.yaml"
status=0
"$root/usr/bin/spro-index" build --quiet --db "$tmp/index" --config "$tmp/sources.yaml" --report "$tmp/report.jsonl" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || fail "installed spro-index exited $status"
out=$("$root/usr/bin/spro-search" --db "$tmp/index" --limit 3 infirmiere) || fail "installed spro-search failed"
grep -q "Infirmier" <<<"$out" || fail "installed spro-search found no Infirmier sheet: $out"

# spro-serve from the package, on a free loopback port.
port=$(( 20000 + RANDOM % 20000 ))
"$root/usr/bin/spro-serve" --db "$tmp/index" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
server=$!
answer=""
for _ in $(seq 50); do
  if answer=$(exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /api/search?q=infirmiere HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && cat <&3) 2>/dev/null; then
    break
  fi
  sleep 0.2
done
grep -q '^HTTP/1.[01] 200' <<<"$answer" || { cat "$tmp/serve.log"; fail "spro-serve did not answer: $answer"; }
grep -q 'Infirmier' <<<"$answer" || fail "spro-serve's answer has no Infirmier sheet"

# libspro-search-dev: the README's snippet, built with the installed CMake
# package and .pc file.
sed -n '/<!-- embed:begin -->/,/<!-- embed:end -->/p' "$src/README.md" | grep -v -e '^<!--' -e '^```' > "$tmp/portal.cpp"
pcdir=$(dirname "$(find "$root/usr/lib" -name spro-search.pc)")
# shellcheck disable=SC2046  # pkg-config's output is a list of flags
g++ "$tmp/portal.cpp" $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs spro-search) -o "$tmp/portal" \
  || fail "the README snippet does not build against libspro-search-dev with pkg-config"
"$tmp/portal" "$tmp/index" > "$tmp/portal.out" || fail "the README snippet built against the package failed"
grep -q '"total":' "$tmp/portal.out" || fail "the README snippet built against the package gives no response"
echo "debian packages: built, resolvable, unpacked, units verified, installed programs search"

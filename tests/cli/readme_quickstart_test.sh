#!/usr/bin/env bash
# Runs the README's quick-start command exactly as written, and checks that
# the README's test command is the one .ci/run runs.
set -euo pipefail
root="$1"
cd "$root"
block=$(sed -n '/<!-- quickstart:begin -->/,/<!-- quickstart:end -->/p' README.md | grep -v -e '^<!--' -e '^```')
first=$(printf '%s\n' "$block" | sed -n 1p)
second=$(printf '%s\n' "$block" | sed -n 2p)
[ -n "$first" ] && [ -n "$second" ] || { echo "README quick start block not found"; exit 1; }
[ "$(printf '%s\n' "$block" | grep -c .)" -eq 2 ] || { echo "README quick start must be exactly two commands"; exit 1; }
grep -qxF "$second" .ci/run || { echo ".ci/run does not run the README test command: $second"; exit 1; }
echo "running: $first"
out=$(bash -c "$first" 2>&1) || { echo "$out"; echo "quick start command failed"; exit 1; }
echo "$out" | tail -20
echo "$out" | grep -q "Infirmier / Infirmière" || { echo "quick start search found no Infirmier sheet"; exit 1; }
echo "quick start OK"

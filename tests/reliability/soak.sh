#!/usr/bin/env bash
# Soak: CLIENTS clients query spro-serve without pause while the index is
# rebuilt REBUILDS times underneath; every request must get a 200 with the
# expected total. Then the same server is probed as an attacker would, and
# /healthz and a plain query are timed beside each attack (the figures of
# docs/reliability.md). Prints its figures; exit 1 on any failed request.
#
#   tests/reliability/soak.sh [CLIENTS] [REBUILDS] [RESOURCES] [BIN_DIR] [--attacks]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
clients=${1:-4}
rebuilds=${2:-5}
resources=${3:-2000}
bin=${4:-$root/build/bin}
attacks=${5:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/spro-soak-XXXXXX")
db=$work/db
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

awk -v n="$resources" 'BEGIN {
  for (i = 0; i < n; i++)
    printf "{\"id\":\"r%d\",\"kind\":\"formation\",\"title\":\"Soak formation %d\",\"summary\":\"Cuisine et restauration en alternance, session %d\",\"territories\":[\"dep:%02d\"],\"publics\":[\"jeune\"],\"levels\":[%d]}\n", i, i, i, 1 + i % 95, 3 + i % 4
}' > "$work/in.jsonl"
"$bin/spro-index" build --quiet --db "$db" "$work/in.jsonl" >/dev/null 2>&1 || { echo "initial build failed"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin/spro-serve" --db "$db" --listen "127.0.0.1:$port" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

# client N: requests until $work/stop exists; counts ok and failed.
client() {
  local ok=0 failed=0
  while [ ! -e "$work/stop" ]; do
    total=$(curl -s --max-time 10 "$base/api/search?q=cuisine&facets=1&limit=3" | jq -r '.total // "x"' 2>/dev/null)
    if [ "$total" = "$resources" ]; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
  done
  echo "$ok $failed" > "$work/client-$1"
}
for ((c = 1; c <= clients; c++)); do client "$c" & pids+=($!); done
start=$(date +%s)
for ((r = 1; r <= rebuilds; r++)); do
  "$bin/spro-index" build --quiet --db "$db" "$work/in.jsonl" >/dev/null 2>&1 || echo "rebuild $r failed"
done
touch "$work/stop"
sleep 0.5
for ((c = 1; c <= clients; c++)); do while [ ! -e "$work/client-$c" ]; do sleep 0.1; done; done
ok=$(cat "$work"/client-* | awk '{ s += $1 } END { print s }')
failed=$(cat "$work"/client-* | awk '{ s += $2 } END { print s }')
echo "soak: $clients clients during $rebuilds rebuilds of $resources resources ($(( $(date +%s) - start )) s): $ok requests, $failed failed"

if [ "$attacks" = "--attacks" ]; then
  python3 "$root/tests/reliability/attack.py" "$port"
fi
[ "$failed" -eq 0 ]

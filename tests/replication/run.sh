#!/usr/bin/env bash
# Read replicas on Xapian's replication, on loopback: one master index
# published by xapian-replicate-server, two replicas followed by
# xapian-replicate, one spro-serve on each replica. While a client keeps
# querying both servers, the master gets an update (reaches the replicas as
# a changeset) and then a rebuild (a new database: a full copy). Every
# replica must answer the new content, with no failed request meanwhile.
# Prints how long each change took to be answered by both replicas.
# Usage: run.sh SOURCE_DIR BUILD_DIR [CORPUS.jsonl]
#   CORPUS: what the master indexes (default: the bundled sample), e.g.
#   bench's 100k corpus for docs/deployment.md's figures (then give the
#   client more time than its default 180 s: SPRO_CLIENT_SECONDS=1800).
set -euo pipefail
src="$1"; build="$2"; corpus="${3:-}"
bin="$build/bin"
for tool in xapian-replicate xapian-replicate-server; do
  command -v "$tool" >/dev/null || { echo "replication test: $tool is missing (Debian's xapian-tools; scripts/setup.sh installs it)" >&2; exit 1; }
done
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "replication test: $*" >&2; exit 1; }
now() { date +%s.%N; }
# A free-looking loopback port (another test may hold one: retried below).
pick_port() { echo $(( 20000 + RANDOM % 30000 )); }
# GET PATH from 127.0.0.1:PORT; prints the whole response.
http_get() {
  local port="$1" path="$2"
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
  cat <&3
  exec 3<&-
}

index_master() {  # index_master build|update EXTRA.jsonl
  local mode="$1" extra="$2" status=0
  if [ "$mode" = build ] && [ -z "$corpus" ]; then
    "$bin/spro-index" build --quiet --db "$tmp/master" --config "$src/data/sample/sources.yaml" "$extra" 2>"$tmp/index.log" || status=$?
  elif [ "$mode" = build ]; then
    "$bin/spro-index" build --quiet --db "$tmp/master" "$corpus" "$extra" 2>"$tmp/index.log" || status=$?
  else
    "$bin/spro-index" update --quiet --db "$tmp/master" "$extra" 2>"$tmp/index.log" || status=$?
  fi
  [ "$status" -eq 0 ] || { cat "$tmp/index.log"; fail "spro-index $mode exited $status"; }
}
canary() {  # canary ID WORD > file: one resource whose title holds WORD
  printf '{"id":"replication:%s","kind":"metier","title":"Métier témoin %s","territories":["fr"]}\n' "$1" "$2"
}

# The master, and the server publishing it: its folder holds `current`,
# the link to the live generation, which is the database replicas follow.
canary first zorglubienne > "$tmp/first.jsonl"
index_master build "$tmp/first.jsonl"
started=0
for _ in 1 2 3 4 5; do
  rport=$(pick_port)
  # In a session of its own: on SIGTERM it signals its whole process group.
  setsid xapian-replicate-server -I 127.0.0.1 -p "$rport" "$tmp/master" >"$tmp/replicate-server.log" 2>&1 &
  pids+=($!)
  sleep 0.3
  if kill -0 "${pids[-1]}" 2>/dev/null; then started=1; break; fi
done
[ "$started" = 1 ] || { cat "$tmp/replicate-server.log"; fail "xapian-replicate-server did not start"; }

# Two read hosts: xapian-replicate polling every second, spro-serve on the
# replica it keeps.
ports=()
for r in 1 2; do
  xapian-replicate -h 127.0.0.1 -p "$rport" -m current -i 1 -r 1 -q "$tmp/replica$r" >"$tmp/replicate$r.log" 2>&1 &
  pids+=($!)
done
for r in 1 2; do
  found=""
  for _ in $(seq 100); do
    found=$("$bin/spro-search" --db "$tmp/replica$r" zorglubienne 2>/dev/null || true)
    grep -q "Métier témoin" <<<"$found" && break
    sleep 0.2
  done
  grep -q "Métier témoin" <<<"$found" || { cat "$tmp/replicate$r.log"; fail "replica $r never got the master's first build"; }
  started=0
  for _ in 1 2 3 4 5; do
    port=$(pick_port)
    "$bin/spro-serve" --db "$tmp/replica$r" --listen "127.0.0.1:$port" >"$tmp/serve$r.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do
      health=$(http_get "$port" /healthz 2>/dev/null || true)
      grep -q '^HTTP/1.[01] 200' <<<"$health" && { started=1; break; }
      sleep 0.1
    done
    [ "$started" = 1 ] && break
    kill "${pids[-1]}" 2>/dev/null || true
  done
  [ "$started" = 1 ] || { cat "$tmp/serve$r.log"; fail "spro-serve on replica $r did not start"; }
  ports+=("$port")
done

# The client: queries both servers in turn until told to stop, one line per
# request ("ok" or what went wrong). Bounded: 3 minutes by default.
(
  end=$(( $(date +%s) + ${SPRO_CLIENT_SECONDS:-180} ))
  while [ ! -f "$tmp/stop" ] && [ "$(date +%s)" -lt "$end" ]; do
    for port in "${ports[@]}"; do
      answer=$(http_get "$port" "/api/search?q=infirmiere&limit=3" 2>/dev/null || true)
      if grep -q '^HTTP/1.[01] 200' <<<"$answer" && grep -q '"total":' <<<"$answer"; then
        echo ok
      else
        echo "failed on port $port: $(head -c 300 <<<"$answer" | tr '\r\n' '  ')"
      fi
    done
  done
) > "$tmp/load.log" &
load=$!
pids+=("$load")

# Until both replicas answer WORD (PRESENT=1) or no longer do (PRESENT=0).
wait_for() {
  local word="$1" present="$2" deadline=$(( $(date +%s) + ${SPRO_CLIENT_SECONDS:-300} )) all out port
  while [ "$(date +%s)" -lt "$deadline" ]; do
    all=1
    for port in "${ports[@]}"; do
      out=$(http_get "$port" "/api/search?q=$word&limit=1&facets=0" 2>/dev/null || true)
      if grep -q "replication:" <<<"$out"; then [ "$present" = 1 ] || all=0; else [ "$present" = 0 ] || all=0; fi
    done
    [ "$all" = 1 ] && return 0
    sleep 0.1
  done
  return 1
}

# An update: one resource added in place (a changeset).
canary update cornemusienne > "$tmp/update.jsonl"
t0=$(now)
index_master update "$tmp/update.jsonl"
t1=$(now)
wait_for cornemusienne 1 || fail "the update did not reach both replicas"
t2=$(now)
# A rebuild: a new generation, a new database (a full copy). The update's
# resource is not in it; the rebuild's own is.
canary rebuild tympanonienne > "$tmp/rebuild.jsonl"
index_master build "$tmp/rebuild.jsonl"
t3=$(now)
wait_for tympanonienne 1 || fail "the rebuild did not reach both replicas"
wait_for cornemusienne 0 || fail "a replica still answers a resource the rebuild dropped"
t4=$(now)
sleep 1
touch "$tmp/stop"
wait "$load" || true

requests=$(wc -l < "$tmp/load.log")
failures=$(grep -vc '^ok$' "$tmp/load.log" || true)
size=$(du -sm "$(readlink -f "$tmp/master/current")" | cut -f1)
docs=$("$bin/spro-search" --db "$tmp/replica1" --json --limit 0 2>/dev/null | sed -n 's/.*"total":\([0-9]*\).*/\1/p' | head -1)
printf 'replication: index of %s resources, %s MB\n' "${docs:-?}" "$size"
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "replication: update committed in %.2f s, answered by both replicas %.2f s after the commit\n", b - a, c - b }'
awk -v c="$t2" -v d="$t3" -v e="$t4" 'BEGIN { printf "replication: rebuild in %.2f s, answered by both replicas %.2f s after the switch\n", d - c, e - d }'
echo "replication: $requests requests during the switches, $failures failed"
[ "$requests" -gt 0 ] || fail "the client sent no request"
[ "$failures" -eq 0 ] || { grep -v '^ok$' "$tmp/load.log" | head -5; fail "$failures requests failed during the switches"; }

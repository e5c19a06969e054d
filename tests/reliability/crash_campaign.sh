#!/usr/bin/env bash
# kill -9 campaign: spro-index build and update killed at random moments;
# after each kill the index must pass xapian-check and answer a search with
# the count of before or after the interrupted run (never a mix, never an
# error). Prints its figures; exit 1 on any failed check.
#
#   tests/reliability/crash_campaign.sh [TRIES] [RESOURCES] [BIN_DIR]
#
# Defaults: 20 tries over 3,000 generated resources, build/bin.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tries=${1:-20}
resources=${2:-3000}
bin=${3:-$root/build/bin}
work=$(mktemp -d "${TMPDIR:-/tmp}/spro-crash-XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/db

# generate FILE COUNT FIRST_ID TITLE_WORD: COUNT resources, ids from FIRST_ID.
generate() {
  awk -v n="$2" -v first="$3" -v word="$4" 'BEGIN {
    for (i = first; i < first + n; i++)
      printf "{\"id\":\"r%d\",\"kind\":\"formation\",\"title\":\"%s formation %d\",\"summary\":\"Formation en alternance numero %d, cuisine et restauration\",\"territories\":[\"dep:%02d\"],\"publics\":[\"jeune\"],\"levels\":[%d]}\n", i, word, i, i, 1 + i % 95, 3 + i % 4
  }' > "$1"
}
generate "$work/full.jsonl" "$resources" 0 campagne
generate "$work/update.jsonl" $((resources / 4)) $((resources - resources / 8)) relance  # replaces some, adds some

count() {  # resources the live index answers for a browse, or "error"
  "$bin/spro-search" --db "$db" --json --facets --limit 0 2>/dev/null | jq -r '.total // "error"' 2>/dev/null || echo error
}

"$bin/spro-index" build --quiet --db "$db" "$work/full.jsonl" >/dev/null 2>&1 || { echo "initial build failed"; exit 1; }
# How long a whole build takes, to spread the kills over it (an update is
# shorter: some of its kills come after the end, counted as finished).
start=$(date +%s%N)
"$bin/spro-index" build --quiet --db "$db" "$work/full.jsonl" >/dev/null 2>&1
run_ms=$(( ($(date +%s%N) - start) / 1000000 + 50 ))
full=$(count)
updated=$((resources + resources / 8))

killed=0 finished=0 failures=0 checked=0
for ((i = 1; i <= tries; i++)); do
  if ((i % 2)); then what=build; input=$work/full.jsonl; else what=update; input=$work/update.jsonl; fi
  before=$(count)
  "$bin/spro-index" "$what" --quiet --db "$db" "$input" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms=$((RANDOM % run_ms)) 'BEGIN { printf "%.3f", ms / 1000 }')"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null
  after=$(count)
  live=$(readlink -f "$db/current")
  checked=$((checked + 1))
  if ! xapian-check "$live" >/dev/null 2>&1; then
    echo "try $i ($what): xapian-check failed on $live"; failures=$((failures + 1))
  elif [ "$after" != "$before" ] && [ "$after" != "$full" ] && [ "$after" != "$updated" ]; then
    echo "try $i ($what): $after resources, expected $before, $full or $updated"; failures=$((failures + 1))
  fi
  # Leftovers of the killed run are removed by the next writer: put the
  # index back to the full build for the next try, and check that.
  if ((i % 2 == 0)); then
    "$bin/spro-index" build --quiet --db "$db" "$work/full.jsonl" >/dev/null 2>&1
    leftovers=$(find "$db" -mindepth 1 -maxdepth 1 \( -name '.build-*' -o -name 'current.new' \) | wc -l)
    gens=$(find "$db" -mindepth 1 -maxdepth 1 -name 'gen-*' | wc -l)
    if [ "$leftovers" -ne 0 ] || [ "$gens" -gt 2 ]; then
      echo "try $i: leftovers after the next build: $leftovers work folders, $gens generations"; failures=$((failures + 1))
    fi
  fi
done
# The space killed and finished updates left: compact must reclaim some
# and keep every resource.
"$bin/spro-index" build --quiet --db "$db" "$work/full.jsonl" >/dev/null 2>&1
for ((u = 0; u < 4; u++)); do
  "$bin/spro-index" update --quiet --db "$db" "$work/update.jsonl" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms=$((RANDOM % run_ms)) 'BEGIN { printf "%.3f", ms / 2000 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$bin/spro-index" update --quiet --db "$db" "$work/update.jsonl" >/dev/null 2>&1
done
compact=$("$bin/spro-index" compact --db "$db" 2>&1)
after=$(count)
if ! xapian-check "$(readlink -f "$db/current")" >/dev/null 2>&1 || [ "$after" != "$updated" ]; then
  echo "compact: $compact; $after resources (expected $updated) or xapian-check failed"; failures=$((failures + 1))
fi
echo "${compact#spro-index: }"
echo "crash campaign: $tries tries over $resources resources ($run_ms ms a run): $killed killed mid-run, $finished finished first, $checked checked, $failures failures"
[ "$failures" -eq 0 ]

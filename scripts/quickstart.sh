#!/usr/bin/env bash
# Sets up and builds spro-search, indexes the bundled sample and runs a search.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/bin/spro-index build --db build/sample-index data/sample/resources.jsonl
build/bin/spro-search --db build/sample-index --limit 3 --facets "${1:-infirmiere}"

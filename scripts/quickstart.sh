#!/usr/bin/env bash
# Sets up and builds spro-search, indexes the bundled sample and runs a search.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/bin/spro-index build --quiet --db build/sample-index --config data/sample/sources.yaml
build/bin/spro-search --db build/sample-index --limit 3 --facets "${1:-infirmiere}"

#!/usr/bin/env bash
# Regenerates docs/screenshots/: the main states of spro-serve's search page
# (home, results, filters, ambiguous place, no result, thanks for a vote, the
# summary of a job's pathway above the results, a pathway, one part of it) at
# 390 px (a phone) and 1280 px wide, taken by the browser test in headless
# Chromium over the bundled sample. Needs build/ (scripts/setup.sh).
# Usage: scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
index="$(mktemp -d)"
trap 'rm -rf "$index"' EXIT
build/bin/spro-index build --quiet --db "$index/db" --config data/sample/sources.yaml
mkdir -p docs/screenshots
rm -f docs/screenshots/*.png
SCREENSHOTS="$PWD/docs/screenshots" node tests/browser/search_page_test.mjs build/bin/spro-serve "$index/db"
ls docs/screenshots

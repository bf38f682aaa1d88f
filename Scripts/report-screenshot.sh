#!/bin/sh
# The README's picture of the report: the municipality study's report opened in headless
# Chromium with its top bridge-builder found (index.html#find=p01).
# Usage: sh Scripts/report-screenshot.sh   (after swift build; needs chromium)
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0} .build/debug/brobyggare report municipality --layer trust,collaboration --group sector \
  --title "Norrgården: bridge-builders (constructed data)" -o "$out/report" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$out/profile" --hide-scrollbars \
  --window-size=1100,1250 --screenshot="$PWD/Notebooks-md/figures/report-municipality.png" \
  "file://$out/report/index.html#find=p01" 2>/dev/null
echo "wrote Notebooks-md/figures/report-municipality.png"

#!/usr/bin/env bash
# How well and how fast the built-in catalog recognises software: `tally bench --recognition` over the labelled
# inventories Tally ships (Tests/TallyFormatsTests/Fixtures/recognition: registry exports, GLPI and osquery files,
# every title labelled commercial, free or system in labels.csv) prints the recall of commercial titles, the share of
# free and system titles set aside, and false products; then `tally bench --normalize` times normalization (5 million
# raw records, one core). Another folder of labelled inventories can be given instead.
# Usage: scripts/bench-recognition.sh [FOLDER] (release build first: swift build -c release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tally="$here/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release" >&2; exit 1; }
folder=${1:-$here/Tests/TallyFormatsTests/Fixtures/recognition}

"$tally" bench --recognition "$folder" --list-misses
"$tally" bench --normalize 5000000 --runs 5

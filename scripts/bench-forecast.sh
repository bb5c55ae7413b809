#!/usr/bin/env bash
# Backtests the demand forecast (release build first: swift build -c release --product tally): from rolling origins
# on synthetic monthly histories of known shape (a trend, a trend with a 12-month season, flat, a step), it prints
# the forecast's mean absolute percentage error beside the naive forecast that repeats the last month, and how often
# the actual month fell inside the 80% interval; then the time one product's forecast takes.
# Usage: scripts/bench-forecast.sh [SERIES-PER-SHAPE] [SEED]
set -euo pipefail
series=${1:-20}
seed=${2:-42}
tally="$(cd "$(dirname "$0")/.." && pwd)/.build/release/tally"
[ -x "$tally" ] || { echo "build first: swift build -c release --product tally" >&2; exit 1; }
"$tally" bench --forecast "$series" --seed "$seed"

#!/usr/bin/env bash
# Checks the chargeback workbook end to end, as a finance team meets it: a store made from a small estate
# (scripts/fixtures/chargeback.estate.json, the estate of the hand-worked tests in ChargebackTests), the workbook of
# 2026 written by `tally report chargeback`, and both its sheets opened by LibreOffice (scripts/check-workbook.sh)
# and compared with the expected CSVs: chargeback-by-department.csv and chargeback-detail.csv.
# Usage: scripts/check-chargeback.sh PATH-TO-TALLY
set -uo pipefail
tally=${1:?usage: scripts/check-chargeback.sh PATH-TO-TALLY}
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/chargeback.sqlite"

if ! "$tally" import --estate "$fixtures/chargeback.estate.json" --db "$db" --actor ci >"$work/log" 2>&1; then
    echo "FAIL: the chargeback estate was not imported:" >&2
    cat "$work/log" >&2
    exit 1
fi
if ! "$tally" report chargeback --period 2026 --format xlsx --out "$work/chargeback.xlsx" --db "$db" >"$work/log" 2>&1
then
    echo "FAIL: tally report chargeback did not write the workbook:" >&2
    cat "$work/log" >&2
    exit 1
fi
# The split is the position's of the period's last day, or of today while that day is to come (UTC): the first sheet
# says which. The figures are the same on any day from 2026-07-01 (the rate of USD) to 2026-12-31.
day=$(date -u +%F)
[[ "$day" > 2026-12-31 ]] && day=2026-12-31
sed "s/{POSITION_DAY}/$day/" "$fixtures/chargeback-by-department.csv" >"$work/by-department.csv"

failed=0
"$here/check-workbook.sh" "$work/chargeback.xlsx" "$work/by-department.csv" 1 || failed=1
"$here/check-workbook.sh" "$work/chargeback.xlsx" "$fixtures/chargeback-detail.csv" 2 || failed=1
[ "$failed" -eq 0 ] && echo "chargeback: the workbook's two sheets read in LibreOffice as expected"
exit "$failed"

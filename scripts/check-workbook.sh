#!/usr/bin/env bash
# Checks that LibreOffice really opens a workbook Tally wrote: converts it to CSV with LibreOffice Calc, headless,
# and compares the CSV with the expected one. Installs libreoffice-calc from Debian's packages when it is missing
# (as root, or through sudo; otherwise it uses whatever is there).
# Usage: scripts/check-workbook.sh WORKBOOK.xlsx EXPECTED.csv [SHEET-NUMBER]
# The CSV is UTF-8, comma-separated, fields quoted with " where needed, and cells as shown (so `1,299.50` and
# `12.5%` check the number formats too). LibreOffice exports one sheet: the first, or SHEET-NUMBER counted from 1.
set -uo pipefail
workbook=${1:?usage: scripts/check-workbook.sh WORKBOOK.xlsx EXPECTED.csv [SHEET-NUMBER]}
expected=${2:?usage: scripts/check-workbook.sh WORKBOOK.xlsx EXPECTED.csv [SHEET-NUMBER]}
sheet=${3:-1}
[ -f "$workbook" ] || { echo "FAIL: no workbook at $workbook" >&2; exit 2; }
[ -f "$expected" ] || { echo "FAIL: no expected CSV at $expected" >&2; exit 2; }

if ! command -v libreoffice >/dev/null; then
    install="apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-calc"
    if [ "$(id -u)" -eq 0 ]; then
        bash -c "$install" >/dev/null || echo "warning: could not install libreoffice-calc" >&2
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n bash -c "$install" >/dev/null || echo "warning: could not install libreoffice-calc" >&2
    else
        echo "warning: libreoffice is missing and this user cannot install it (not root, no sudo)" >&2
    fi
fi
command -v libreoffice >/dev/null || {
    echo "FAIL: libreoffice is not installed; install the Debian package libreoffice-calc" >&2
    exit 2
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/out"
# Field separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8), from line 1, default cell format,
# language 0, no forced quoting, detect special numbers, save cells as shown, no formulas, keep spaces, the sheet.
filter="csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,$sheet"
start=$(date +%s%N)
# A profile of its own, so that a LibreOffice already running, or a damaged profile in $HOME, cannot interfere.
timeout 300 libreoffice -env:UserInstallation="file://$work/profile" --headless --norestore \
    --convert-to "$filter" --outdir "$work/out" "$workbook" >"$work/log" 2>&1
status=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
mapfile -t produced < <(find "$work/out" -name '*.csv')
if [ "$status" -ne 0 ] || [ "${#produced[@]}" -ne 1 ]; then
    echo "FAIL: LibreOffice did not convert $workbook (exit $status, ${#produced[@]} CSV files). Its output:" >&2
    cat "$work/log" >&2
    exit 1
fi
if ! diff -u --label "expected ($expected)" --label "LibreOffice's CSV of $workbook" "$expected" "${produced[0]}"; then
    echo "FAIL: the CSV LibreOffice made of $workbook (sheet $sheet) differs from $expected (diff above)" >&2
    exit 1
fi
echo "ok: LibreOffice opened $workbook; sheet $sheet matches $expected (conversion took ${elapsed} ms)"

#!/usr/bin/env bash
# Runs one parser under libFuzzer (AddressSanitizer on) for a number of seconds, seeded with the project's fixtures.
# Usage: scripts/fuzz.sh NAME SECONDS     (NAME: estate, catalog, flexlm, lmstat, rlmstat, glpi, osquery, registry,
#                                          swid, csv, columnmap, featuremap, multipart; or "all")
# Builds in .build-fuzz (its own scratch folder); a crash, leak or hang leaves its input in .build-fuzz/findings/NAME
# and exits non-zero. Findings are turned into tests under Tests/TallyFormatsTests/FuzzFindings.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: scripts/fuzz.sh NAME SECONDS}
seconds=${2:?usage: scripts/fuzz.sh NAME SECONDS}
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
scratch="$here/.build-fuzz"
# The main package is a dependency here: SwiftPM does not notice a file added to it, so plan the build afresh (what
# was compiled is reused all the same).
rm -f "$scratch/release.yaml"
swift build --package-path "$here/Fuzz" --scratch-path "$scratch" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >"$scratch.log" 2>&1 || {
    tail -20 "$scratch.log"
    exit 1
}
binary="$scratch/release/tally-fuzz"
fixtures="$here/Tests/TallyFormatsTests/Fixtures"

seeds() { # the fixtures each parser starts from
    case $1 in
    estate) ls "$fixtures"/scenarios/*.json ;;
    catalog) ls "$here"/Sources/TallyFormats/Catalog/*.json ;;
    flexlm) ls "$fixtures"/flexlm/* ;;
    lmstat) ls "$fixtures"/lmstat/* ;;
    rlmstat) ls "$fixtures"/rlm/* ;;
    glpi) ls "$fixtures"/inventory/*.json "$fixtures"/recognition/glpi-*.json | grep -v osquery ;;
    osquery) ls "$fixtures"/inventory/osquery* ;;
    registry) ls "$fixtures"/inventory/*.reg "$fixtures"/recognition/*.reg ;;
    swid) ls "$fixtures"/inventory/*.swidtag ;;
    csv) ls "$fixtures"/inventory/*.csv ;;
    columnmap) ;;
    featuremap) ;;
    multipart) ;;
    esac
}

run() {
    local target=$1
    local corpus="$scratch/corpus/$target" findings="$scratch/findings/$target"
    mkdir -p "$corpus" "$findings"
    for seed in $(seeds "$target"); do
        # Large seeds slow libFuzzer down without finding more: keep the first 64 KB of each.
        head -c 65536 "$seed" >"$corpus/seed-$(basename "$seed")"
    done
    case $target in
    columnmap) printf 'DisplayName0=name,Netbios_Name0=device' >"$corpus/seed-map" ;;
    featuremap) printf 'MLM:MATLAB,matlab\n# comment\nfeature\tproduct\n' >"$corpus/seed-map" ;;
    multipart) printf -- '--b0undary\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncsv\r\n--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nname,device\r\n--b0undary--\r\n' >"$corpus/seed-form" ;;
    esac
    echo "fuzz $target for $seconds s"
    TALLY_FUZZ=$target ASAN_OPTIONS=detect_leaks=1 "$binary" "$corpus" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$findings/" -print_final_stats=1 2>&1 |
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+[[:space:]]+DONE)|ERROR|SUMMARY|Test unit written' || true
    if ls "$findings"/* >/dev/null 2>&1; then
        echo "FINDINGS for $target in $findings"
        return 1
    fi
}

if [ "$name" = all ]; then
    status=0
    for target in estate catalog flexlm lmstat rlmstat glpi osquery registry swid csv columnmap featuremap multipart; do
        run "$target" || status=1
    done
    exit $status
fi
run "$name"

#!/usr/bin/env bash
# End-to-end checks of the command line as a user meets it: the exit status and the one-line message for bad
# input, and the reports for good input. Usage: scripts/check-cli.sh PATH-TO-TALLY
# With TALLY_CHECK_POSTGRES set to a PostgreSQL server's URL (postgres://user@host:port/db, a user who may create
# databases), each store is a new database there instead of a SQLite file, and the checks of files alone are left out.
set -uo pipefail
tally=${1:?usage: scripts/check-cli.sh PATH-TO-TALLY}
here=$(cd "$(dirname "$0")/.." && pwd)
scenarios="$here/Tests/TallyFormatsTests/Fixtures/scenarios"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0
postgres=${TALLY_CHECK_POSTGRES:-}

# The store a group of checks uses: a SQLite file in the work folder, or a new database on the PostgreSQL server.
store() {
    if [ -z "$postgres" ]; then
        echo "$work/$1.sqlite"
        return
    fi
    local name="tally_cli_$1_$$"
    psql "$postgres" -qc "CREATE DATABASE $name" >/dev/null || exit 2
    echo "${postgres%/*}/$name"
}
# Changes a store behind Tally's back, as someone with the database's password could.
tamper() { # store, SQL
    if [ -z "$postgres" ]; then
        python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$1" "$2"
    else
        psql "$1" -qc "$2" >/dev/null
    fi
}
[ -n "$postgres" ] && export TALLY_DOCUMENTS="$work/documents"

check() { # name, expected exit status, expected text in the output, command...
    local name=$1 status=$2 text=$3
    shift 3
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    if [ "$got" -ne "$status" ] || ! grep -qF -- "$text" "$work/out" "$work/err"; then
        echo "FAIL $name: exit $got (wanted $status), output:"; cat "$work/out" "$work/err" | head -5
        failures=$((failures + 1))
    elif grep -qE 'Fatal error|Stack dump|TallyCore\.|TallyFormats\.|Swift\.' "$work/err"; then
        echo "FAIL $name: internals shown to the user:"; head -5 "$work/err"
        failures=$((failures + 1))
    else
        passed=$((passed + 1))
    fi
}

check "--version says the release" 0 "0.12.0" "$tally" --version
check "bad reference names its path" 1 'installations[1].device: no device "zz"' \
    "$tally" reconcile --estate "$scenarios/90-bad-reference.estate.json"
check "unknown key names its path" 1 'devices[0].cpus: unknown key' \
    "$tally" reconcile --estate "$scenarios/91-unknown-key.estate.json"
check "missing file names the file" 1 "$work/none.json: No such file or directory" \
    "$tally" reconcile --estate "$work/none.json"
printf '{"format": "tally-estate/1",\n "asOf": }' >"$work/broken.json"
check "broken JSON names the line" 1 "broken.json: line 2, column 10" "$tally" reconcile --estate "$work/broken.json"
check "bad date option is refused" 64 "as-of" "$tally" reconcile --estate "$scenarios/01-device-basic.estate.json" --as-of 2026-02-30
check "table report" 0 "1 products: 1 under-licensed" "$tally" reconcile --estate "$scenarios/01-device-basic.estate.json"
check "json report" 0 '"consumer": "device:ws-3"' \
    "$tally" reconcile --estate "$scenarios/01-device-basic.estate.json" --format json
check "csv report" 0 "visio,Microsoft,Visio Professional,device,3,2,1,2,0,300,0,under" \
    "$tally" reconcile --estate "$scenarios/01-device-basic.estate.json" --format csv
check "as-of moves the date" 0 '"asOf": "2026-11-27"' \
    "$tally" reconcile --estate "$scenarios/01-device-basic.estate.json" --format json --as-of 2026-11-27
check "demo writes an estate" 0 "License position as of 2026-11-29" \
    "$tally" demo --as-of 2026-11-29 --write "$work/demo.json"
check "the written demo reads back" 0 "License position as of 2026-11-29" "$tally" reconcile --estate "$work/demo.json"
check "demo to an unwritable place fails cleanly" 1 "$work/no/such/folder/demo.json:" \
    "$tally" demo --write "$work/no/such/folder/demo.json"
check "generate writes a synthetic estate" 0 "Wrote 200 devices" \
    "$tally" generate --devices 200 --seed 3 --as-of 2026-11-29 -o "$work/gen.json"
check "the synthetic estate reconciles" 0 "License position as of 2026-11-29" "$tally" reconcile --estate "$work/gen.json"

db=$(store store)
if [ -z "$postgres" ]; then
    check "reconcile where there is no store says so and creates none" 1 "there is no store here" \
        "$tally" reconcile --db "$db"
fi
usage_db=$(store usage) servers_db=$(store servers) twice_db=$(store twice) jump_db=$(store jump)
span_db=$(store span) utf16_db=$(store utf16)
check "import into the store" 0 "Imported as batch 1 (merge)" "$tally" import --estate "$work/demo.json" --db "$db"
check "a second import changes nothing" 0 "total                   0          0       2545          0" \
    "$tally" import --estate "$work/demo.json" --db "$db" --actor ci
check "a bad estate is refused and names its path" 1 'installations[1].device: no device "zz"' \
    "$tally" import --estate "$scenarios/90-bad-reference.estate.json" --db "$db"
check "reconcile the store" 0 "25 products: 10 under-licensed" "$tally" reconcile --db "$db" --as-of 2026-11-29
check "add an entitlement" 0 "Added entitlement PO-CI-1." \
    "$tally" entitlement add PO-CI-1 --product visio --quantity 3 --unit-cost 250 --db "$db" --actor ci
check "an unknown product is refused" 1 'no product "nope"' \
    "$tally" entitlement add PO-CI-2 --product nope --quantity 3 --db "$db"
soon=$(date -u -d "+20 days" +%F)
check "add a contract" 0 "Added contract C-CI-1." \
    "$tally" contract add C-CI-1 --vendor Contoso --end "$soon" --notice-days 30 --owner ci@example.com --db "$db"
check "a contract ending before it starts is refused by field" 1 'contract "C-CI-2" end: 2026-01-01 is before the start 2027-01-01' \
    "$tally" contract add C-CI-2 --start 2027-01-01 --end 2026-01-01 --db "$db"
check "an entitlement joins the contract" 0 "Changed entitlement PO-CI-1." \
    "$tally" entitlement edit PO-CI-1 --contract C-CI-1 --cost-period year --db "$db"
printf '%%PDF-1.7 the order' >"$work/order.pdf"
check "attach a document" 0 "Attached order.pdf to contract C-CI-1 as document 1" \
    "$tally" contract attach C-CI-1 "$work/order.pdf" --db "$db"
check "attaching a missing file names it" 1 "$work/none.pdf" "$tally" contract attach C-CI-1 "$work/none.pdf" --db "$db"
check "show a contract with its entitlement and document" 0 "PO-CI-1" "$tally" contract show C-CI-1 --db "$db"
check "renewals flag a passed notice deadline" 0 "PASSED" "$tally" renewals --within 30d --db "$db"
check "renewals as JSON give the advice" 0 '"advice": ' "$tally" renewals --within 30 --format json --db "$db"
check "a window that is not days is refused" 64 "within" "$tally" renewals --within soon --db "$db"
check "record an exchange rate" 0 "Recorded 1 USD = 0.9 from 2026-01-01." \
    "$tally" rate set USD 0.9 --date 2026-01-01 --db "$db" --actor ci
check "a rate of the estate's own currency is refused" 1 "is the estate's own currency" \
    "$tally" rate set EUR 1 --db "$db"
check "list the rates, the demo's and the one recorded" 0 "USD       2026-01-01   0.9  EUR" "$tally" rate list --db "$db"
check "an entitlement priced in dollars" 0 "Added entitlement PO-CI-USD." \
    "$tally" entitlement add PO-CI-USD --product visio --quantity 1 --unit-cost 100 --currency USD --db "$db"
check "a currency without a rate is refused by field" 1 "no rate from CHF to EUR" \
    "$tally" entitlement add PO-CI-CHF --product visio --quantity 1 --unit-cost 100 --currency CHF --db "$db"
check "the position names the rate it converted at" 0 "Converted at 1 USD = 0.92 EUR (rate of 2026-11-14)" \
    "$tally" reconcile --db "$db" --as-of 2026-11-29
check "reclaim frees the licenses AutoCAD is short of" 0 "autocad: shortfall 3 -> 0" \
    "$tally" reclaim --as-of 2026-11-29 --db "$db"
check "reclaim as the service desk's CSV" 0 "device,user,product,version,lastUse,reason,detail,freed,value" \
    "$tally" reclaim --unused 60d --product intellij --format csv --db "$db"
check "record an installation taken back" 0 "Recorded intellij as taken back from lt-20044." \
    "$tally" reclaim mark lt-20044 intellij --note INC-1 --db "$db" --actor ci
check "what was taken back is counted apart" 0 "1 taken back already" \
    "$tally" reclaim --product intellij --db "$db"
check "taking back from an unknown device is refused" 1 'no device "zz"' \
    "$tally" reclaim mark zz intellij --db "$db"
check "a period of disuse that is not days is refused" 64 "unused" "$tally" reclaim --unused soon --db "$db"
check "pool advice leaves no more demand unmet than was refused" 0 \
    "simulink: 8 owned, peak 4 (95%: 3), 0 denial(s) on 0 of 56 days - drop 4 to 4, save 17,200.00 EUR" \
    "$tally" usage --recommend --db "$db"
check "pool advice with a share of demand left unmet, as CSV" 0 "matlab,2026-10-05,2026-11-29,56,10,15,4,1,12,9,-3" \
    "$tally" usage --recommend --unmet-share 0.05 --format csv --db "$db"
check "pool advice only sizes concurrent pools" 1 "autocad is not licensed by a concurrent pool" \
    "$tally" usage --recommend --product autocad --db "$db"
check "a share above 1 is refused" 1 "must be a share from 0 to 1" \
    "$tally" usage --recommend --unmet-share 2 --db "$db"
check "forecast from three years of monthly history" 0 "intellij        36 months    49  holt-winters" \
    "$tally" forecast --db "$db"
check "forecast of one product lists its months, as CSV" 0 "product,month,kind,demand,low,high,supply" \
    "$tally" forecast --product intellij --format csv --db "$db"
check "a growth of an unknown department is refused" 1 'no department "nope"' \
    "$tally" forecast --growth nope=+10% --db "$db"
check "a growth that is not a rate is refused" 64 "growth" "$tally" forecast --growth eng=lots --db "$db"
check "a forecast must end after today" 1 "to: must be after today" "$tally" forecast --to 2020-01-01 --db "$db"
check "retire an unknown device" 1 'no device "zz" in the store' "$tally" device retire zz --db "$db"
check "assign needs one assignee" 64 "exactly one of --person or --device" "$tally" assign visio --db "$db"
check "history lists the snapshots" 0 "2026-11-29" "$tally" history visio --db "$db"
check "history totals each metric apart, never adding cores to seats" 0 "SHORT (PVU)" "$tally" history --db "$db"
check "retire a device from a day" 0 "Retired device lt-20015 on 2026-12-15." \
    "$tally" device retire lt-20015 --on 2026-12-15 --db "$db"
check "retiring it again is refused" 1 'device "lt-20015" is already retired, on 2026-12-15' \
    "$tally" device retire lt-20015 --db "$db"
check "retire a person who left" 0 "Retired person E10011 on 2026-12-15." \
    "$tally" person retire E10011 --on 2026-12-15 --db "$db"
check "before the day, the retired still count" 0 "25 products: 10 under-licensed" \
    "$tally" reconcile --db "$db" --as-of 2026-11-29
check "a past date counts what was installed then" 0 "revit,Autodesk,Revit,user,8,0,8" \
    "$tally" reconcile --db "$db" --as-of 2025-01-01 --format csv
printf 'Netbios_Name0,DisplayName0,Version0,Publisher0\nLT-20015,Microsoft Office Professional Plus 2019 - en-us,16.0.10827.20138,Microsoft Corporation\n' >"$work/office.csv"
check "an inventory title the catalog knows by another id" 0 "Imported from sccm" \
    "$tally" import csv "$work/office.csv" --preset sccm --db "$db"
check "a rule may name a product the store already has" 0 "Added rule own-1" \
    "$tally" catalog add-rule --name "Microsoft Office Professional Plus {year}*" --product office-proplus \
    --version "{year}" --db "$db"
check "applying it reads the title again" 0 "1 read otherwise than before; 0 new products" \
    "$tally" catalog apply --db "$db"
check "the device now holds the estate's own Office" 0 "office-proplus 2019" "$tally" device software lt-20015 --db "$db"
check "a product from a publisher's rule template" 0 "Added product ora-se2." \
    "$tally" product add ora-se2 --publisher Oracle --name "Database Standard Edition 2" --rule oracle-se2-nup --db "$db"
check "an unknown template is refused with the list" 64 "oracle-processor" \
    "$tally" product add ora-x --rule oracle-enterprise --db "$db"
check "the demo's models are the publishers' own" 0 "Every product's license model is one its publisher uses." \
    "$tally" product check --db "$db"
"$tally" product add wls-old --publisher Oracle --name "WebLogic Server Enterprise Edition" --metric processor \
    --db "$db" >/dev/null
check "a model no publisher uses is flagged with its template" 0 "--rule oracle-processor" \
    "$tally" product check --db "$db"
check "processors a table does not list are named, with the assumed and likely figures" 0 "AMD EPYC 7313" \
    "$tally" product processors --db "$db"
check "the cluster rule is explained on each host" 0 "1 VM running the product in cluster vc-dc1 can move to it" \
    "$tally" reconcile --db "$db" --as-of 2026-11-29 --format json
check "a host leaves the cluster" 0 "Changed device esx05." "$tally" device edit esx05 --cluster "" --db "$db"
check "a VM is a hard partition" 0 "Changed device ora-test01." \
    "$tally" device edit ora-test01 --partitioning hard --db "$db"
check "a hard partition counts its own cores" 0 "hard partition: max(ceil(8 vcpus x 0.5" \
    "$tally" reconcile --db "$db" --as-of 2026-11-29 --format json
check "a purchase with Software Assurance" 0 "Added entitlement PO-CI-SA." \
    "$tally" entitlement add PO-CI-SA --product sql-std --quantity 24 --software-assurance --db "$db"
check "with rights, SQL Server VMs are licensed by VM again" 0 "licensed by VM under Software Assurance" \
    "$tally" reconcile --db "$db" --as-of 2026-11-29 --format json
check "the audit trail shows the edit" 0 "add entitlement PO-CI-1" "$tally" audit log --entity entitlement --db "$db"
check "the audit trail verifies" 0 "The audit trail is intact: 19 entries" "$tally" audit verify --db "$db"
# A whole store copied to a new one and back (with TALLY_CHECK_POSTGRES, PostgreSQL to SQLite and back), verified.
copy=$(store copy)
check "migrate copies a store into a new file and verifies its audit trail" 0 \
    "The copy's audit trail is intact: 19 entries" "$tally" migrate --from "$db" --to "$work/migrated.sqlite"
check "and from there into a new store" 0 "The copy's audit trail is intact: 19 entries" \
    "$tally" migrate --from "$work/migrated.sqlite" --to "$copy"
"$tally" reconcile --db "$db" --as-of 2026-11-29 --format csv >"$work/position-db.csv" 2>/dev/null
"$tally" reconcile --db "$copy" --as-of 2026-11-29 --format csv >"$work/position-copy.csv" 2>/dev/null
check "the copy gives the same position" 0 "same" \
    bash -c "cmp -s '$work/position-db.csv' '$work/position-copy.csv' && [ -s '$work/position-db.csv' ] && echo same"
check "a store that holds data is not copied into" 1 "the store to copy into is not empty" \
    "$tally" migrate --from "$db" --to "$copy"
check "a store to copy that is not there is named" 1 "there is no store here" \
    "$tally" migrate --from "$work/none.sqlite" --to "$work/none-copy.sqlite"
check "export writes the store as an estate" 0 "Exported 334 devices" \
    "$tally" export --estate "$work/exported.json" --db "$db"
# The evidence pack for a publisher's auditor: a folder or one ZIP, every file's digest checked, written whole.
pack="$work/pack"
check "an audit pack is written to a new folder" 0 "Wrote the audit pack of Microsoft as of 2026-11-29" \
    "$tally" report audit --publisher microsoft --as-of 2026-11-29 --out "$pack" --db "$db"
check "every file of the pack checks against SHA256SUMS" 0 "documents/C-CI-1/order.pdf: OK" \
    bash -c "cd '$pack' && sha256sum -c SHA256SUMS"
check "SHA256SUMS lists every other file of the pack" 0 "same" bash -c \
    "cd '$pack' && diff <(find . -type f ! -name SHA256SUMS | cut -c3- | sort) <(cut -c67- SHA256SUMS | sort) && echo same"
check "the evidence names the imported file by its SHA-256" 0 ",$(sha256sum "$work/demo.json" | cut -c1-64)," \
    cat "$pack/evidence.csv"
check "the summary gives the audit trail's head" 0 "$("$tally" audit head --db "$db" | cut -d' ' -f2)" \
    cat "$pack/summary.html"
check "the document in the pack is the one attached" 0 "same" \
    bash -c "cmp '$work/order.pdf' '$pack/documents/C-CI-1/order.pdf' && echo same"
check "a folder holding a pack is refused without --force" 1 "give another --out, or --force to replace it" \
    "$tally" report audit --publisher Microsoft --as-of 2026-11-29 --out "$pack" --db "$db"
check "with --force the pack is replaced" 0 "Wrote the audit pack" \
    "$tally" report audit --publisher Microsoft --as-of 2026-11-29 --out "$pack" --force --db "$db"
check "an audit pack as one ZIP" 0 "Unpack it with: unzip" \
    "$tally" report audit --publisher Microsoft --as-of 2026-11-29 --out "$work/pack.zip" --db "$db"
check "the ZIP lists the pack's files" 0 "documents/C-CI-1/order.pdf" \
    python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$work/pack.zip"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$work/pack.zip" "$work/unzipped"
check "the files unpacked from the ZIP check against its SHA256SUMS" 0 "summary.html: OK" \
    bash -c "cd '$work/unzipped' && sha256sum -c SHA256SUMS"
check "an existing ZIP is refused without --force" 1 "pack.zip: exists already" \
    "$tally" report audit --publisher Microsoft --out "$work/pack.zip" --db "$db"
mkdir -p "$work/mine" && printf 'mine' >"$work/mine/notes.txt"
check "a folder of other files is never replaced, even with --force" 1 "holding other files than an audit pack" \
    "$tally" report audit --publisher Microsoft --out "$work/mine" --force --db "$db"
check "and it is left as it was" 0 "notes.txt" ls "$work/mine"
check "an unknown publisher is refused with the publishers there are" 1 \
    'no product'"'"'s publisher is "Orcle"; the publishers are Adobe, Autodesk' \
    "$tally" report audit --publisher Orcle --out "$work/orcle.zip" --db "$db"
check "and nothing is written, nor left half-written" 1 "0" bash -c "ls -A '$work' | grep -cE 'orcle|partial'"
# Chargeback: each department's share of the year's license costs (scripts/check-chargeback.sh opens the workbook).
check "chargeback by department as a table" 0 "Chargeback for 2026 (2026-01-01 to 2026-12-31)" \
    "$tally" report chargeback --period 2026 --db "$db"
check "chargeback as CSV" 0 "department,name,costCenter,parent,oneOff,recurring,total,units" \
    "$tally" report chargeback --by department --period 2026-11 --format csv --db "$db"
check "a period that is neither a year nor a month is refused" 64 '--period: "2026-13" is not a period' \
    "$tally" report chargeback --period 2026-13 --db "$db"
check "a chargeback workbook needs --out" 64 "give the file to write with --out FILE" \
    "$tally" report chargeback --format xlsx --db "$db"
"$tally" report chargeback --format xlsx --out "$work/chargeback.xlsx" --db "$db" >/dev/null 2>&1
check "an existing workbook is not replaced without --force" 1 "chargeback.xlsx: exists already" \
    "$tally" report chargeback --format xlsx --out "$work/chargeback.xlsx" --db "$db"
if [ -z "$postgres" ]; then
    # A store that is read-only (file and folder) is read as it is: nothing created beside it. No store: nothing made.
    mkdir -p "$work/readonly"
    cp "$db" "$work/readonly/store.sqlite"
    chmod 444 "$work/readonly/store.sqlite"
    chmod 555 "$work/readonly"
    check "audit verify reads a read-only store" 0 "The audit trail is intact" \
        "$tally" audit verify --db "$work/readonly/store.sqlite"
    check "export reads a read-only store" 0 "Exported 334 devices" \
        "$tally" export --estate "$work/readonly-export.json" --db "$work/readonly/store.sqlite"
    check "reconcile on a read-only store prints the position, not saved" 0 "was not saved" \
        "$tally" reconcile --db "$work/readonly/store.sqlite" --as-of 2026-11-29
    check "nothing was written beside the read-only store" 0 "store.sqlite" ls "$work/readonly"
    check "no -wal or -shm beside it" 1 "0" bash -c "ls '$work/readonly' | grep -cE 'wal|shm'"
    chmod 755 "$work/readonly"
    check "reading where there is no store says so" 1 "there is no store here" "$tally" history --db "$work/none.sqlite"
    check "and creates nothing" 2 "No such file" ls "$work/none.sqlite"
    mkdir -p "$work/folder.sqlite"
    check "a folder as the store is named as such" 1 "it is a folder" "$tally" history --db "$work/folder.sqlite"
    check "a missing folder is named" 1 "the folder $work/missing does not exist" \
        "$tally" import --estate "$work/demo.json" --db "$work/missing/store.sqlite"
    : >"$work/empty.sqlite"
    check "an empty file is not made a store" 1 "the file is empty, not a Tally store" \
        "$tally" import --estate "$work/demo.json" --db "$work/empty.sqlite"
fi
check "a file that is not a store is named so" 1 "it is not a Tally store" \
    "$tally" history --db "$work/demo.json"
if [ -z "$postgres" ]; then
    check "a new store is readable by its owner only" 0 "-rw-------" ls -l "$db"
fi
# Files written safely: through a link to the file it names, to - for standard output, never over a folder.
printf 'old' >"$work/real-export.json"
ln -s "$work/real-export.json" "$work/link-export.json"
"$tally" export --estate "$work/link-export.json" --db "$db" >/dev/null 2>&1
check "export writes through a link, which stays a link" 0 "link-export.json ->" ls -l "$work/link-export.json"
check "the file the link names holds the export" 0 '"format": "tally-estate/1"' head -c 200 "$work/real-export.json"
check "export to - writes standard output" 0 '"format": "tally-estate/1"' "$tally" export --estate - --db "$db"
check "export to a folder is refused" 1 "is not a regular file" "$tally" export --estate "$work" --db "$db"
check "import reads - as standard input" 0 "Dry run (merge)" \
    bash -c "'$tally' import --estate - --dry-run --db '$db' <'$work/demo.json'"
check "an exported file is its owner's only" 0 "-rw-------" ls -l "$work/exported.json"
check "audit head prints the last entry to keep elsewhere" 0 " " "$tally" audit head --db "$db"
head=$("$tally" audit head --db "$db" | cut -d' ' -f2)
check "verify against the head kept" 0 "The audit trail is intact" "$tally" audit verify --head "$head" --db "$db"
"$tally" assign visio --person E10001 --db "$db" --actor $'eve\n#99 forged' >/dev/null 2>&1
check "a control character in an actor is shown escaped, never as a line of its own" 0 'eve\n#99 forged' \
    "$tally" audit log --entity assignment --db "$db"
check "no forged line" 1 "0" bash -c "'$tally' audit log --db '$db' | grep -c '^#99 forged'"
tamper "$db" "update entitlement set quantity = 999 where id = 'PO-CI-1'"
check "a quantity changed in SQL is named" 1 "the data does not match the audit trail: entitlements changed outside Tally" \
    "$tally" audit verify --db "$db"
tamper "$db" "update entitlement set quantity = 3 where id = 'PO-CI-1'"
check "put back, the data matches again" 0 "The audit trail is intact" "$tally" audit verify --db "$db"
# The command line as a user types it: misspelt commands named, help that fails for nothing, flags, aliases.
check "a misspelt command gets the closest one" 64 "Did you mean 'import'?" "$tally" imprt
check "help for no command fails" 64 "'nosuch' is not a command of 'tally'" "$tally" help nosuch
check "a misspelt subcommand is named in its group" 64 "is not a command of 'tally catalog'" "$tally" catalog unrecogn
check "import alone shows its group's help" 0 "SUBCOMMANDS:" "$tally" import
check "catalog unrecognised is accepted" 0 "" "$tally" catalog unrecognised --db "$db"
check "reading commands offer no --actor" 64 "Unknown option '--actor'" "$tally" history --actor ann --db "$db"
check "flags take no value" 0 "Added entitlement PO-CI-FLAG." \
    "$tally" entitlement add PO-CI-FLAG --product visio --unlimited --downgrade --db "$db"
check "list shows ids to type" 0 "lt-20015" "$tally" list devices --search lt-20015 --db "$db"
check "list products with their status" 0 "visio" "$tally" list products --search visio --db "$db"
check "list people" 0 "E10001" "$tally" list people --search E10001 --db "$db"
check "list entitlements" 0 "PO-CI-FLAG" "$tally" list entitlements --search PO-CI-FLAG --db "$db"
tamper "$db" "update audit_entry set actor = 'x' where sequence = 2"
check "a tampered audit trail is named" 1 "the audit trail is broken at entry 2" "$tally" audit verify --db "$db"

flexlm="$here/Tests/TallyFormatsTests/Fixtures/flexlm/matlab.log"
check "a FlexNet log imports its sessions" 0 "10007 new sessions" \
    "$tally" import flexlm-log "$flexlm" --server lic1 --db "$usage_db"
check "the same log again adds nothing" 0 "0 new sessions, 0 updated, 10007 already known" \
    "$tally" import flexlm-log "$flexlm" --server lic1 --db "$usage_db"
check "a file that is not a FlexNet log is refused" 1 "line 1: this is not a FlexNet debug log" \
    "$tally" import flexlm-log "$scenarios/01-device-basic.estate.json" --db "$usage_db"
printf 'feature,product\nMLM:MATLAB matlab\n' >"$work/broken-map.csv"
check "a product map names its broken line" 1 "broken-map.csv: line 2: expected FEATURE,PRODUCT" \
    "$tally" import flexlm-log "$flexlm" --product-map "$work/broken-map.csv" --db "$usage_db"
printf 'MLM:SIMULINK,matlab\n' >"$work/map.csv"
check "a product map must name products that exist" 1 "there is no such product" \
    "$tally" import flexlm-log "$flexlm" --product-map "$work/map.csv" --db "$usage_db"
"$tally" product add matlab --name MATLAB --metric concurrent --db "$usage_db" >/dev/null
check "mapping a feature moves its sessions" 0 "MLM:MATLAB now counts for matlab" \
    "$tally" product map-feature MLM:MATLAB matlab --db "$usage_db"
check "a product map maps more features onto one product" 0 "0 new sessions, 0 updated, 10007 already known" \
    "$tally" import flexlm-log "$flexlm" --server lic1 --product-map "$work/map.csv" --db "$usage_db"
check "usage shows the peak of a product" 0 "matlab" "$tally" usage --product matlab --db "$usage_db"
check "usage as JSON: licenses as the server counts them, and sessions" 0 '"peak": 86, "peakAt": "2022-07-01T17:04:17Z", "sessionPeak": 319, "duplicates": "userHost"' \
    "$tally" usage --product matlab --format json --db "$usage_db"
check "the usage table shows both peaks and says why" 0 "one user on one host are one license (duplicates: userHost" \
    "$tally" usage --product matlab --db "$usage_db"
check "usage per week" 0 "2022-06-13" "$tally" usage --product matlab --by week --db "$usage_db"
"$tally" product edit matlab --duplicates none --db "$usage_db" >/dev/null
check "a product that counts every session shows the sessions' peak" 0 '"peak": 319, "peakAt": "2022-06-09T13:21:21Z", "sessionPeak": 319, "duplicates": "none"' \
    "$tally" usage --product matlab --format json --db "$usage_db"
check "usage of an unknown product is refused" 1 'no product "nope"' \
    "$tally" usage --product nope --db "$usage_db"
check "denials grouped by reason" 0 "No such feature exists." "$tally" denials --db "$usage_db"
check "denials as CSV" 0 "product,reason,count" "$tally" denials --format csv --db "$usage_db"

lmstat="$here/Tests/TallyFormatsTests/Fixtures/lmstat"
check "an lmstat report is a sample" 0 "38 checkouts: 38 started, 0 continuing; 0 sessions ended; 3 pools kept" \
    "$tally" import lmstat "$lmstat/lmstat_app2.txt" --db "$servers_db"
grep -v 'start Fri 10/20 16:' "$lmstat/lmstat_app2.txt" | sed 's|status on Fri 10/20/2017 17:02|status on Fri 10/20/2017 18:00|' >"$work/later.txt"
check "a later sample ends what it no longer lists" 0 "25 checkouts: 0 started, 25 continuing; 13 sessions ended" \
    "$tally" import lmstat "$work/later.txt" --db "$servers_db"
check "an older sample is refused" 1 "import a server's reports oldest first" \
    "$tally" import lmstat "$lmstat/lmstat_app2.txt" --db "$servers_db"
check "a server that is down ends nothing" 0 "down: 28000@host3" \
    "$tally" import lmstat "$lmstat/lmstat_server_down.txt" --server other --db "$servers_db"
check "pools are shown beside entitlements" 0 "28000@host1" "$tally" pools --db "$servers_db"
"$tally" import lmstat "$lmstat/lmstat_app1.txt" --db "$twice_db" >/dev/null 2>&1
"$tally" pools --db "$twice_db" >"$work/pools.txt" 2>&1
if [ "$(grep -c '^VENDOR1:feature42 ' "$work/pools.txt")" -eq 1 ]; then
    passed=$((passed + 1))
else
    echo "FAIL a pool printed twice in an lmstat report is listed once"; grep 'feature42 ' "$work/pools.txt"
    failures=$((failures + 1))
fi
check "an rlmstat report is a sample" 0 "3 checkouts: 3 started" \
    "$tally" import rlmstat "$here/Tests/TallyFormatsTests/Fixtures/rlm/rlm_output.txt" --db "$servers_db"
check "a broken rlmstat report names its line" 1 "rlm_output_bad.txt: line 5" \
    "$tally" import rlmstat "$here/Tests/TallyFormatsTests/Fixtures/rlm/rlm_output_bad.txt" --db "$servers_db"
check "a bad --at is refused" 64 "--at" "$tally" import lmstat "$lmstat/lmstat_app2.txt" --at yesterday --db "$servers_db"

inventory="$here/Tests/TallyFormatsTests/Fixtures/inventory"
inv=$(store inventory)
check "a GLPI inventory imports its device" 0 "Imported from glpi: 1 devices (1 new, 0 updated), 6 software entries" \
    "$tally" import glpi "$inventory/computer_1_partial_softs.json" --db "$inv"
check "invalid rows stop an import, each listed, nothing written" 1 "2 invalid rows; nothing was imported" \
    "$tally" import osquery "$inventory/osqueryi-programs.json" --device GLPIXPS.example.org --db "$inv"
check "osquery: the same machine under its FQDN is the same device" 0 "1 devices (0 new, 1 updated)" \
    "$tally" import osquery "$inventory/osqueryi-programs.json" --device GLPIXPS.example.org --skip-invalid --db "$inv"
check "winreg needs the device" 64 "--device" "$tally" import winreg "$inventory/uninstall-utf16.reg" --db "$inv"
check "winreg lists what it left out" 0 "is a system component" \
    "$tally" import winreg "$inventory/uninstall-utf16.reg" --device win-vm01 --skip-invalid --db "$inv"
mkdir -p "$work/swid" && cp "$inventory"/strongswan-*.swidtag "$inventory"/nist-authoritative.swidtag "$work/swid"
check "swid reads a folder of tags" 0 "3 software entries" "$tally" import swid "$work/swid" --device fedora-1 --db "$inv"
check "a CSV with bad rows lists every one of them" 1 'line 9: no device' \
    "$tally" import csv "$inventory/sccm-add-remove-programs.csv" --preset sccm --db "$inv"
check "a bad date is one of them" 1 'line 6: InstallDate0 "2019-13-45" is not a date' \
    "$tally" import csv "$inventory/sccm-add-remove-programs.csv" --preset sccm --db "$inv"
check "csv with the SCCM preset" 0 "Imported from sccm" \
    "$tally" import csv "$inventory/sccm-add-remove-programs.csv" --preset sccm --skip-invalid --db "$inv"
check "unreadable seats are refused, not stored as one" 1 'Seats "many" is not a whole number' \
    "$tally" import csv "$inventory/snipeit-licenses.csv" --kind entitlements --preset snipeit --db "$inv"
check "csv purchases with the Snipe-IT preset" 0 "Imported 2 purchases: 2 new entitlements" \
    "$tally" import csv "$inventory/snipeit-licenses.csv" --kind entitlements --preset snipeit --skip-invalid \
    --db "$inv"
check "Snipe-IT's own import file is read by the same preset" 0 "Imported 3 purchases: 3 new entitlements" \
    "$tally" import csv "$inventory/snipeit-import-sample.csv" --kind entitlements --preset snipeit --db "$inv"
check "a map naming a missing column is refused" 1 "NoSuchColumn" \
    "$tally" import csv "$inventory/sccm-add-remove-programs.csv" --map 'NoSuchColumn=name,Netbios_Name0=device' --db "$inv"
printf '{"content": {"hardware": {"name": "x"}, "softwares": [{"name": 3, "version": [1]}]}}' >"$work/bad-glpi.json"
check "a malformed GLPI file names its JSON path" 1 "bad-glpi.json: content.softwares[0].version" \
    "$tally" import glpi "$work/bad-glpi.json" --db "$inv"
check "the review queue lists unknown names" 0 "Contoso Ünicode Tool" "$tally" catalog unrecognized --db "$inv"
check "a rule with a bad pattern is refused" 1 "unknown placeholder" \
    "$tally" catalog add-rule --name "Contoso {yr}" --product contoso-tool --product-name T --product-publisher C --db "$inv"
check "a new product needs its name and publisher" 64 "--product-publisher" \
    "$tally" catalog add-rule --name "Contoso Ünicode Tool*" --product contoso-tool --db "$inv"
check "a rule is added" 0 "Added rule own-1" \
    "$tally" catalog add-rule --name "Contoso Ünicode Tool*" --product contoso-tool --product-name "Contoso Tool" \
    --product-publisher Contoso --db "$inv"
check "applying the catalog re-reads the evidence" 0 "1 read otherwise than before; 1 new products" \
    "$tally" catalog apply --db "$inv"
check "a device's software, as seen and as recognised" 0 "microsoft-visio-professional 2016" \
    "$tally" device software glpixps --db "$inv"
check "the inventory import was audited" 0 "The audit trail is intact" "$tally" audit verify --db "$inv"

# The review queue with the publisher table: probably licensable titles first, accepted in one command.
rq=$(store review)
printf '%s' '{"content": {"hardware": {"name": "rq-1"}, "softwares": [
  {"name": "Zork Widget Helper 1.0", "publisher": "Zed Labs", "version": "1.0"},
  {"name": "PROXY Zork Gateway 10.2 (x64)", "publisher": "Proxy Networks, Inc.", "version": "10.2.1077"},
  {"name": "Zork Archiver 9", "publisher": "Igor Pavlov", "version": "9.0"}]}}' >"$work/review.json"
check "a real registry export and unknown titles are read" 0 "unrecognised" \
    "$tally" import glpi "$work/review.json" --db "$rq"
check "the real registry export is read" 0 "Imported from winreg" \
    "$tally" import winreg "$here/Tests/TallyFormatsTests/Fixtures/recognition/winxp-office.reg" --device rq-2 --db "$rq"
"$tally" catalog unrecognized --db "$rq" >"$work/queue.txt" 2>&1
if head -1 "$work/queue.txt" | grep -q "^Probably licensable" && grep -q "proxy-zork-gateway" "$work/queue.txt" \
    && ! grep -q "Zork Archiver" "$work/queue.txt"; then
    passed=$((passed + 1))
else
    echo "FAIL the review queue lists probably licensable titles first, free publishers set aside:"; head -8 "$work/queue.txt"
    failures=$((failures + 1))
fi
check "the queue as JSON says why" 0 '"probablyLicensable": true, "knownPublisher": "Proxy Networks"' \
    "$tally" catalog unrecognized --format json --db "$rq"
check "a suggestion is accepted in one command" 0 "is product proxy-zork-gateway" \
    "$tally" catalog accept proxy-zork-gateway --db "$rq"
check "an unknown suggestion is refused" 1 "no title of the review queue has this suggested product" \
    "$tally" catalog accept no-such-product --db "$rq"
check "device software as JSON: the accepted title is a product with its release" 0 \
    '"outcome": "product", "product": "proxy-zork-gateway", "cleanVersion": "10"' \
    "$tally" device software rq-1 --format json --db "$rq"
check "device software as JSON: a free publisher's title is set aside with the reason" 0 \
    '"outcome": "ignored", "product": null, "cleanVersion": null, "reason": "free-publisher-igor-pavlov (free)"' \
    "$tally" device software rq-1 --format json --db "$rq"
check "device software as JSON: an unknown title says so" 0 '"outcome": "unrecognised"' \
    "$tally" device software rq-1 --format json --db "$rq"
check "the labelled benchmark makes no false product" 0 "false products (free or system titles made products): 0" \
    "$tally" bench --recognition "$here/Tests/TallyFormatsTests/Fixtures/recognition"

# Writers from many processes at once queue for the store: every change lands whole, readers never wait.
conc=$(store concurrent)
"$tally" import --estate "$work/demo.json" --db "$conc" >/dev/null 2>&1
pids=()
for i in $(seq 1 20); do
    "$tally" entitlement add "CONC-$i" --product visio --quantity 1 --db "$conc" >/dev/null 2>&1 &
    pids+=($!)
done
for i in 1 2 3; do
    "$tally" import --estate "$work/demo.json" --db "$conc" >/dev/null 2>&1 &
    pids+=($!)
done
"$tally" reconcile --db "$conc" --as-of 2026-11-29 >"$work/conc-position.txt" 2>&1 &
pids+=($!)
refused=0
for pid in "${pids[@]}"; do wait "$pid" || refused=$((refused + 1)); done
check "24 processes writing at once: none refused" 0 "refused: 0" echo "refused: $refused"
check "a reconcile among them printed its position" 0 "License position as of 2026-11-29" cat "$work/conc-position.txt"
"$tally" export --estate "$work/conc.json" --db "$conc" >/dev/null 2>&1
check "every one of the twenty additions is kept" 0 "20" \
    python3 -c 'import json,sys; print(sum(e["id"].startswith("CONC-") for e in json.load(open(sys.argv[1]))["entitlements"]))' "$work/conc.json"
check "the trail of the concurrent changes is intact" 0 "The audit trail is intact" "$tally" audit verify --db "$conc"

# Input from the field and hostile input: one clear message, nothing written, no trap.
check "a negative quantity names the field and the range" 1 'quantity: must be between 0 and 1000000000000' \
    "$tally" entitlement add PO-CI-NEG --product visio --quantity -3 --db "$db"
check "an infinite cost is refused before anything is written" 64 "The value 'inf' is invalid for '--unit-cost" \
    "$tally" entitlement add PO-CI-INF --product visio --quantity 3 --unit-cost inf --db "$db"
check "an infinite price is refused" 64 "The value '1e999' is invalid for '--unit-price" \
    "$tally" product edit visio --unit-price 1e999 --db "$db"
check "nothing of them was written" 1 'no entitlement "PO-CI-NEG"' "$tally" entitlement retire PO-CI-NEG --db "$db"
check "the same log under another server name is refused, naming the batch" 1 \
    "imported already as batch 1" "$tally" import flexlm-log "$flexlm" --server lic2 --db "$usage_db"
check "the same log in another time zone is refused" 1 "as flexlm:lic1 (Europe/Madrid) would count its sessions twice" \
    "$tally" import flexlm-log "$flexlm" --server lic1 --timezone Europe/Madrid --db "$usage_db"
check "--again imports it anyway" 0 "10007 new sessions" \
    "$tally" import flexlm-log "$flexlm" --server lic2 --again --db "$usage_db"
printf '9:00:00 (lmgrd) TIMESTAMP 7/7/2022\n9:10:00 (MLM) OUT: "M" ann@pc1\n9:40:00 (lmgrd) TIMESTAMP 5/5/2022\n9:41:00 (MLM) OUT: "M" cy@pc3\n9:50:00 (MLM) IN: "M" cy@pc3\n' >"$work/jump.log"
check "a log whose clock goes back is read, saying where" 0 "The clock went back at line 3" \
    "$tally" import flexlm-log "$work/jump.log" --server jump --db "$jump_db"
printf '9:00:00 (lmgrd) TIMESTAMP 1/1/1971\n9:10:00 (MLM) OUT: "M" ann@pc1\n9:20:00 (MLM) IN: "M" ann@pc1\n9:40:00 (lmgrd) TIMESTAMP 12/1/2099\n9:41:00 (MLM) OUT: "M" cy@pc3\n9:50:00 (MLM) IN: "M" cy@pc3\n' >"$work/span.log"
"$tally" import flexlm-log "$work/span.log" --server span --db "$span_db" >/dev/null
check "usage over 129 years is drawn in the sparkline's spans" 0 "Usage from 1971-01-01 to 2099-12-01" \
    "$tally" usage --db "$span_db"
printf '9:00:00 (lmgrd) TIMESTAMP 2/30/2026\n' >"$work/bad-date.log"
check "a log's impossible date names its line" 1 'bad-date.log: line 1: "2/30/2026" is not a date' \
    "$tally" import flexlm-log "$work/bad-date.log" --db "$jump_db"
iconv -f UTF-8 -t UTF-16 "$lmstat/lmstat_app2.txt" >"$work/lmstat-utf16.txt"
check "an lmstat report in UTF-16 reads like UTF-8" 0 "38 checkouts: 38 started" \
    "$tally" import lmstat "$work/lmstat-utf16.txt" --db "$utf16_db"
sed 's|status on Fri 10/20/2017 17:02|status on Fri 2/30/2017 17:02|' "$lmstat/lmstat_app2.txt" >"$work/lmstat-bad-date.txt"
check "an lmstat report's unreadable date is refused" 1 'lmstat-bad-date.txt: line 2: "Fri 2/30/2017 17:02"' \
    "$tally" import lmstat "$work/lmstat-bad-date.txt" --db "$utf16_db"
check "--at stands in for it" 0 "38 checkouts" \
    "$tally" import lmstat "$work/lmstat-bad-date.txt" --at 2017-10-20T17:02:00Z --server other --db "$utf16_db"
python3 -c 'import sys; sys.stdout.write("{\"content\": {\"x\": " + "[" * 30000 + "]" * 30000 + "}}")' >"$work/deep.json"
check "30,000 nested lists are refused, not a crash" 1 "nested more than 128 deep" \
    "$tally" import glpi "$work/deep.json" --db "$jump_db"

# Accounts of the web application and API tokens.
accounts=$(store accounts)
"$tally" import --estate "$scenarios/01-device-basic.estate.json" --db "$accounts" >/dev/null
check "an account's password is made and shown once" 0 "Password (shown once): " \
    "$tally" user add ana --role manager --db "$accounts"
check "a second account of the same name is refused" 1 'an account "ana" exists already' \
    "$tally" user add ana --role viewer --db "$accounts"
check "an unknown role is refused with the roles there are" 64 "'admin', 'manager', 'auditor' or 'viewer'" \
    "$tally" user add bo --role boss --db "$accounts"
check "a short password from standard input is refused" 1 "a password has at least 12 characters" \
    sh -c "echo short | '$tally' user add bo --role viewer --password-stdin --db '$accounts'"
check "a viewer's department must exist" 1 'there is no department "nowhere"' \
    "$tally" user add bo --role viewer --department nowhere --db "$accounts"
check "a password from standard input" 0 "Added viewer account bo." \
    sh -c "echo 'a long enough password' | '$tally' user add bo --role viewer --password-stdin --db '$accounts'"
check "accounts are listed" 0 "2 accounts." "$tally" user list --db "$accounts"
check "accounts as JSON" 0 '"role": "manager"' "$tally" user list --json --db "$accounts"
check "a token is shown once" 0 "Token (shown once): tally_" "$tally" token create --user ana --db "$accounts"
check "a token for nobody is refused" 1 'no account "nobody"' "$tally" token create --user nobody --db "$accounts"
check "a token expiring in the past is refused" 1 "expires: 2020-01-01 is not after today" \
    "$tally" token create --user ana --expires 2020-01-01 --db "$accounts"
check "an account is disabled" 0 "Disabled account ana." "$tally" user disable ana --db "$accounts"
check "disabling it again is refused" 1 'the account "ana" is disabled already' "$tally" user disable ana --db "$accounts"
check "a new password is made" 0 "Password (shown once): " "$tally" user password bo --db "$accounts"
check "a role is changed" 0 "bo is now auditor." "$tally" user role bo --role auditor --db "$accounts"
check "account changes are audited" 0 "disable account ana" "$tally" audit log --db "$accounts"
check "serve wants both TLS files" 64 "Give both --tls-certificate and --tls-key" \
    "$tally" serve --tls-key "$work/none.pem" --db "$accounts"
check "a certificate that is not one is named" 1 "demo.json: not a certificate in PEM" \
    "$tally" serve --tls-certificate "$work/demo.json" --tls-key "$work/demo.json" --port 0 --db "$accounts"
check "serve refuses an address it cannot listen on" 1 "choose another --port" \
    "$tally" serve --host 203.0.113.1 --port 8080 --db "$accounts"

if [ -n "$postgres" ]; then
    check "a server that does not answer is named, its password never shown" 1 "postgres://tally@127.0.0.1:1/x" \
        "$tally" history --db "postgres://tally:s3cret@127.0.0.1:1/x"
    check "the password is in no message" 1 "0" \
        bash -c "'$tally' history --db 'postgres://tally:s3cret@127.0.0.1:1/x' 2>&1 | grep -c s3cret"
    check "a URL that is not one is named" 1 "not a URL of the form postgres://" "$tally" history --db "postgres://"
    tamper "$db" "INSERT INTO tally_schema (id, applied_at) VALUES ('p99: the future', 'x')"
    check "a database a newer Tally wrote is refused, naming both schemas" 1 \
        'written by a newer Tally (schema "p99: the future")' "$tally" history --db "$db"
    tamper "$db" "DELETE FROM tally_schema WHERE id = 'p99: the future'"
fi

echo "cli: $passed passed, $failures failed"
[ "$failures" -eq 0 ]

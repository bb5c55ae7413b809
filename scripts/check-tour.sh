#!/usr/bin/env bash
# Runs the README's tour as written: every `tally` command in the shell blocks of "A short tour", in order, in a
# copy of examples/, with a new store. Each must succeed; those naming a PostgreSQL server are left to check-cli.sh
# and check-two-servers.sh, which start one. Usage: scripts/check-tour.sh PATH-TO-TALLY
set -uo pipefail
tally=${1:?usage: scripts/check-tour.sh PATH-TO-TALLY}
tally=$(cd "$(dirname "$tally")" && pwd)/$(basename "$tally")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/examples" "$work/examples"
mkdir -p "$work/bin"
ln -s "$tally" "$work/bin/tally"
commands="$work/commands.txt"
python3 - "$here/README.md" >"$commands" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
tour = text[text.index("## A short tour"):text.index("### Synthetic estates and benchmarks")]
for block in re.findall(r"```sh\n(.*?)```", tour, re.S):
    joined = re.sub(r"\\\n\s*", "", block)
    for line in joined.split("\n"):
        line = re.split(r"\s{2,}#\s", line)[0].strip()
        if line.startswith("tally ") and "postgres://" not in line:
            print(line)
PY
cd "$work/examples" || exit 1
export PATH="$work/bin:$PATH" NO_COLOR=1
passed=0
failures=0
while IFS= read -r command; do
    # A command that never ends (a server) fails the tour rather than hanging it.
    if timeout 120 bash -c "$command" >"$work/out" 2>&1; then
        passed=$((passed + 1))
    else
        echo "FAIL (exit $?): $command"
        head -5 "$work/out"
        failures=$((failures + 1))
    fi
done <"$commands"
echo "tour: $passed passed, $failures failed"
[ "$failures" -eq 0 ] && [ "$passed" -gt 40 ]

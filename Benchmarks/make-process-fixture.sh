#!/usr/bin/env bash
# Builds a fixture /proc of COUNT processes under DIR (DIR/proc/<pid>/...) for the process-table
# benchmark: copies of the real-kernel processes of local-6.18/process-edge-cases, taken in turn
# and renumbered from pid 100000, with the pid in each copy's stat rewritten to match.
#
#   Benchmarks/make-process-fixture.sh COUNT DIR
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${1:?usage: make-process-fixture.sh COUNT DIR}
DIR=${2:?usage: make-process-fixture.sh COUNT DIR}
SOURCE=Tests/Fixtures/kernel/local-6.18/process-edge-cases/proc

templates=()
for entry in "$SOURCE"/*; do
    [[ $(basename "$entry") =~ ^[0-9]+$ ]] && templates+=("$entry")
done

rm -rf "$DIR/proc"
mkdir -p "$DIR/proc"
for ((i = 0; i < COUNT; i++)); do
    template=${templates[i % ${#templates[@]}]}
    pid=$((100000 + i))
    cp -r "$template" "$DIR/proc/$pid"
    stat=$(<"$template/stat")
    printf '%s %s\n' "$pid" "${stat#* }" >"$DIR/proc/$pid/stat"
done
echo "$COUNT processes from ${#templates[@]} templates in $DIR/proc" >&2

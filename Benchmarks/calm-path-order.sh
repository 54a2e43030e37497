#!/bin/bash
# Writes Sources/fastoomd/calm-path.order, the order in which the release link places fastoomd's
# functions: those a calm tick runs first, packed into a few pages, then those of a full tick.
# Run it as root from the package root after a change to what a tick runs (.ci/run says so),
# then link again (SwiftPM does not see the file change):
#
#   swift build -c release --product fastoomd && Benchmarks/calm-path-order.sh
#   rm .build/release/fastoomd && swift build -c release --product fastoomd
#
# It profiles two daemons under callgrind (valgrind from apt) at once, for 25 s of start-up and
# warm-up, then dumps each profile once a second, so that each dump holds about one tick, for
# 40 s. The loop and the daemon are specialized for how they kill, so both kinds run: a dry run
# watching the node, and a real one watching only an empty memory cgroup (64 MiB limit, under
# this shell's own, removed on exit), where it has nothing to kill.
set -euo pipefail

FASTOOMD=${FASTOOMD:-.build/release/fastoomd}
ORDER=Sources/fastoomd/calm-path.order
WORK=$(mktemp -d /tmp/calm-path-order.XXXXXX)
chmod 755 "$WORK"
OWN=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
GROUP=/sys/fs/cgroup/memory$OWN/calm-path-order-$$
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -d "$GROUP" ]; then rmdir "$GROUP" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir "$GROUP"
echo $((64 << 20)) > "$GROUP/memory.limit_in_bytes"

# Profiles `fastoomd run ARGS...` into $WORK/NAME.callgrind.out.*.
profile() {
    local name=$1
    shift
    valgrind --tool=callgrind --demangle=no --dump-instr=no --compress-strings=no --compress-pos=no \
        --callgrind-out-file="$WORK/$name.callgrind.out" \
        "$FASTOOMD" run "$@" --log "$WORK/$name.jsonl" > "$WORK/$name.out" 2>&1 &
    PIDS+=("$!")
}
python3 Benchmarks/daemon-config.py '{"min_interval_ms": 1000, "max_interval_ms": 1000}' > "$WORK/dry-run.json"
python3 Benchmarks/daemon-config.py "{\"min_interval_ms\": 1000, \"max_interval_ms\": 1000,
    \"watch_node\": false, \"targets\": [{\"cgroup\": \"$GROUP\"}]}" > "$WORK/killing.json"
profile dry-run --dry-run --config "$WORK/dry-run.json"
profile killing --config "$WORK/killing.json"
sleep 25
for pid in "${PIDS[@]}"; do callgrind_control -z "$pid" > /dev/null 2>&1; done
for _ in $(seq 40); do
    sleep 1
    for pid in "${PIDS[@]}"; do callgrind_control -d "$pid" > /dev/null 2>&1; done
done
if grep -h '"event":"\(kill\|would_kill\)"' "$WORK"/*.jsonl; then
    echo "calm-path-order: a daemon meant to idle acted (above); not written" >&2
    exit 1
fi
python3 Benchmarks/calm-path-order.py "$WORK"/*.callgrind.out.* > "$WORK/order"
mv "$WORK/order" "$ORDER"
echo "wrote $ORDER: $(grep -vc "^#" "$ORDER") functions"

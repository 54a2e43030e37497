#!/bin/bash
# Writes Sources/fastoomd/calm-path.order, the order in which the release link places fastoomd's
# functions: those a calm tick runs first, packed into a few pages, then those of a full tick.
# Run it as root from the package root after a change to what a tick runs (.ci/run says so),
# then link again (SwiftPM does not see the file change):
#
#   swift build -c release --product fastoomd && Benchmarks/calm-path-order.sh
#   rm .build/release/fastoomd && swift build -c release --product fastoomd
#
# It runs the daemon under callgrind (valgrind from apt) for 25 s of start-up and warm-up, then
# dumps the profile once a second, so that each dump holds about one tick, for 40 s.
set -euo pipefail

FASTOOMD=${FASTOOMD:-.build/release/fastoomd}
ORDER=Sources/fastoomd/calm-path.order
WORK=$(mktemp -d /tmp/calm-path-order.XXXXXX)
chmod 755 "$WORK"
PID=
cleanup() {
    if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

python3 -c 'import json; c=json.load(open("config/policy.json")); c["daemon"]={"min_interval_ms": 1000, "max_interval_ms": 1000}; print(json.dumps(c))' > "$WORK/config.json"
valgrind --tool=callgrind --demangle=no --dump-instr=no --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$WORK/callgrind.out" \
    "$FASTOOMD" run --dry-run --config "$WORK/config.json" --log "$WORK/events.jsonl" > "$WORK/daemon.out" 2>&1 &
PID=$!
sleep 25
callgrind_control -z "$PID" > /dev/null 2>&1
for _ in $(seq 40); do
    sleep 1
    callgrind_control -d "$PID" > /dev/null 2>&1
done
python3 Benchmarks/calm-path-order.py "$WORK"/callgrind.out.* > "$WORK/order"
mv "$WORK/order" "$ORDER"
echo "wrote $ORDER: $(grep -vc "^#" "$ORDER") functions"

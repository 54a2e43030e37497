#!/bin/bash
# Heap allocations of the running daemon per healthy tick. Run from the package root; it builds
# the daemon linked dynamically (the release build is a static executable, which LD_PRELOAD
# cannot reach) into .build-dynamic:
#
#   Benchmarks/daemon-allocations.sh [SECONDS]
#
# `fastoomd run --dry-run` runs with the malloc counter (Benchmarks/malloc-counter) preloaded and
# a fixed 100 ms interval on the node (healthy: nothing near its limit, so every tick is a
# healthy one). After a 25 s warm-up (start-up, and the 20 s after which the daemon unlocks the
# untouched pages of its executable) the counter is read twice, SECONDS (30) apart, straight from
# the daemon's memory through /proc/PID/mem at the address of the counter's `allocations`
# variable: the daemon itself does nothing to report it. The ticks in between are counted from
# the interval (the read calls it made show that it did), and the events it logged in between are shown (none expected).
set -euo pipefail

if [ -z "${FASTOOMD:-}" ]; then
    FASTOOMD_DYNAMIC=1 swift build -c release --static-swift-stdlib --product fastoomd --scratch-path .build-dynamic >&2
    FASTOOMD=.build-dynamic/release/fastoomd
fi
COUNTER_SOURCE=${COUNTER_SOURCE:-Benchmarks/malloc-counter/malloc-counter.c}
SECONDS_MEASURED=${1:-30}
WORK=$(mktemp -d /tmp/daemon-allocations.XXXXXX)
"${CC:-cc}" -O2 -shared -fPIC -o "$WORK/libmalloc-counter.so" "$COUNTER_SOURCE"
offset=$(nm "$WORK/libmalloc-counter.so" | awk '$3 == "allocations" { print $1 }')
python3 Benchmarks/daemon-config.py '{"min_interval_ms": 100, "max_interval_ms": 100}' > "$WORK/config.json"
LD_PRELOAD="$WORK/libmalloc-counter.so" "$FASTOOMD" run --dry-run --config "$WORK/config.json" --log "$WORK/events.jsonl" > "$WORK/out" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT

count() {
    python3 - "$pid" "$WORK/libmalloc-counter.so" "$offset" <<'READ'
import sys
pid, library, offset = sys.argv[1], sys.argv[2], int(sys.argv[3], 16)
base = next(int(line.split("-")[0], 16) for line in open(f"/proc/{pid}/maps")
            if line.rstrip().endswith(library) and line.split()[2] == "00000000")
with open(f"/proc/{pid}/mem", "rb") as memory:
    memory.seek(base + offset)
    print(int.from_bytes(memory.read(8), "little"))
READ
}

syscalls() { awk '$1 == "syscr:" { print $2 }' "/proc/$pid/io"; }

sleep 25
first=$(count)
reads=$(syscalls)
lines=$(wc -l < "$WORK/out")
sleep "$SECONDS_MEASURED"
second=$(count)
reads=$(($(syscalls) - reads))
ticks=$((SECONDS_MEASURED * 10))
echo "allocations during start-up and warm-up: $first"
echo "allocations over $SECONDS_MEASURED s (about $ticks ticks at 100 ms): $((second - first))"
echo "read-type system calls meanwhile (/proc/PID/io syscr, proof that it ticked): $reads"
echo "events logged meanwhile: $(tail -n +$((lines + 1)) "$WORK/out" | wc -l)"

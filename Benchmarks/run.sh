#!/usr/bin/env bash
# Builds fastoomd-bench in release and runs the benchmarks of docs/BENCHMARKS.md.
#
#   Benchmarks/run.sh [node] [allocations] [processes]      (all three when none is named)
#
# node:        one full node sample against the bare system calls that read the same files,
#              then each parser alone;
# allocations: heap allocations per healthy sample after warm-up, counted by the malloc counter
#              (Benchmarks/malloc-counter, LD_PRELOADed); exits non-zero unless it is 0;
# processes:   a process-table scan of this machine with 2,000 extra `sleep 600` children of
#              this script (killed by pid afterwards), then of a 10,000-process fixture tree
#              generated under /tmp and removed afterwards.
set -euo pipefail

cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-/opt/swift/usr/bin/swift}
CC=${CC:-cc}
OUT=.build/bench
FIXTURE=/tmp/fastoomd-bench-fixture.$$
SLEEPERS=2000
BENCHMARKS=("$@")
[ ${#BENCHMARKS[@]} -gt 0 ] || BENCHMARKS=(node allocations processes)

"$SWIFT" build -c release --product fastoomd-bench >&2
BENCH=$("$SWIFT" build -c release --show-bin-path)/fastoomd-bench
mkdir -p "$OUT"
"$CC" -O2 -shared -fPIC -o "$OUT/libmalloc-counter.so" Benchmarks/malloc-counter/malloc-counter.c

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)"

sleepers=()
cleanup() {
    if [ ${#sleepers[@]} -gt 0 ]; then
        kill "${sleepers[@]}" 2>/dev/null || true
        wait "${sleepers[@]}" 2>/dev/null || true
    fi
    rm -rf "$FIXTURE"
}
trap cleanup EXIT

for benchmark in "${BENCHMARKS[@]}"; do
    case $benchmark in
    node)
        echo "== node sample against raw system calls: $BENCH node --ticks 20000"
        "$BENCH" node --ticks 20000
        echo "== each node parser alone: $BENCH parse --ticks 20000"
        "$BENCH" parse --ticks 20000
        ;;
    allocations)
        echo "== allocations: LD_PRELOAD=$OUT/libmalloc-counter.so $BENCH allocations --ticks 10000"
        LD_PRELOAD="$OUT/libmalloc-counter.so" "$BENCH" allocations --ticks 10000
        ;;
    processes)
        for ((i = 0; i < SLEEPERS; i++)); do
            sleep 600 &
            sleepers+=($!)
        done
        echo "== process table of this machine with $SLEEPERS sleep children: $BENCH processes --scans 20"
        "$BENCH" processes --scans 20
        kill "${sleepers[@]}"
        wait "${sleepers[@]}" 2>/dev/null || true
        sleepers=()
        Benchmarks/make-process-fixture.sh 10000 "$FIXTURE"
        echo "== process table of a 10,000-process fixture: $BENCH processes --proc-root $FIXTURE/proc --scans 10"
        "$BENCH" processes --proc-root "$FIXTURE/proc" --scans 10
        rm -rf "$FIXTURE"
        ;;
    *)
        echo "unknown benchmark $benchmark (node, allocations, processes)" >&2
        exit 64
        ;;
    esac
done

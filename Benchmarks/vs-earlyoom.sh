#!/bin/bash
# fastoomd and earlyoom (from apt) side by side, in one run, on this node. Run as root from the
# package root after `swift build -c release --product fastoomd` (one static executable).
#
#   Benchmarks/vs-earlyoom.sh idle [SECONDS]   fastoomd and earlyoom twice (-r 3600 as its
#                                              service runs, and its built-in -r 1), a dry run,
#                                              sampling once a second; VmRSS and VmLck at 60 s,
#                                              then CPU time (utime + stime, and the scheduler's
#                                              run time) over the next SECONDS (600)
#   Benchmarks/vs-earlyoom.sh react [RUNS]     a memory hog in a 512 MiB memory cgroup under our
#                                              own, watched by both daemons at once (dry run);
#                                              when each decided to kill, against the hog's clock
#
# The same sampling rate: earlyoom 1.7 sleeps between polls for the time memory could take to
# fill its headroom at 6000 MiB/s, clamped to 100...1000 ms (main.c, sleep_time_ms); with the
# node's memory mostly available that is 1000 ms, so fastoomd gets min = max interval 1000 ms.
# Both run with a dry run: this script kills nothing but its own hog's cgroup at the end.
set -euo pipefail

FASTOOMD=${FASTOOMD:-.build/release/fastoomd}
EARLYOOM=${EARLYOOM:-/usr/bin/earlyoom}
WORK=$(mktemp -d /tmp/vs-earlyoom.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "${GROUP:-}" ] && [ -d "$GROUP" ]; then
        for pid in $(cat "$GROUP/cgroup.procs"); do kill -KILL "$pid" 2>/dev/null || true; done
        sleep 0.5
        rmdir "$GROUP" || true
    fi
}
trap cleanup EXIT

config() { python3 Benchmarks/daemon-config.py "$1"; }

field() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$2/status"; }
cputicks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Nanoseconds on the CPU (the scheduler's sum_exec_runtime): exact, where utime and stime are
# sampled at the 100 Hz tick and a daemon that runs 0.1 ms a second shows as a few ticks.
cpuns() { awk '{ print $1 }' "/proc/$1/schedstat"; }

idle() {
    local seconds=${1:-600} hz name pid
    hz=$(getconf CLK_TCK)
    config '{"min_interval_ms": 1000, "max_interval_ms": 1000}' > "$WORK/fastoomd.json"
    "$FASTOOMD" check-config "$WORK/fastoomd.json"
    "$FASTOOMD" run --dry-run --config "$WORK/fastoomd.json" --log "$WORK/events.jsonl" > "$WORK/fastoomd.out" 2>&1 &
    declare -A pid_of=([fastoomd]=$!)
    PIDS+=("$!")
    # A third of a period apart: a daemon that reads /proc/meminfo just after another finds the
    # kernel's code and data for it still in the caches, and the 1 s clocks drift by well under a
    # millisecond a minute. fastoomd ticks first right after its `started` event. earlyoom runs
    # twice: as its Debian service does (`-r 3600` in /etc/default/earlyoom: a memory report an
    # hour), and with its built-in default of a report each second, which costs it a write a tick.
    until grep -q '"started"' "$WORK/events.jsonl" 2>/dev/null; do sleep 0.01; done
    sleep 0.33
    "$EARLYOOM" --dryrun -r 3600 > "$WORK/earlyoom-r3600.out" 2>&1 &
    pid_of[earlyoom-r3600]=$!
    PIDS+=("$!")
    sleep 0.33
    "$EARLYOOM" --dryrun > "$WORK/earlyoom-r1.out" 2>&1 &
    pid_of[earlyoom-r1]=$!
    PIDS+=("$!")
    local names=(fastoomd earlyoom-r3600 earlyoom-r1)
    sleep 60
    echo "after 60 s       VmRSS kB  VmLck kB  RssAnon kB  RssFile kB"
    for name in "${names[@]}"; do
        pid=${pid_of[$name]}
        printf '%-14s %9s %9s %11s %11s\n' "$name" "$(field VmRSS "$pid")" "$(field VmLck "$pid")" \
            "$(field RssAnon "$pid")" "$(field RssFile "$pid")"
    done
    declare -A ticks0 ns0
    for name in "${names[@]}"; do
        ticks0[$name]=$(cputicks "${pid_of[$name]}")
        ns0[$name]=$(cpuns "${pid_of[$name]}")
    done
    sleep "$seconds"
    echo "CPU time over the next $seconds s: utime + stime at $hz ticks/s, and schedstat run time"
    for name in "${names[@]}"; do
        pid=${pid_of[$name]}
        local ticks=$(($(cputicks "$pid") - ${ticks0[$name]})) ns=$(($(cpuns "$pid") - ${ns0[$name]}))
        printf '%-14s %4d ticks = %5d ms; %4d ms run, %3d us a second\n' "$name" "$ticks" \
            $((ticks * 1000 / hz)) $((ns / 1000000)) $((ns / 1000 / seconds))
    done
}

# A 512 MiB memory cgroup under this shell's own (cgroup v1), removed on exit.
react() {
    local runs=${1:-5} own
    own=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
    GROUP=/sys/fs/cgroup/memory$own/vs-earlyoom-$$
    mkdir "$GROUP"
    echo $((512 << 20)) > "$GROUP/memory.limit_in_bytes"
    config "{\"watch_node\": false, \"targets\": [{\"cgroup\": \"$GROUP\"}]}" > "$WORK/react.json"
    "$FASTOOMD" check-config "$WORK/react.json"
    for _ in $(seq "$runs"); do
        python3 Benchmarks/vs-earlyoom-react.py "$FASTOOMD" "$EARLYOOM" "$GROUP" "$WORK/react.json" | tee -a "$WORK/react.jsonl"
        sleep 2
    done
    python3 - "$WORK/react.jsonl" <<'MEDIANS'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
for key in ["threshold_crossed_ms", "earlyoom_decided_ms", "fastoomd_decided_ms", "hog_end_ms",
            "earlyoom_hog_mib_then", "fastoomd_hog_mib_then"]:
    values = [run[key] for run in runs if run[key] is not None]
    print(f"median {key}: {statistics.median(values) if values else None} ({len(values)} of {len(runs)} runs)")
for name in ["earlyoom", "fastoomd"]:
    late = [run[name + "_decided_ms"] - run["threshold_crossed_ms"] for run in runs
            if run[name + "_decided_ms"] is not None and run["threshold_crossed_ms"] is not None]
    print(f"median {name} decision - threshold crossing: {statistics.median(late) if late else None} ms")
    ahead = [run["hog_end_ms"] - run[name + "_decided_ms"] for run in runs if run[name + "_decided_ms"] is not None]
    print(f"median {name} decision ahead of the kernel's OOM kill: {statistics.median(ahead) if ahead else None} ms")
MEDIANS
}

case "${1:-}" in
idle) idle "${2:-600}" ;;
react) react "${2:-5}" ;;
*)
    echo "usage: $0 idle [SECONDS] | react [RUNS]" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Builds one libFuzzer binary per MemSense parser (fuzz/Harnesses/<Target>.swift, with address
# sanitizer), seeds each corpus from the real-kernel fixtures and traces, runs each target for
# RUNS executions and prints one summary line per target.
#
#   fuzz/run.sh [RUNS] [TARGET...]     RUNS defaults to 1000000; TARGETs default to every harness
#
# Everything it writes goes under fuzz/out/ (gitignored): build/, bin/, corpus/<target>/,
# crashes/<target>/ (libFuzzer's crash-*, leak-*, timeout-* inputs) and logs/<target>.log.
set -euo pipefail

cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-/opt/swift/usr/bin/swiftc}
RUNS=${1:-1000000}
shift || true
OUT=fuzz/out
FIXTURES=Tests/Fixtures/kernel
TRACES=Tests/Fixtures/traces
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld)

if [ $# -gt 0 ]; then
    TARGETS=("$@")
else
    TARGETS=()
    for harness in fuzz/Harnesses/*.swift; do TARGETS+=("$(basename "$harness" .swift)"); done
fi

mkdir -p "$OUT/build" "$OUT/bin" "$OUT/logs"
echo "building MemSense with -sanitize=fuzzer,address" >&2
"$SWIFTC" "${FLAGS[@]}" -module-name MemSense -emit-module -emit-module-path "$OUT/build/MemSense.swiftmodule" \
    -emit-library -static -o "$OUT/build/libMemSense.a" Sources/MemSense/*.swift

# Copies every file that `find` selects into the corpus, numbered (fixture paths can be
# longer than a file name may be).
seed_files() {
    local corpus=$1
    shift
    local count=0
    while IFS= read -r -d '' file; do
        count=$((count + 1))
        cp "$file" "$corpus/$count-$(basename "$file")"
    done < <(find "$@" -type f -print0)
}

# The first lines of each trace: a header and a few samples, plain and gzipped (the gzip tool
# writes dynamic-Huffman blocks, GzipWriter fixed ones, so both kinds of block are seeded).
seed_trace_heads() {
    local corpus=$1 format=$2 lines=$3
    for trace in "$TRACES"/*.jsonl.gz; do
        local name
        name=$(basename "$trace" .jsonl.gz)
        case $format in
        plain) zcat "$trace" | head -n "$lines" >"$corpus/$name.jsonl" || true ;;
        gzip) zcat "$trace" | head -n "$lines" | gzip -9 -n >"$corpus/$name.jsonl.gz" || true ;;
        deflate) zcat "$trace" | head -n "$lines" | gzip -9 -n | tail -c +11 | head -c -8 >"$corpus/$name.deflate" || true ;;
        esac
    done
}

seed() {
    local target=$1 corpus=$2
    case $target in
    MemInfo) seed_files "$corpus" "$FIXTURES" -path '*/proc/meminfo' ;;
    VMStat) seed_files "$corpus" "$FIXTURES" -path '*/proc/vmstat' ;;
    CPUStat) seed_files "$corpus" "$FIXTURES" -path '*/proc/stat' ;;
    PressureFile) seed_files "$corpus" "$FIXTURES" \( -path '*/proc/pressure/*' -o -name '*.pressure' \) ;;
    ZoneInfo)
        # No fixture tree has a zoneinfo; this machine's is a real one.
        seed_files "$corpus" "$FIXTURES" -path '*/proc/zoneinfo'
        if [ -r /proc/zoneinfo ]; then cp /proc/zoneinfo "$corpus/live-zoneinfo"; fi
        ;;
    Inflate) seed_trace_heads "$corpus" deflate 3 ;;
    GzipReader) seed_trace_heads "$corpus" gzip 3 ;;
    GzipRoundTrip) seed_files "$corpus" "$FIXTURES" \( -path '*/proc/meminfo' -o -path '*/proc/vmstat' \) ;;
    TraceReader)
        seed_trace_heads "$corpus" plain 3
        seed_trace_heads "$corpus" gzip 2
        ;;
    *) seed_process_files "$target" "$corpus" ;;
    esac
}

# Process and cgroup parsers: seeded from the same file name under every fixture tree.
seed_process_files() {
    local target=$1 corpus=$2
    case $target in
    ProcessStat) seed_files "$corpus" "$FIXTURES" -regex '.*/proc/[0-9]+/stat' ;;
    ProcessStatus) seed_files "$corpus" "$FIXTURES" -regex '.*/proc/[0-9]+/status' ;;
    ProcessCommandLine) seed_files "$corpus" "$FIXTURES" -regex '.*/proc/[0-9]+/cmdline' ;;
    ProcessCgroups) seed_files "$corpus" "$FIXTURES" -regex '.*/proc/[0-9a-z]+/cgroup' ;;
    MountInfo) seed_files "$corpus" "$FIXTURES" -name mountinfo ;;
    CgroupV1MemoryStat | CgroupV2MemoryStat) seed_files "$corpus" "$FIXTURES" -name memory.stat ;;
    CgroupV1OOMControl) seed_files "$corpus" "$FIXTURES" -name memory.oom_control ;;
    CgroupV2Events) seed_files "$corpus" "$FIXTURES" \( -name memory.events -o -name memory.events.local \) ;;
    CgroupLimit)
        seed_files "$corpus" "$FIXTURES" \( -name memory.limit_in_bytes -o -name memory.max -o -name memory.high \
            -o -name memory.low -o -name memory.min -o -name memory.swap.max \)
        ;;
    SingleValue)
        seed_files "$corpus" "$FIXTURES" \( -name oom_score -o -name oom_score_adj -o -name memory.current \
            -o -name memory.usage_in_bytes \)
        ;;
    *)
        echo "no seeds known for $target" >&2
        return 1
        ;;
    esac
}

summary=()
for target in "${TARGETS[@]}"; do
    corpus="$OUT/corpus/$target"
    crashes="$OUT/crashes/$target"
    log="$OUT/logs/$target.log"
    mkdir -p "$corpus" "$crashes"
    [ -n "$(ls -A "$corpus")" ] || seed "$target" "$corpus"
    echo "building and fuzzing $target ($(ls "$corpus" | wc -l) inputs in its corpus)" >&2
    "$SWIFTC" "${FLAGS[@]}" -I "$OUT/build" -L "$OUT/build" -lMemSense \
        "fuzz/Harnesses/$target.swift" -o "$OUT/bin/$target"
    status=0
    "$OUT/bin/$target" -runs="$RUNS" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log")
    seconds=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log")
    found=$(find "$crashes" -type f | wc -l)
    line=$(printf '%-20s %10s executions %6s s  %s crashes  exit %s' "$target" "${runs:-?}" "${seconds:-?}" "$found" "$status")
    echo "$line"
    summary+=("$line")
done

echo
echo "summary (RUNS=$RUNS, logs in $OUT/logs):"
printf '%s\n' "${summary[@]}"

import MemSense
import TestSupport
import Testing

private func source(showing sample: TraceSample) -> TraceFileSource {
    let source = TraceFileSource(cgroupDirectory: "sys/fs/cgroup/memory/replay")
    source.show(sample)
    return source
}

private func text(_ source: TraceFileSource, _ path: String) throws(ReadError) -> String {
    String(decoding: try source.contents(of: path), as: UTF8.self)
}

@Test func traceFileSourceServesCgroupFilesUnderTheConfiguredDirectory() throws {
    let trace = try Trace(path: FixturePaths.trace("anon-ramp-fast-s1.jsonl.gz"))
    let files = source(showing: trace.samples[0])
    #expect(try text(files, "sys/fs/cgroup/memory/replay/memory.limit_in_bytes") == "536870912\n")
    #expect(try text(files, "sys/fs/cgroup/memory/replay/memory.usage_in_bytes") == "1777664\n")
    #expect(try text(files, "proc/meminfo") == trace.samples[0].files["proc/meminfo"])
    #expect(throws: ReadError.notFound(path: "cgroup/memory.usage_in_bytes")) {
        try files.contents(of: "cgroup/memory.usage_in_bytes")
    }
}

@Test func traceFileSourceSwitchesToTheNextSample() throws {
    let trace = try Trace(path: FixturePaths.trace("anon-ramp-fast-s1.jsonl.gz"))
    let files = source(showing: trace.samples[0])
    var buffer = ReadBuffer(capacity: 64)
    try files.read("sys/fs/cgroup/memory/replay/memory.usage_in_bytes", into: &buffer)
    files.show(trace.samples[1])
    try files.read("sys/fs/cgroup/memory/replay/memory.usage_in_bytes", into: &buffer)
    #expect(buffer.withBytes { String(decoding: $0, as: UTF8.self) } == "79282176\n")
    #expect(files.tMs == 50)
}

@Test func traceFileSourceReportsAbsentFilesAsNotFound() throws {
    let files = source(showing: TraceSample(tMs: 0, files: ["proc/meminfo": "MemTotal: 1 kB\n"]))
    #expect(throws: ReadError.notFound(path: "proc/vmstat")) { try files.contents(of: "proc/vmstat") }
    #expect(throws: ReadError.notFound(path: "sys/fs/cgroup/memory/replay/memory.stat")) {
        try files.contents(of: "sys/fs/cgroup/memory/replay/memory.stat")
    }
    #expect(throws: ReadError.notFound(path: "proc/pressure")) { try files.entries(of: "proc/pressure") }
}

@Test func traceFileSourceListsRecordedFilesAndTheDirectoriesLeadingToThem() throws {
    let trace = try Trace(path: FixturePaths.trace("node-anon-ramp-r1.jsonl.gz"))
    let files = source(showing: trace.samples[0])
    #expect(try files.entries(of: "proc").sorted() == ["meminfo", "pressure", "stat", "vmstat"])
    #expect(try files.entries(of: "proc/pressure").sorted() == ["cpu", "io", "memory"])
    files.show(TraceSample(tMs: 0, files: ["cgroup/memory.stat": "cache 0\n", "cgroup/memory.failcnt": "0\n"]))
    #expect(try files.entries(of: "sys/fs/cgroup/memory") == ["replay"])
    #expect(try files.entries(of: "sys/fs/cgroup/memory/replay").sorted() == ["memory.failcnt", "memory.stat"])
}

import Glibc
import MemSense
import TestSupport
import Testing

private func write(_ trace: Trace, to path: String) throws {
    let writer = try TraceWriter(path: path, header: trace.header)
    for sample in trace.samples { try writer.write(sample) }
    for label in trace.labels { try writer.write(label) }
    try writer.close()
}

private let awkward = Trace(
    header: TraceHeader(
        intervalMs: 50, target: .cgroupV2, scenario: "quote \" and \\ backslash", isBenign: false,
        memLimitBytes: 536_870_912, kernel: "6.18.44", notes: "tab\there\u{1}\u{1F} é 漢字 🎉 \u{7F} / end"),
    samples: [
        TraceSample(tMs: 0, files: ["proc/meminfo": "MemTotal: 1 kB\n", "cgroup/memory.max": "max\n"]),
        TraceSample(tMs: 50, files: ["proc/stat": "cpu  1 2\r\n\u{0}", "cgroup/memory.events": ""]),
        TraceSample(tMs: 50, files: [:]),
    ],
    labels: [
        TraceLabel(tMs: 40, event: .stall(endMs: 90, name: "svc-web", maxLateMs: 120)),
        TraceLabel(tMs: 45, event: .daemonKill(pid: 7, name: "hog \"x\"", by: "earlyoom")),
        TraceLabel(tMs: 60, event: .kernelOOMKill(pid: -1, name: "")),
    ])

@Test(arguments: ["t.jsonl", "t.jsonl.gz"])
func traceWriterOutputReadsBackToTheSameTrace(name: String) throws {
    try withTemporaryDirectory { directory in
        try write(awkward, to: directory + "/" + name)
        #expect(try Trace(path: directory + "/" + name) == awkward)
    }
}

@Test func traceWriterWritesSortedKeysAndEscapesOnlyWhatJSONRequires() throws {
    try withTemporaryDirectory { directory in
        try write(awkward, to: directory + "/t.jsonl")
        let lines = String(
            decoding: try PlainFile.contents(of: directory + "/t.jsonl", limitBytes: 1 << 20), as: UTF8.self
        )
        .split(separator: "\n")
        let header =
            #"{"benign":false,"fastoomd_trace":1,"interval_ms":50,"kernel":"6.18.44","mem_limit_bytes":536870912,"#
            + #""notes":"tab\there\u0001\u001f é 漢字 🎉 "# + "\u{7F}"
            + #" / end","scenario":"quote \" and \\ backslash","target":"cgroup-v2"}"#
        #expect(lines[0] == header)
        #expect(lines[2] == #"{"files":{"cgroup/memory.events":"","proc/stat":"cpu  1 2\r\n\u0000"},"t_ms":50}"#)
        #expect(lines[4] == #"{"end_ms":90,"label":"stall","max_late_ms":120,"name":"svc-web","t_ms":40}"#)
        #expect(lines[5] == #"{"by":"earlyoom","label":"daemon_kill","name":"hog \"x\"","pid":7,"t_ms":45}"#)
        #expect(lines[6] == #"{"label":"kernel_oom_kill","name":"","pid":-1,"t_ms":60}"#)
    }
}

@Test func traceWriterRewritesARecordedTraceUnchanged() throws {
    let recorded = try Trace(path: FixturePaths.trace("many-small-slow-s1.jsonl.gz"))
    try withTemporaryDirectory { directory in
        try write(recorded, to: directory + "/copy.jsonl.gz")
        #expect(try Trace(path: directory + "/copy.jsonl.gz") == recorded)
    }
}

@Test func traceWriterIntoAMissingDirectoryNamesThePath() {
    #expect(throws: FileWriteError(path: "/nonexistent/t.jsonl", errno: ENOENT)) {
        try TraceWriter(path: "/nonexistent/t.jsonl", header: awkward.header)
    }
}

import MemSense
import TestSupport
import Testing

/// One row of the table in Tests/Fixtures/traces/README.md.
struct TraceFacts: Sendable, CustomTestStringConvertible {
    let file: String
    let isBenign: Bool
    let samples: Int
    let maxGapMs: Int64
    let kernelKills: Int
    let firstKillMs: Int64?
    let stalls: Int

    var testDescription: String { file }
}

let recordedTraces: [TraceFacts] = [
    TraceFacts(
        file: "anon-ramp-fast-s1", isBenign: false, samples: 299, maxGapMs: 51, kernelKills: 1, firstKillMs: 9814,
        stalls: 0),
    TraceFacts(
        file: "anon-ramp-slow-s1", isBenign: false, samples: 298, maxGapMs: 51, kernelKills: 1, firstKillMs: 9805,
        stalls: 0),
    TraceFacts(
        file: "burst-free-fast-s1", isBenign: true, samples: 681, maxGapMs: 50, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
    TraceFacts(
        file: "burst-free-slow-s1", isBenign: true, samples: 681, maxGapMs: 51, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
    TraceFacts(
        file: "cache-fill-fast-s1", isBenign: true, samples: 681, maxGapMs: 52, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
    TraceFacts(
        file: "cache-fill-slow-s1", isBenign: true, samples: 681, maxGapMs: 51, kernelKills: 0, firstKillMs: nil,
        stalls: 1),
    TraceFacts(
        file: "cache-thrash-fast-s1", isBenign: false, samples: 836, maxGapMs: 53, kernelKills: 1, firstKillMs: 36609,
        stalls: 0),
    TraceFacts(
        file: "cache-thrash-slow-s1", isBenign: false, samples: 840, maxGapMs: 51, kernelKills: 1, firstKillMs: 36852,
        stalls: 1),
    TraceFacts(
        file: "fast-spike-fast-s1", isBenign: false, samples: 186, maxGapMs: 50, kernelKills: 1, firstKillMs: 4174,
        stalls: 0),
    TraceFacts(
        file: "fast-spike-slow-s1", isBenign: false, samples: 193, maxGapMs: 51, kernelKills: 1, firstKillMs: 4547,
        stalls: 0),
    TraceFacts(
        file: "many-small-fast-s1", isBenign: false, samples: 264, maxGapMs: 52, kernelKills: 39, firstKillMs: 6455,
        stalls: 0),
    TraceFacts(
        file: "many-small-slow-s1", isBenign: false, samples: 263, maxGapMs: 57, kernelKills: 39, firstKillMs: 6451,
        stalls: 2),
    TraceFacts(
        file: "node-anon-ramp-r1", isBenign: false, samples: 430, maxGapMs: 59, kernelKills: 1, firstKillMs: 16175,
        stalls: 0),
    TraceFacts(
        file: "node-cache-thrash-r1", isBenign: false, samples: 1377, maxGapMs: 113, kernelKills: 1, firstKillMs: 63129,
        stalls: 2),
    TraceFacts(
        file: "node-fast-spike-r1", isBenign: false, samples: 349, maxGapMs: 57, kernelKills: 1, firstKillMs: 11899,
        stalls: 1),
    TraceFacts(
        file: "node-fork-bomb-lite-r1", isBenign: false, samples: 695, maxGapMs: 400, kernelKills: 65,
        firstKillMs: 9766, stalls: 0),
    TraceFacts(
        file: "node-spike-hold-r1", isBenign: true, samples: 390, maxGapMs: 70, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
    TraceFacts(
        file: "node-steady-high-r1", isBenign: true, samples: 733, maxGapMs: 62, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
    TraceFacts(
        file: "steady-high-fast-s1", isBenign: true, samples: 681, maxGapMs: 50, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
    TraceFacts(
        file: "steady-high-slow-s1", isBenign: true, samples: 681, maxGapMs: 53, kernelKills: 0, firstKillMs: nil,
        stalls: 0),
]

private func readerError(_ text: String, path: String = "t.jsonl") -> MemSenseError? {
    do {
        var reader = try TraceReader(bytes: Array(text.utf8), path: path)
        while try reader.next() != nil {}
        return nil
    } catch {
        return error
    }
}

private let header =
    #"{"fastoomd_trace":1,"interval_ms":50,"target":"node","scenario":"s","benign":true,"kernel":"6.1","notes":""}"#

@Test(arguments: recordedTraces)
func traceFixturesMatchTheirREADMETable(facts: TraceFacts) throws {
    let trace = try Trace(path: FixturePaths.trace(facts.file + ".jsonl.gz"))
    #expect(trace.header.version == 1)
    #expect(trace.header.intervalMs == 50)
    #expect(trace.header.target == (facts.file.hasPrefix("node-") ? .node : .cgroupV1))
    #expect(trace.header.memLimitBytes == (facts.file.hasPrefix("node-") ? nil : 536_870_912))
    #expect(trace.header.isBenign == facts.isBenign)
    #expect(trace.samples.count == facts.samples)
    let gaps = zip(trace.samples, trace.samples.dropFirst()).map { $1.tMs - $0.tMs }
    #expect(gaps.max() == facts.maxGapMs)
    let kills = trace.labels.filter { if case .kernelOOMKill = $0.event { true } else { false } }
    #expect(kills.count == facts.kernelKills)
    #expect(kills.first?.tMs == facts.firstKillMs)
    #expect(trace.labels.filter { $0.kind == "stall" }.count == facts.stalls)
    #expect(zip(trace.labels, trace.labels.dropFirst()).allSatisfy { $0.tMs <= $1.tMs })
    #expect(trace.samples.allSatisfy { $0.files["proc/meminfo"]?.hasPrefix("MemTotal:") == true })
}

@Test func traceLabelsCarryTheirFields() throws {
    let trace = try Trace(path: FixturePaths.trace("anon-ramp-fast-s1.jsonl.gz"))
    #expect(trace.labels == [TraceLabel(tMs: 9814, event: .kernelOOMKill(pid: 9462, name: "hog"))])
    #expect(trace.samples[1].tMs == 50)
    #expect(trace.samples[1].files["cgroup/memory.usage_in_bytes"] == "79282176\n")
}

@Test func traceCutInsideItsGzipStreamYieldsTheCompleteLinesThenNamesTheCut() throws {
    let whole = try PlainFile.contents(of: FixturePaths.trace("anon-ramp-fast-s1.jsonl.gz"), limitBytes: 1 << 20)
    var reader = try TraceReader(bytes: Array(whole[..<20000]), path: "cut.jsonl.gz")
    var samples = 0
    do {
        while let record = try reader.next() {
            if case .sample = record { samples += 1 }
        }
        Issue.record("a cut trace read to its end without an error")
    } catch {
        #expect(samples > 10)
        #expect(
            error == .malformed(path: "cut.jsonl.gz", line: samples + 2, reason: "truncated gzip stream at byte 20000"))
        #expect(error.description == "cut.jsonl.gz:\(samples + 2): truncated gzip stream at byte 20000")
    }
}

@Test func traceWithCorruptedGzipFailsAtOnce() throws {
    var bytes = try PlainFile.contents(of: FixturePaths.trace("fast-spike-fast-s1.jsonl.gz"), limitBytes: 1 << 20)
    bytes[bytes.count - 6] ^= 0xFF
    #expect(throws: MemSenseError.self) { try TraceReader(bytes: bytes, path: "bad.jsonl.gz") }
    do {
        _ = try TraceReader(bytes: bytes, path: "bad.jsonl.gz")
    } catch {
        #expect(error.description.hasPrefix("bad.jsonl.gz:0: CRC mismatch at byte"))
    }
}

@Test func traceMalformedLineIsNamedByItsNumber() {
    let text = header + "\n" + #"{"t_ms":0,"files":{}}"# + "\n" + #"{"t_ms":50,"files":{"proc/meminfo":7}}"# + "\n"
    #expect(readerError(text) == .malformed(path: "t.jsonl", line: 3, reason: "files.proc/meminfo is not a String"))
    let broken = header + "\n" + #"{"t_ms":0,"files":{"#
    #expect(readerError(broken)?.description.hasPrefix("t.jsonl:2: not a JSON object") == true)
}

@Test func traceSampleGoingBackInTimeIsRefused() {
    let text = header + "\n" + #"{"t_ms":100,"files":{}}"# + "\n" + #"{"t_ms":50,"files":{}}"#
    #expect(readerError(text) == .malformed(path: "t.jsonl", line: 3, reason: "t_ms 50 goes back from 100"))
}

@Test func traceUnknownLabelOrIncompleteLabelIsRefused() {
    let unknown = header + "\n" + #"{"t_ms":1,"label":"reboot"}"#
    #expect(readerError(unknown) == .malformed(path: "t.jsonl", line: 2, reason: "unknown label \"reboot\""))
    let incomplete = header + "\n" + #"{"t_ms":1,"label":"daemon_kill","pid":3,"name":"x"}"#
    #expect(
        readerError(incomplete)
            == .malformed(path: "t.jsonl", line: 2, reason: "daemon_kill label lacks one of its fields"))
}

@Test func traceOfAnotherVersionOrNoHeaderIsRefusedClearly() {
    let newer = #"{"fastoomd_trace":2,"interval_ms":50}"#
    #expect(
        readerError(newer)
            == .malformed(
                path: "t.jsonl", line: 1, reason: "trace format version 2 is not supported (this build reads 1)"))
    #expect(
        readerError(#"{"t_ms":0,"files":{}}"#)
            == .malformed(
                path: "t.jsonl", line: 1, reason: "not a fastoomd trace: the header has no fastoomd_trace key"))
    #expect(readerError("") == .malformed(path: "t.jsonl", line: 1, reason: "empty trace, no header line"))
    let noTarget = #"{"fastoomd_trace":1,"interval_ms":50,"scenario":"s","benign":true,"kernel":"6.1","notes":""}"#
    #expect(readerError(noTarget) == .malformed(path: "t.jsonl", line: 1, reason: "missing key target"))
}

@Test func traceMissingFileIsUnreadable() {
    #expect(throws: MemSenseError.unreadable(.notFound(path: "/nonexistent/t.jsonl"))) {
        try TraceReader(path: "/nonexistent/t.jsonl")
    }
}

import MemSense
import Predictor
import TestSupport
import Testing

@testable import fastoomd

/// Replay of a damaged trace stops with an error that names the trace and the line, after
/// replaying every sample before it; it never crashes.
@Suite struct ReplayMalformedTraceTests {
    private let rule = Replay.Rule.predictor(PredictorConfig(), preset: .medium)

    /// The bytes of a plain .jsonl trace: the header and first samples of a real node trace,
    /// written by `TraceWriter`, then `samples` (rewritten the same way), then `rawTail` as is.
    private func trace(adding samples: [TraceSample] = [], rawTail: String = "") throws -> [UInt8] {
        let real = try DecodedTraces.trace("node-anon-ramp-r1")
        var bytes: [UInt8] = []
        try withTemporaryDirectory { directory in
            let path = directory + "/trace.jsonl"
            let writer = try TraceWriter(path: path, header: real.header)
            for sample in real.samples.prefix(2) + samples { try writer.write(sample) }
            try writer.close()
            bytes = try PlainFile.contents(of: path, limitBytes: 1 << 24)
        }
        return bytes + Array(rawTail.utf8)
    }

    /// Replays `bytes` and returns the error it stopped with, and how many samples came before.
    private func failure(of bytes: [UInt8], path: String = "bad.jsonl") -> (error: MemSenseError?, samples: Int) {
        do throws(MemSenseError) {
            var reader = try TraceReader(bytes: bytes, path: path)
            var replay = try Replay(header: reader.header, path: path, rule: rule, pageSizeBytes: 4096)
            do throws(MemSenseError) {
                try replay.run(&reader) { _ in }
            } catch {
                return (error, replay.summary.samples)
            }
            return (nil, replay.summary.samples)
        } catch {
            return (error, 0)
        }
    }

    private func sample(_ tMs: Int64, editing edit: (inout [String: String]) -> Void) throws -> TraceSample {
        var files = try DecodedTraces.trace("node-anon-ramp-r1").samples[2].files
        edit(&files)
        return TraceSample(tMs: tMs, files: files)
    }

    @Test func aLineCutInTheMiddleIsNamed() throws {
        let (error, samples) = failure(of: try trace(rawTail: #"{"t_ms": 200, "files": {"proc/meminfo": "MemT"#))
        guard case .malformed(let path, let line, _) = try #require(error) else {
            Issue.record("expected a malformed trace, got \(String(describing: error))")
            return
        }
        #expect(path == "bad.jsonl")
        #expect(line == 4)
        #expect(samples == 2)
    }

    @Test func aSampleWhoseMeminfoDoesNotParseIsNamedByItsTraceLineAndFile() throws {
        let bad = try sample(150) { $0["proc/meminfo"] = "MemTotal: lots kB\n" }
        let (error, samples) = failure(of: try trace(adding: [bad]))
        guard case .malformed(_, let line, let reason) = try #require(error) else {
            Issue.record("expected a malformed trace, got \(String(describing: error))")
            return
        }
        #expect(line == 4)
        #expect(reason.hasPrefix("proc/meminfo:1: "))
        #expect(samples == 2)
    }

    @Test func aSampleWithoutMeminfoIsNamedByItsTraceLine() throws {
        let bad = try sample(150) { $0["proc/meminfo"] = nil }
        let (error, _) = failure(of: try trace(adding: [bad]))
        #expect(error == .malformed(path: "bad.jsonl", line: 4, reason: "proc/meminfo: no such file"))
    }

    @Test func timeThatGoesBackIsNamed() throws {
        let (error, _) = failure(of: try trace(adding: [try sample(0) { _ in }]))
        #expect(error == .malformed(path: "bad.jsonl", line: 4, reason: "t_ms 0 goes back from 50"))
    }

    @Test func anEmptyFileFailsAtLineOne() {
        let (error, samples) = failure(of: [])
        #expect(error == .malformed(path: "bad.jsonl", line: 1, reason: "empty trace, no header line"))
        #expect(samples == 0)
    }

    @Test func aTruncatedGzipTraceReplaysUpToTheCutThenNamesTheLineThatWasCut() throws {
        let path = FixturePaths.trace("anon-ramp-fast-s1.jsonl.gz")
        let whole = try PlainFile.contents(of: path, limitBytes: 1 << 24)
        let (error, samples) = failure(of: Array(whole.prefix(whole.count / 2)), path: "cut.jsonl.gz")
        guard case .malformed(let tracePath, let line, let reason) = try #require(error) else {
            Issue.record("expected a malformed trace, got \(String(describing: error))")
            return
        }
        #expect(tracePath == "cut.jsonl.gz")
        #expect(reason.contains("truncated"))
        #expect(samples > 50)
        #expect(samples < 299)
        #expect(line == samples + 2)
    }

    @Test func theCommandExitsWithFailureOnATruncatedTrace() throws {
        let whole = try PlainFile.contents(of: FixturePaths.trace("fast-spike-fast-s1.jsonl.gz"), limitBytes: 1 << 24)
        try withTemporaryDirectory { directory in
            let path = directory + "/cut.jsonl.gz"
            let file = try PlainFile(creating: path)
            try whole.prefix(whole.count / 3).withUnsafeBufferPointer {
                try file.write(UnsafeBufferPointer(rebasing: $0[...]))
            }
            try file.close()
            #expect(try ReplayCommand.run([path, "--json"]) == .failure)
        }
    }
}

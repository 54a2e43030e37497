import MemSense
import Predictor
import TestSupport
import Testing

@testable import fastoomd

@Suite struct RecordTests {
    /// `Recorder.cpuLines` keeps the leading `cpu` lines of /proc/stat and drops the rest.
    @Test func procStatIsCutAfterItsCPULines() {
        let stat = "cpu  10 0 5 100 2 0 0 0 0 0\ncpu0 5 0 2 50 1 0 0 0 0 0\nintr 12345 1 2\nctxt 99\n"
        let kept = Array(stat.utf8).withUnsafeBufferPointer {
            String(decoding: Recorder.cpuLines(of: $0), as: UTF8.self)
        }
        #expect(kept == "cpu  10 0 5 100 2 0 0 0 0 0\ncpu0 5 0 2 50 1 0 0 0 0 0\n")
    }

    @Test func aFileWithOnlyCPULinesAndNoFinalNewlineIsKeptWhole() {
        let stat = "cpu  10 0 5 100 2 0 0 0 0 0"
        let kept = Array(stat.utf8).withUnsafeBufferPointer {
            String(decoding: Recorder.cpuLines(of: $0), as: UTF8.self)
        }
        #expect(kept == stat)
    }

    /// A fixture tree recorded for 300 ms: every sample holds the node's files and the group's
    /// exactly as they are, and replay reads them back with the daemon's parsers.
    @Test func aFixtureTreeIsRecordedVerbatimAndReplaysWithTheDaemonsParsers() throws {
        let root = FixturePaths.kernelVariant("local-6.18", "memcg-near-limit")
        let directory = "sys/fs/cgroup/memory/system.slice/shell.service/fixture-capture-18383"
        let source = DirectorySource(root: root)
        let location = CgroupLocation(version: .v1, path: "/fixture-capture-18383", directory: directory)
        let recorder = try Recorder(source: source, cgroup: location, intervalMs: 100)
        #expect(recorder.header.target == .cgroupV1)
        #expect(recorder.header.memLimitBytes == 67_108_864)
        #expect(recorder.header.intervalMs == 100)
        try withTemporaryDirectory { temporary in
            let path = temporary + "/fixture.jsonl"
            let count = try recorder.record(to: path, durationMs: 300, stopDescriptor: nil)
            #expect(count == 3)
            let trace = try Trace(path: path)
            #expect(trace.samples.map { $0.tMs / 100 } == [0, 1, 2])
            let files = try #require(trace.samples.first?.files)
            let stat = try source.contents(of: directory + "/memory.stat")
            #expect(files["cgroup/memory.stat"].map { Array($0.utf8) } == stat)
            #expect(files["cgroup/memory.limit_in_bytes"] == "67108864\n")
            #expect(files["proc/meminfo"].map { Array($0.utf8) } == (try source.contents(of: "proc/meminfo")))
            #expect(files["proc/stat"]?.split(separator: "\n").allSatisfy { $0.hasPrefix("cpu") } == true)
            let (_, replay) = try replayFile(path, .earlyOOM)
            #expect(replay.summary.samples == 3)
        }
    }

    /// This machine's node and this process's memory cgroup, recorded for 1 s at 100 ms into a
    /// gzip trace and replayed: about 10 samples, and a test runner is not near OOM.
    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aLiveRecordingOfOneSecondReplaysAsTenHealthySamples() throws {
        let source = DirectorySource()
        let location = try #require(try CgroupLocation.memoryCgroup(in: source))
        let recorder = try Recorder(source: source, cgroup: location, intervalMs: 100)
        try withTemporaryDirectory { directory in
            let path = directory + "/live.jsonl.gz"
            let count = try recorder.record(to: path, durationMs: 1000, stopDescriptor: nil)
            #expect((9...11).contains(count))
            let (changes, replay) = try replayFile(path, .predictor(PredictorConfig(), preset: .medium))
            #expect(replay.summary.samples == count)
            #expect(replay.header.target == location.version.kind)
            #expect(replay.summary.actions == 0)
            #expect(changes.allSatisfy { $0.state == .ok })
            let trace = try Trace(path: path)
            #expect(trace.samples.allSatisfy { $0.files["proc/meminfo"] != nil })
            #expect(trace.samples.last.map { $0.tMs >= 800 && $0.tMs < 1100 } == true)
        }
    }
}

import MemSense
import Predictor
import TestSupport
import Testing

@testable import fastoomd

/// What replay decides on one recorded trace: the first sample (t_ms) at which each preset and
/// each baseline rule acts, nil where it never does. The numbers are those of the Python
/// prototype's table (scripts/predictor_prototype.py), which tuned the weights on these traces;
/// docs/PREDICTION.md shows them with the labels and lead times.
struct ReplayExpectation: CustomTestStringConvertible, Sendable {
    var trace: String
    var isBenign: Bool
    var low: Int64?
    var medium: Int64?
    var high: Int64?
    var earlyOOM: Int64?
    var psi: Int64?

    var testDescription: String { trace }

    static let all = [
        ReplayExpectation("anon-ramp-fast-s1", low: 8750, medium: 8750, high: 8650, earlyOOM: 9250),
        ReplayExpectation("anon-ramp-slow-s1", low: 8750, medium: 8700, high: 8600, earlyOOM: 9250),
        ReplayExpectation("burst-free-fast-s1", isBenign: true, earlyOOM: 4150),
        ReplayExpectation("burst-free-slow-s1", isBenign: true, earlyOOM: 4700),
        ReplayExpectation("cache-fill-fast-s1", isBenign: true, psi: 28300),
        ReplayExpectation("cache-fill-slow-s1", isBenign: true),
        ReplayExpectation("cache-thrash-fast-s1", low: 4150, medium: 4150, high: 4150, earlyOOM: 4150, psi: 24150),
        ReplayExpectation("cache-thrash-slow-s1", low: 4550, medium: 4550, high: 4550, earlyOOM: 4550),
        ReplayExpectation("fast-spike-fast-s1", low: 4150, medium: 4150, high: 4150, earlyOOM: 4150),
        ReplayExpectation("fast-spike-slow-s1", low: 4500, medium: 4500, high: 4500, earlyOOM: 4500),
        ReplayExpectation("many-small-fast-s1", low: 6150, medium: 6100, high: 6100, earlyOOM: 6100),
        ReplayExpectation("many-small-slow-s1", low: 6100, medium: 6100, high: 6100, earlyOOM: 6100),
        ReplayExpectation("node-anon-ramp-r1", low: 14200, medium: 14100, high: 14100, earlyOOM: 14350),
        ReplayExpectation("node-cache-thrash-r1", low: 13850, medium: 13850, high: 13850, earlyOOM: 20213),
        ReplayExpectation("node-fast-spike-r1", low: 10250, medium: 10200, high: 10200, earlyOOM: 10700),
        ReplayExpectation("node-fork-bomb-lite-r1", low: 8500, medium: 8500, high: 8454, earlyOOM: 8801, psi: 11177),
        ReplayExpectation("node-spike-hold-r1", isBenign: true),
        ReplayExpectation("node-steady-high-r1", isBenign: true),
        ReplayExpectation("steady-high-fast-s1", isBenign: true),
        ReplayExpectation("steady-high-slow-s1", isBenign: true),
    ]

    init(
        _ trace: String, isBenign: Bool = false, low: Int64? = nil, medium: Int64? = nil, high: Int64? = nil,
        earlyOOM: Int64? = nil, psi: Int64? = nil
    ) {
        self.trace = trace
        self.isBenign = isBenign
        self.low = low
        self.medium = medium
        self.high = high
        self.earlyOOM = earlyOOM
        self.psi = psi
    }

    var path: String { FixturePaths.trace(trace + ".jsonl.gz") }
}

/// Every fixture trace, decoded once for all the tests that replay it: inflating and decoding
/// 20 traces again for each rule would take most of a debug test run.
enum DecodedTraces {
    static let byName: [String: Result<Trace, MemSenseError>] = Dictionary(
        uniqueKeysWithValues: ReplayExpectation.all.map { expectation in
            (expectation.trace, Result { () throws(MemSenseError) in try Trace(path: expectation.path) })
        })

    static func trace(_ name: String) throws -> Trace {
        try #require(byName[name]).get()
    }
}

/// Replays a decoded trace with `rule` through the command's own engine, sample by sample, and
/// returns every change and the summary. (A decoded trace has no line numbers; line 0 would
/// only appear in an error, and the fixtures have none.)
func replay(_ name: String, _ rule: Replay.Rule) throws -> (changes: [Replay.Change], summary: Replay.Summary) {
    let trace = try DecodedTraces.trace(name)
    var replay = try Replay(header: trace.header, path: name, rule: rule, pageSizeBytes: 4096)
    var changes: [Replay.Change] = []
    for sample in trace.samples {
        if let change = try replay.replay(sample, line: 0) { changes.append(change) }
    }
    return (changes, replay.summary)
}

/// Streams the trace file at `path` through `Replay.run`, as `fastoomd replay` does.
func replayFile(_ path: String, _ rule: Replay.Rule) throws -> (changes: [Replay.Change], replay: Replay) {
    var reader = try TraceReader(path: path)
    var replay = try Replay(header: reader.header, path: path, rule: rule, pageSizeBytes: 4096)
    var changes: [Replay.Change] = []
    try replay.run(&reader) { changes.append($0) }
    return (changes, replay)
}

@Suite struct ReplayTraceTests {
    @Test func everyRecordedTraceHasAnExpectation() throws {
        let names = try DirectorySource().entries(of: FixturePaths.trace(""))
            .filter { $0.hasSuffix(".jsonl.gz") }
            .map { String($0.dropLast(".jsonl.gz".count)) }
        #expect(Set(names) == Set(ReplayExpectation.all.map(\.trace)))
        #expect(names.count == 20)
    }

    /// On a benign trace every preset also stays below its own action threshold at every sample,
    /// so that no action is avoided by the hysteresis alone.
    @Test(arguments: ReplayExpectation.all)
    func eachPresetFirstActsWhereThePrototypeDidAndNeverOnABenignTrace(_ expected: ReplayExpectation) throws {
        let presets: [(PredictorConfig.Preset, Int64?)] = [
            (.low, expected.low), (.medium, expected.medium), (.high, expected.high),
        ]
        for (preset, firstActionMs) in presets {
            let (changes, summary) = try replay(expected.trace, .predictor(PredictorConfig(), preset: preset))
            #expect(summary.firstActionMs == firstActionMs, "preset \(preset)")
            guard expected.isBenign else {
                #expect(summary.actions >= 1, "preset \(preset)")
                continue
            }
            #expect(summary.actions == 0, "preset \(preset)")
            #expect(!changes.contains { $0.action == .kill }, "preset \(preset)")
            #expect(
                summary.maxProbability < PredictorConfig().thresholds(of: preset).nearOOMProbability, "preset \(preset)"
            )
        }
    }

    @Test(arguments: ReplayExpectation.all)
    func theBaselinesFirstActWhereThePrototypeSaid(_ expected: ReplayExpectation) throws {
        #expect(try replay(expected.trace, .earlyOOM).summary.firstActionMs == expected.earlyOOM)
        #expect(try replay(expected.trace, .psi).summary.firstActionMs == expected.psi)
    }

    @Test(arguments: ReplayExpectation.all.filter { !$0.isBenign })
    func thePredictorNeverActsLaterThanEitherBaselineOnAPressureTrace(_ expected: ReplayExpectation) throws {
        let medium = try #require(expected.medium)
        for baseline in [expected.earlyOOM, expected.psi].compactMap({ $0 }) {
            #expect(medium <= baseline)
        }
    }

    @Test func aRampIsWarnedOfThenActedOnThenReleasedAfterTheKernelKill() throws {
        let (changes, summary) = try replay("anon-ramp-fast-s1", .predictor(PredictorConfig(), preset: .medium))
        #expect(changes.map(\.tMs) == [8650, 8750, 8850, 9850])
        #expect(changes.map(\.state) == [.warn, .nearOOM, .critical, .ok])
        #expect(changes.map(\.action) == [.none, .kill, .kill, .none])
        #expect(changes[1].reasons.first?.feature == .exhaustion)
        #expect(changes[3].reasons.isEmpty)
        #expect(summary.firstActionMs == 8750)
        #expect(summary.actions == 1)
        #expect(summary.samples == 299)
        #expect(summary.maxProbability > 0.999)
    }

    @Test func earlyOOMActsOnEachOfTheTenBurstsOfABenignTrace() throws {
        let summary = try replay("burst-free-fast-s1", .earlyOOM).summary
        #expect(summary.actions == 10)
        #expect(summary.samples == 681)
    }

    @Test func streamingTheFileGivesTheSameChangesAsSteppingThroughItsSamples() throws {
        let rule = Replay.Rule.predictor(PredictorConfig(), preset: .medium)
        let stepped = try replay("node-cache-thrash-r1", rule)
        let (changes, streamed) = try replayFile(FixturePaths.trace("node-cache-thrash-r1.jsonl.gz"), rule)
        #expect(changes == stepped.changes)
        #expect(streamed.summary == stepped.summary)
        #expect(streamed.firstLabelMs("kernel_oom_kill") == 63129)
        #expect(streamed.firstLabelMs("stall") == 56482)
        #expect(streamed.header.target == .node)
    }
}

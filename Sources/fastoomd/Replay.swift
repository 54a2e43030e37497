import MemSense
import Predictor

/// A recorded trace played back through the daemon's own readers (`NodeSampler`,
/// `CgroupSampler` over a `TraceFileSource`) and one assessor, with the recorded times as the
/// clock. It reports each sample whose state or action changed, and keeps a summary.
/// `run(_:report:)` streams a trace file; `replay(_:line:)` takes one sample already decoded.
///
/// A trace that breaks off (a malformed line, a sample whose files do not parse, a cut gzip
/// stream) stops the replay with `MemSenseError.malformed` naming the trace and its line,
/// after every change before that line has been reported.
struct Replay {
    /// What decides: the predictor with a preset, or one of the baselines it is compared with.
    enum Rule: Sendable, Equatable {
        case predictor(PredictorConfig, preset: PredictorConfig.Preset)
        /// earlyoom: act when available memory is at or below 10 % of total.
        case earlyOOM
        /// systemd-oomd: act when memory PSI `full` avg10 is above 10 %.
        case psi

        /// How a title names it: `predictor, preset medium`, `earlyoom`, `psi`.
        var name: String {
            switch self {
            case .predictor(_, let preset): "predictor, preset \(preset.rawValue)"
            case .earlyOOM: "earlyoom"
            case .psi: "psi"
            }
        }

        var assessor: any Assessor {
            switch self {
            case .predictor(let config, let preset): Predictor(config: config, preset: preset)
            case .earlyOOM: EarlyOOMRule()
            case .psi: PSIRule()
            }
        }
    }

    /// What the daemon would have done at a sample; replay never sends a signal.
    enum Action: String, Sendable, Encodable {
        case none
        case kill
    }

    /// A sample whose state or action differs from the previous sample's.
    struct Change: Sendable, Equatable {
        var tMs: Int64
        var state: AssessmentState
        var probability: Double
        var action: Action
        var reasons: [Reason]
    }

    struct Summary: Sendable, Equatable {
        /// The first sample at which the daemon would have acted; nil if it never would.
        var firstActionMs: Int64?
        /// Transitions into acting (near_oom or critical from a lower state).
        var actions = 0
        var samples = 0
        /// The largest probability of any sample (1 for a baseline rule once it fires).
        var maxProbability = 0.0
    }

    /// Where the recorded group's `cgroup/<file>` keys are served.
    static let cgroupDirectory = "cgroup"

    /// The trace's path, for errors.
    let path: String
    let header: TraceHeader
    private let source = TraceFileSource(cgroupDirectory: Replay.cgroupDirectory)
    private let node: NodeSampler
    private let group: CgroupSampler?
    private var assessor: any Assessor
    private var last = (state: AssessmentState.ok, action: Action.none)
    private(set) var summary = Summary()
    /// The labels met so far, in file order (FORMAT.md lets them appear anywhere).
    private(set) var labels: [TraceLabel] = []

    init(header: TraceHeader, path: String, rule: Rule, pageSizeBytes: UInt64) throws(MemSenseError) {
        self.header = header
        self.path = path
        node = try NodeSampler(source: source, pageSizeBytes: pageSizeBytes)
        group =
            switch header.target {
            case .node: nil
            case .cgroupV1: CgroupSampler(source: source, directory: Self.cgroupDirectory, version: .v1)
            case .cgroupV2: CgroupSampler(source: source, directory: Self.cgroupDirectory, version: .v2)
            }
        assessor = rule.assessor
    }

    /// The first time a label of `kind` (`kernel_oom_kill`, `stall`) was met so far.
    func firstLabelMs(_ kind: String) -> Int64? {
        labels.filter { $0.kind == kind }.map(\.tMs).min()
    }

    /// Replays every remaining record of `reader`, handing each change to `report` as soon as
    /// it is known, and every sample with its assessment to `observe` (for a plot).
    mutating func run(
        _ reader: inout TraceReader, report: (Change) -> Void, observe: (Sample, Assessment) -> Void = { _, _ in }
    ) throws(MemSenseError) {
        while let record = try reader.next() {
            switch record {
            case .label(let label): labels.append(label)
            case .sample(let sample):
                if let change = try replay(sample, line: reader.lineNumber, observe: observe) { report(change) }
            }
        }
    }

    /// Assesses one sample (at trace line `line`, named in errors) and returns what changed.
    mutating func replay(
        _ sample: TraceSample, line: Int, observe: (Sample, Assessment) -> Void = { _, _ in }
    ) throws(MemSenseError) -> Change? {
        let target = try target(of: sample, line: line)
        let assessment = assessor.assess(target)
        observe(target, assessment)
        summary.samples += 1
        summary.maxProbability = max(summary.maxProbability, assessment.probability)
        let action: Action = assessment.state.isActing ? .kill : .none
        if action == .kill && last.action == .none {
            summary.actions += 1
            if summary.firstActionMs == nil { summary.firstActionMs = sample.tMs }
        }
        guard (assessment.state, action) != last else { return nil }
        last = (assessment.state, action)
        return Change(
            tMs: sample.tMs, state: assessment.state, probability: assessment.probability, action: action,
            reasons: assessment.reasons)
    }

    /// The replayed target's sample of a trace sample, read by the daemon's own samplers. A file
    /// that is missing or does not parse is reported at the trace line that holds the sample.
    private func target(of sample: TraceSample, line: Int) throws(MemSenseError) -> Sample {
        source.show(sample)
        do {
            let nodeSample = try node.sample(at: sample.tMs)
            return try group?.sample(within: nodeSample) ?? nodeSample
        } catch {
            throw .malformed(path: path, line: line, reason: error.description)
        }
    }
}

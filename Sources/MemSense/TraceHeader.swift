/// The first line of a trace (Tests/Fixtures/traces/FORMAT.md): what was recorded and how.
///
///     {"fastoomd_trace":1,"interval_ms":50,"target":"cgroup-v1","scenario":"anon-ramp","benign":false,
///      "mem_limit_bytes":536870912,"kernel":"6.18.44","notes":"io=fast seed=1"}
public struct TraceHeader: Decodable, Sendable, Equatable {
    /// The format version this build reads and writes.
    public static let supportedVersion = 1

    public var version: Int
    public var intervalMs: Int64
    public var target: TargetKind
    public var scenario: String
    /// True when nothing should be killed in this recording (a false-alarm test).
    public var isBenign: Bool
    /// The recorded group's limit; nil for node targets.
    public var memLimitBytes: UInt64?
    public var kernel: String
    public var notes: String

    public init(
        version: Int = TraceHeader.supportedVersion, intervalMs: Int64, target: TargetKind, scenario: String,
        isBenign: Bool, memLimitBytes: UInt64? = nil, kernel: String, notes: String = ""
    ) {
        self.version = version
        self.intervalMs = intervalMs
        self.target = target
        self.scenario = scenario
        self.isBenign = isBenign
        self.memLimitBytes = memLimitBytes
        self.kernel = kernel
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case version = "fastoomd_trace"
        case intervalMs = "interval_ms"
        case target, scenario
        case isBenign = "benign"
        case memLimitBytes = "mem_limit_bytes"
        case kernel, notes
    }
}

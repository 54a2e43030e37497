import MemSense

/// The `oom_score_adj` section as written: rules that the daemon applies to matching processes,
/// and how often it looks for them. It replaces the cron script that sets sshd to -17 every minute.
///
/// ```json
/// "oom_score_adj": { "period_ms": 60000, "rules": [{ "match": { "comm": "sshd" }, "adj": -1000 }] }
/// ```
public struct OOMScoreAdjConfig: Codable, Equatable, Sendable, LenientDecodable {
    /// How often the daemon scans the process table for processes to set; a process started in
    /// between is set at the next scan, so this is also the longest it runs with its old value.
    public var periodMs: Int64
    /// Checked in order: the first rule that matches a process sets it.
    public var rules: [OOMScoreAdjRuleConfig]
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    /// The cron script's minute.
    public static let defaultPeriodMs: Int64 = 60_000
    /// A scan reads every process's files; more often than this would cost more than it gives.
    public static let periodRangeMs: ClosedRange<Int64> = 1_000...86_400_000

    enum CodingKeys: String, CodingKey, CaseIterable {
        case periodMs = "period_ms"
        case rules
        case comment
    }

    public init(periodMs: Int64 = defaultPeriodMs, rules: [OOMScoreAdjRuleConfig] = [], comment: String? = nil) {
        self.periodMs = periodMs
        self.rules = rules
        self.comment = comment
    }

    public init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        periodMs = object.value(.periodMs, default: Self.defaultPeriodMs)
        rules = object.value(.rules, default: [])
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }
}

import MemSense

/// One rule of the `oom_score_adj` section as written: which processes (the same matchers as
/// `protect`, `avoid` and `prefer`) and the oom_score_adj they should have.
///
/// ```json
/// { "match": { "comm_regex": "^sshd(-session|-auth)?$" }, "adj": -1000, "comment": "the cron script's -17" }
/// ```
public struct OOMScoreAdjRuleConfig: Codable, Equatable, Sendable, LenientDecodable {
    public var match: MatchRuleConfig
    /// The wanted value, -1000 (never chosen by the kernel's OOM killer) to 1000 (chosen first).
    public var adj: Int
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case match
        case adj
        case comment
    }

    public init(match: MatchRuleConfig, adj: Int, comment: String? = nil) {
        self.match = match
        self.adj = adj
        self.comment = comment
    }

    /// `match` and `adj` must be written out: a rule without either means nothing.
    public init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        match = object.required(.match, default: MatchRuleConfig(), hint: "the processes the rule sets")
        adj = object.required(.adj, default: 0, hint: "the oom_score_adj to set, -1000...1000")
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }
}

import MemSense

/// The `kill_policy` section of config/policy.json as written. Decoding never stops at the first
/// bad value: `Policy(validating:at:)` then reports every problem with its JSON path.
public struct KillPolicyConfig: Codable, Equatable, Sendable, LenientDecodable {
    public var comment: String?
    /// Never killed.
    public var protect: [MatchRuleConfig]
    /// Killed only when no other candidate is left.
    public var avoid: [MatchRuleConfig]
    /// Killed before every other candidate.
    public var prefer: [MatchRuleConfig]
    public var weights: RankingWeights
    public var kill: KillSettings
    public var governor: GovernorSettings
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case protect
        case avoid
        case prefer
        case weights
        case kill
        case governor
    }

    public init(
        protect: [MatchRuleConfig] = [], avoid: [MatchRuleConfig] = [], prefer: [MatchRuleConfig] = [],
        weights: RankingWeights = RankingWeights(), kill: KillSettings = KillSettings(),
        governor: GovernorSettings = GovernorSettings(), comment: String? = nil
    ) {
        self.protect = protect
        self.avoid = avoid
        self.prefer = prefer
        self.weights = weights
        self.kill = kill
        self.governor = governor
        self.comment = comment
    }

    /// `protect` and `avoid` must be written out (`[]` for none): a typo must not silently
    /// leave sshd unprotected.
    public init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        comment = object.optional(.comment)
        protect = object.required(.protect, default: [], hint: "a list of rules; [] protects nothing")
        avoid = object.required(.avoid, default: [], hint: "a list of rules; [] avoids nothing")
        prefer = object.value(.prefer, default: [])
        weights = object.value(.weights, default: RankingWeights())
        kill = object.value(.kill, default: KillSettings())
        governor = object.value(.governor, default: GovernorSettings())
        decodingIssues = object.issues
    }
}

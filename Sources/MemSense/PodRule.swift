/// How fastoomd treats the pods a rule matches: by pod name (a regex searched anywhere in the
/// name; anchor it with ^...$) and namespace (exact), both optional.
///
///     {"name": "batch-jobs", "namespace": "batch", "pod_name_regex": "^job-", "preset": "high",
///      "granularity": "cgroup", "prefer": true}
///
/// `preset` (a Predictor preset) and `granularity` (a KillPolicy granularity) are references
/// that the modules owning them validate; MemSense only matches pods.
public struct PodRule: Codable, Sendable, Equatable {
    /// Shown as the rule that matched.
    public var name: String
    public var namespace: String?
    public var podNameRegex: String?
    public var preset: String?
    /// Predictor threshold overrides by key (`near_oom_probability`...), checked by the Predictor.
    public var thresholds: [String: Double]?
    public var granularity: String?
    /// Never kill in these pods.
    public var protect: Bool
    /// Kill in these pods before any other.
    public var prefer: Bool
    public var comment: String?

    enum CodingKeys: String, CodingKey {
        case name, namespace, preset, thresholds, granularity, protect, prefer, comment
        case podNameRegex = "pod_name_regex"
    }

    public init(
        name: String, namespace: String? = nil, podNameRegex: String? = nil, preset: String? = nil,
        thresholds: [String: Double]? = nil, granularity: String? = nil, protect: Bool = false, prefer: Bool = false,
        comment: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.podNameRegex = podNameRegex
        self.preset = preset
        self.thresholds = thresholds
        self.granularity = granularity
        self.protect = protect
        self.prefer = prefer
        self.comment = comment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
        podNameRegex = try container.decodeIfPresent(String.self, forKey: .podNameRegex)
        preset = try container.decodeIfPresent(String.self, forKey: .preset)
        thresholds = try container.decodeIfPresent([String: Double].self, forKey: .thresholds)
        granularity = try container.decodeIfPresent(String.self, forKey: .granularity)
        protect = try container.decodeIfPresent(Bool.self, forKey: .protect) ?? false
        prefer = try container.decodeIfPresent(Bool.self, forKey: .prefer) ?? false
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }
}

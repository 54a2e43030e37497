import KillPolicy
import MemSense
import Predictor

/// One rule of the `pods` section as written: which pods it takes (pod name regex, POSIX
/// extended, searched anywhere in the name, and namespace, exact; both optional) and how
/// fastoomd treats them.
///
///     {"name": "batch-jobs", "namespace": "batch", "pod_name_regex": "^job-", "preset": "high",
///      "thresholds": {"near_oom_probability": 0.7}, "granularity": "container",
///      "protect": [{"comm": "envoy"}], "prefer": [{"comm_regex": "^python"}]}
///
/// `protect` and `prefer` are kill-policy rules added to the `kill_policy` section's own for
/// the processes of these pods.
struct PodRuleConfig: Decodable, Equatable {
    /// What one kill in a pod takes down: the victim alone, or its whole container (its cgroup).
    enum Granularity: String, Decodable, Equatable, CaseIterable {
        case process, container

        init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let granularity = Self(rawValue: text) else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: decoder.codingPath,
                        debugDescription: "unknown granularity \"\(text)\" (known: process, container)"))
            }
            self = granularity
        }

        var killGranularity: KillGranularity {
            switch self {
            case .process: .process
            case .container: .cgroup
            }
        }
    }

    /// Shown as the rule that matched.
    var name: String
    var namespace: String?
    var podNameRegex: String?
    /// Nil: the predictor section's preset.
    var preset: PredictorConfig.Preset?
    /// Threshold overrides over the preset's, by key (`near_oom_probability`...).
    var thresholds: [String: Double] = [:]
    /// Nil: the `kill_policy` section's granularity.
    var granularity: Granularity?
    var protect: [MatchRuleConfig] = []
    var prefer: [MatchRuleConfig] = []
    var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, namespace, preset, thresholds, granularity, protect, prefer, comment
        case podNameRegex = "pod_name_regex"
    }

    init(name: String) { self.name = name }

    init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        name = object.required(.name, default: "", hint: "the name shown for the pods it matches")
        namespace = object.optional(.namespace)
        podNameRegex = object.optional(.podNameRegex)
        preset = object.optional(.preset)
        thresholds = object.value(.thresholds, default: [:])
        granularity = object.optional(.granularity)
        protect = object.value(.protect, default: [])
        prefer = object.value(.prefer, default: [])
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }
}

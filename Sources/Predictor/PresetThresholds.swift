import MemSense

/// How eager a preset is: the probabilities at which the state steps up (enter) and back down
/// (leave, lower, so that a signal hovering at a threshold does not flap), and the least time a
/// state is held before it may step down.
public struct PresetThresholds: Sendable, Equatable {
    public var warnProbability: Double
    public var warnLeaveProbability: Double
    public var nearOOMProbability: Double
    public var nearOOMLeaveProbability: Double
    public var criticalProbability: Double
    public var criticalLeaveProbability: Double
    public var minimumDwellMs: Int64
    /// Misspelt keys and values of the wrong type, at the JSON path the decoder saw.
    public private(set) var decodingIssues: [ConfigIssue] = []

    public init(
        warnProbability: Double, warnLeaveProbability: Double, nearOOMProbability: Double,
        nearOOMLeaveProbability: Double, criticalProbability: Double, criticalLeaveProbability: Double,
        minimumDwellMs: Int64
    ) {
        self.warnProbability = warnProbability
        self.warnLeaveProbability = warnLeaveProbability
        self.nearOOMProbability = nearOOMProbability
        self.nearOOMLeaveProbability = nearOOMLeaveProbability
        self.criticalProbability = criticalProbability
        self.criticalLeaveProbability = criticalLeaveProbability
        self.minimumDwellMs = minimumDwellMs
    }

    /// Acts late: only on the clearest cases.
    public static let low = PresetThresholds(
        warnProbability: 0.60, warnLeaveProbability: 0.45, nearOOMProbability: 0.90,
        nearOOMLeaveProbability: 0.75, criticalProbability: 0.98, criticalLeaveProbability: 0.93,
        minimumDwellMs: 1000)
    /// The default.
    public static let medium = PresetThresholds(
        warnProbability: 0.50, warnLeaveProbability: 0.35, nearOOMProbability: 0.80,
        nearOOMLeaveProbability: 0.65, criticalProbability: 0.95, criticalLeaveProbability: 0.88,
        minimumDwellMs: 1000)
    /// Acts early; still quiet on every benign recorded trace.
    public static let high = PresetThresholds(
        warnProbability: 0.40, warnLeaveProbability: 0.25, nearOOMProbability: 0.65,
        nearOOMLeaveProbability: 0.50, criticalProbability: 0.90, criticalLeaveProbability: 0.80,
        minimumDwellMs: 1000)

    /// The (enter, leave) probabilities of a state above `ok`.
    func probabilities(of state: AssessmentState) -> (enter: Double, leave: Double) {
        switch state {
        case .ok: (0, 0)
        case .warn: (warnProbability, warnLeaveProbability)
        case .nearOOM: (nearOOMProbability, nearOOMLeaveProbability)
        case .critical: (criticalProbability, criticalLeaveProbability)
        }
    }
}

extension PresetThresholds: Codable, LenientDecodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case warnProbability = "warn_probability"
        case warnLeaveProbability = "warn_leave_probability"
        case nearOOMProbability = "near_oom_probability"
        case nearOOMLeaveProbability = "near_oom_leave_probability"
        case criticalProbability = "critical_probability"
        case criticalLeaveProbability = "critical_leave_probability"
        case minimumDwellMs = "minimum_dwell_ms"
    }

    /// Computed (not stored): decoding and validation only, never the hot path.
    static var probabilityKeys: [(CodingKeys, WritableKeyPath<PresetThresholds, Double>)] {
        [
            (.warnProbability, \.warnProbability),
            (.warnLeaveProbability, \.warnLeaveProbability),
            (.nearOOMProbability, \.nearOOMProbability),
            (.nearOOMLeaveProbability, \.nearOOMLeaveProbability),
            (.criticalProbability, \.criticalProbability),
            (.criticalLeaveProbability, \.criticalLeaveProbability),
        ]
    }

    /// Decodes over `defaults`: an absent key keeps the preset's own value; an unknown one is an
    /// issue.
    init(from decoder: any Decoder, defaults: PresetThresholds) {
        self = defaults
        var object = LenientObject<CodingKeys>(decoder)
        for (key, path) in Self.probabilityKeys {
            if let value: Double = object.optional(key) { self[keyPath: path] = value }
        }
        minimumDwellMs = object.value(.minimumDwellMs, default: minimumDwellMs)
        decodingIssues = object.issues
    }

    public init(from decoder: any Decoder) {
        self.init(from: decoder, defaults: .medium)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, path) in Self.probabilityKeys { try container.encode(self[keyPath: path], forKey: key) }
        try container.encode(minimumDwellMs, forKey: .minimumDwellMs)
    }

    /// These thresholds with `overrides` (by JSON key: `near_oom_probability`...) put in, as a
    /// pod rule writes its own over its preset; with every problem at its JSON path under `path`
    /// (an unknown key, a dwell that is not a whole number, thresholds that no longer hold).
    public func overriding(_ overrides: [String: Double], at path: String) -> (
        PresetThresholds, [ConfigIssue]
    ) {
        var result = self
        var found: [ConfigIssue] = []
        let dwellKey = CodingKeys.minimumDwellMs.rawValue
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            if let keyPath = Self.probabilityKeys.first(where: { $0.0.rawValue == key })?.1 {
                result[keyPath: keyPath] = value
            } else if key == dwellKey {
                guard let dwellMs = Int64(exactly: value) else {
                    found.append(ConfigIssue(path: path + "." + key, "must be a whole number of milliseconds"))
                    continue
                }
                result.minimumDwellMs = dwellMs
            } else {
                let known = (Self.probabilityKeys.map(\.0.rawValue) + [dwellKey]).sorted().joined(separator: ", ")
                found.append(ConfigIssue(path: path + "." + key, "unknown threshold (known: \(known))"))
            }
        }
        return (result, found + result.problems(at: path))
    }

    /// Problems with these thresholds, each named by its JSON path under `path`.
    func problems(at path: String) -> [ConfigIssue] {
        var found: [ConfigIssue] = []
        for (key, keyPath) in Self.probabilityKeys where !(0...1).contains(self[keyPath: keyPath]) {
            found.append(ConfigIssue(path: path + "." + key.rawValue, "must be a probability in 0...1"))
        }
        let ordered: [(CodingKeys, Double, CodingKeys, Double)] = [
            (.warnLeaveProbability, warnLeaveProbability, .warnProbability, warnProbability),
            (.nearOOMLeaveProbability, nearOOMLeaveProbability, .nearOOMProbability, nearOOMProbability),
            (.criticalLeaveProbability, criticalLeaveProbability, .criticalProbability, criticalProbability),
            (.warnProbability, warnProbability, .nearOOMProbability, nearOOMProbability),
            (.nearOOMProbability, nearOOMProbability, .criticalProbability, criticalProbability),
        ]
        for (lowKey, lowValue, highKey, highValue) in ordered where lowValue > highValue {
            found.append(ConfigIssue(path: path + "." + lowKey.rawValue, "must not exceed \(highKey.rawValue)"))
        }
        if minimumDwellMs < 0 {
            found.append(ConfigIssue(path: path + "." + CodingKeys.minimumDwellMs.rawValue, "must not be negative"))
        }
        return found
    }
}

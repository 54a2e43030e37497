import MemSense

/// The predictor's section of the configuration (`"predictor": {...}`). Every number may be
/// overridden; an absent key keeps its default; an unknown key (a typo) is a problem, because a
/// misspelt threshold silently left at its default would act at the wrong time.
///
///     "predictor": {"preset": "high", "medium": {"near_oom_probability": 0.85},
///                   "weights": {"deficit_weight": 8}, "page_size_bytes": 16384}
public struct PredictorConfig: Sendable, Equatable {
    public enum Preset: String, Sendable, Codable, CaseIterable {
        case low, medium, high

        /// Names the presets there are when a configuration names one that is not.
        public init(from decoder: any Decoder) throws {
            let name = try decoder.singleValueContainer().decode(String.self)
            guard let preset = Self(rawValue: name) else {
                let known = Self.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath, debugDescription: "unknown preset \"\(name)\" (known: \(known))"
                    ))
            }
            self = preset
        }
    }

    /// The preset the daemon uses.
    public var preset: Preset = .medium
    public var low: PresetThresholds = .low
    public var medium: PresetThresholds = .medium
    public var high: PresetThresholds = .high
    public var weights = PredictorWeights()
    /// The kernel counts refaults and scans in pages; fastoomd sets this from sysconf.
    public var pageSizeBytes: UInt64 = 4096
    /// Misspelt keys and values of the wrong type anywhere in the section, at the JSON path the
    /// decoder saw (`predictor.medium.near_oom_probabilty` when read from the configuration file).
    public private(set) var decodingIssues: [ConfigIssue] = []

    public init() {}

    public func thresholds(of preset: Preset) -> PresetThresholds {
        switch preset {
        case .low: low
        case .medium: medium
        case .high: high
        }
    }

    /// Every problem in this section: the decoding issues, then each bad value named by its JSON
    /// path under `path`.
    public func validationErrors(at path: String = "predictor") -> [ConfigIssue] {
        var found = decodingIssues
        found += low.problems(at: path + ".low")
        found += medium.problems(at: path + ".medium")
        found += high.problems(at: path + ".high")
        found += weights.problems(at: path + ".weights")
        if pageSizeBytes == 0 || pageSizeBytes & (pageSizeBytes - 1) != 0 {
            found.append(ConfigIssue(path: path + ".page_size_bytes", "must be a power of two"))
        }
        return found
    }
}

extension PredictorConfig: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case preset, low, medium, high, weights
        case pageSizeBytes = "page_size_bytes"
    }

    /// Never stops at the first problem: each one is listed in `decodingIssues`.
    public init(from decoder: any Decoder) {
        self.init()
        var object = LenientObject<CodingKeys>(decoder)
        preset = object.value(.preset, default: preset)
        var issues: [ConfigIssue] = []
        for (key, path) in [(CodingKeys.low, \PredictorConfig.low), (.medium, \.medium), (.high, \.high)] {
            guard let nested = object.decoder(at: key) else { continue }
            self[keyPath: path] = PresetThresholds(from: nested, defaults: self[keyPath: path])
            issues += self[keyPath: path].decodingIssues
        }
        weights = object.value(.weights, default: weights)
        pageSizeBytes = object.value(.pageSizeBytes, default: pageSizeBytes)
        decodingIssues = object.issues + issues
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(preset, forKey: .preset)
        try container.encode(low, forKey: .low)
        try container.encode(medium, forKey: .medium)
        try container.encode(high, forKey: .high)
        try container.encode(weights, forKey: .weights)
        try container.encode(pageSizeBytes, forKey: .pageSizeBytes)
    }
}

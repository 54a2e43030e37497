/// The predictor's section of the configuration (`"predictor": {...}`). Every number may be
/// overridden; an absent key keeps its default.
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

    public init() {}

    public func thresholds(of preset: Preset) -> PresetThresholds {
        switch preset {
        case .low: low
        case .medium: medium
        case .high: high
        }
    }

    /// Every problem in this section, each named by its JSON path under `path`.
    public func validationErrors(at path: String = "predictor") -> [PredictorConfigError] {
        var found = low.problems(at: path + ".low")
        found += medium.problems(at: path + ".medium")
        found += high.problems(at: path + ".high")
        found += weights.problems(at: path + ".weights")
        if pageSizeBytes == 0 || pageSizeBytes & (pageSizeBytes - 1) != 0 {
            found.append(.invalid(path: path + ".page_size_bytes", reason: "must be a power of two"))
        }
        return found
    }
}

extension PredictorConfig: Codable {
    enum CodingKeys: String, CodingKey {
        case preset, low, medium, high, weights
        case pageSizeBytes = "page_size_bytes"
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        preset = try container.decodeIfPresent(Preset.self, forKey: .preset) ?? preset
        for (key, path) in [(CodingKeys.low, \PredictorConfig.low), (.medium, \.medium), (.high, \.high)]
        where container.contains(key) {
            let nested = try container.superDecoder(forKey: key)
            self[keyPath: path] = try PresetThresholds(from: nested, defaults: self[keyPath: path])
        }
        weights = try container.decodeIfPresent(PredictorWeights.self, forKey: .weights) ?? weights
        pageSizeBytes = try container.decodeIfPresent(UInt64.self, forKey: .pageSizeBytes) ?? pageSizeBytes
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

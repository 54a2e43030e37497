import MemSense

/// The numbers of the near-OOM formula (see `Predictor`), shared by every preset. The defaults
/// were tuned on the recorded traces by scripts/predictor_prototype.py, which documents why.
///
///     z = bias + deficitWeight * D + exhaustionWeight * E
///         + G * (faultsWeight * sat(faults) + reclaimWeight * sat(reclaim) + stallWeight * sat(stall))
///     probability = 1 / (1 + exp(-z))
public struct PredictorWeights: Sendable, Equatable {
    /// The logit with no pressure at all: a healthy target reads `1 / (1 + e^5)` ≈ 0.007.
    public var bias = -5.0
    /// D = 1 - headroom / headroomReferenceFraction: memory short right now.
    public var headroomReferenceFraction = 0.15
    public var deficitWeight = 9.0
    /// How long a fill must last (half of the window) to count as a trend, for fast fills and
    /// slow ones; and how far ahead each rate projects the headroom.
    public var shortFillWindowSeconds = 0.6
    public var shortFillHorizonSeconds = 0.05
    public var longFillWindowSeconds = 4.0
    public var longFillHorizonSeconds = 1.0
    /// E = 1 - projectedHeadroom / exhaustionReferenceFraction: memory about to run out.
    public var exhaustionReferenceFraction = 0.08
    public var exhaustionWeight = 8.0
    /// G = 1 - headroom / thrashGateHeadroomFraction: refaults, reclaim and stalls only count when
    /// memory is short (a group full of clean page cache refaults and stalls but is not near OOM).
    public var thrashGateHeadroomFraction = 0.30
    /// Refaults or major faults (whichever is higher), bytes per second over total bytes.
    public var faultsTimeConstantSeconds = 1.0
    public var faultsHalfSaturation = 0.05
    public var faultsWeight = 3.0
    /// Pages scanned by reclaim plus cgroup limit hits, per second over total pages.
    public var reclaimTimeConstantSeconds = 0.25
    public var reclaimHalfSaturation = 0.05
    public var reclaimWeight = 6.0
    /// Memory PSI `full` share of wall time.
    public var stallTimeConstantSeconds = 1.0
    public var stallHalfSaturation = 0.10
    public var stallWeight = 3.0
    /// Misspelt keys and values of the wrong type, at the JSON path the decoder saw.
    public private(set) var decodingIssues: [ConfigIssue] = []

    public init() {}
}

extension PredictorWeights: Codable, LenientDecodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case bias
        case headroomReferenceFraction = "headroom_reference_fraction"
        case deficitWeight = "deficit_weight"
        case shortFillWindowSeconds = "short_fill_window_seconds"
        case shortFillHorizonSeconds = "short_fill_horizon_seconds"
        case longFillWindowSeconds = "long_fill_window_seconds"
        case longFillHorizonSeconds = "long_fill_horizon_seconds"
        case exhaustionReferenceFraction = "exhaustion_reference_fraction"
        case exhaustionWeight = "exhaustion_weight"
        case thrashGateHeadroomFraction = "thrash_gate_headroom_fraction"
        case faultsTimeConstantSeconds = "faults_time_constant_seconds"
        case faultsHalfSaturation = "faults_half_saturation"
        case faultsWeight = "faults_weight"
        case reclaimTimeConstantSeconds = "reclaim_time_constant_seconds"
        case reclaimHalfSaturation = "reclaim_half_saturation"
        case reclaimWeight = "reclaim_weight"
        case stallTimeConstantSeconds = "stall_time_constant_seconds"
        case stallHalfSaturation = "stall_half_saturation"
        case stallWeight = "stall_weight"
    }

    /// Computed (not stored): decoding and validation only, never the hot path.
    static var keyPaths: [(CodingKeys, WritableKeyPath<PredictorWeights, Double>)] {
        [
            (.bias, \.bias),
            (.headroomReferenceFraction, \.headroomReferenceFraction),
            (.deficitWeight, \.deficitWeight),
            (.shortFillWindowSeconds, \.shortFillWindowSeconds),
            (.shortFillHorizonSeconds, \.shortFillHorizonSeconds),
            (.longFillWindowSeconds, \.longFillWindowSeconds),
            (.longFillHorizonSeconds, \.longFillHorizonSeconds),
            (.exhaustionReferenceFraction, \.exhaustionReferenceFraction),
            (.exhaustionWeight, \.exhaustionWeight),
            (.thrashGateHeadroomFraction, \.thrashGateHeadroomFraction),
            (.faultsTimeConstantSeconds, \.faultsTimeConstantSeconds),
            (.faultsHalfSaturation, \.faultsHalfSaturation),
            (.faultsWeight, \.faultsWeight),
            (.reclaimTimeConstantSeconds, \.reclaimTimeConstantSeconds),
            (.reclaimHalfSaturation, \.reclaimHalfSaturation),
            (.reclaimWeight, \.reclaimWeight),
            (.stallTimeConstantSeconds, \.stallTimeConstantSeconds),
            (.stallHalfSaturation, \.stallHalfSaturation),
            (.stallWeight, \.stallWeight),
        ]
    }

    /// Every key is optional: an absent one keeps its default; an unknown one is an issue.
    public init(from decoder: any Decoder) {
        self.init()
        var object = LenientObject<CodingKeys>(decoder)
        for (key, path) in Self.keyPaths {
            if let value: Double = object.optional(key) { self[keyPath: path] = value }
        }
        decodingIssues = object.issues
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, path) in Self.keyPaths { try container.encode(self[keyPath: path], forKey: key) }
    }

    /// Problems with these numbers, each named by its JSON path under `path`.
    func problems(at path: String) -> [ConfigIssue] {
        var found: [ConfigIssue] = []
        for (key, keyPath) in Self.keyPaths {
            let value = self[keyPath: keyPath]
            let valuePath = path + "." + key.rawValue
            if !value.isFinite {
                found.append(ConfigIssue(path: valuePath, "must be a finite number"))
            } else if key == .bias {
                continue
            } else if key.mustBePositive && value <= 0 {
                found.append(ConfigIssue(path: valuePath, "must be greater than 0"))
            } else if value < 0 {
                found.append(ConfigIssue(path: valuePath, "must not be negative: more pressure must never lower it"))
            }
        }
        return found
    }
}

extension PredictorWeights.CodingKeys {
    /// Scales and time constants divide: zero would be meaningless. Weights and horizons may be 0
    /// (a feature switched off) but never negative.
    var mustBePositive: Bool {
        switch self {
        case .headroomReferenceFraction, .shortFillWindowSeconds, .longFillWindowSeconds,
            .exhaustionReferenceFraction, .thrashGateHeadroomFraction, .faultsTimeConstantSeconds,
            .faultsHalfSaturation, .reclaimTimeConstantSeconds, .reclaimHalfSaturation,
            .stallTimeConstantSeconds, .stallHalfSaturation:
            true
        default:
            false
        }
    }
}

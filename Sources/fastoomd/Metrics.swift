import Predictor

/// The values `MetricsText` renders: the last assessment of each target and the kills so far.
/// The daemon adds its targets once and updates them every tick; updating allocates nothing,
/// because each target's label is escaped once, when it is added.
struct Metrics: Sendable, Equatable {
    struct Target: Sendable, Equatable {
        /// `node` or a cgroup path, escaped for a label value.
        let label: [UInt8]
        var availableBytes: UInt64 = 0
        var probability = 0.0
        var state = AssessmentState.ok
        var timeToExhaustionSeconds = Double.infinity
        /// Wall-clock time of the last kill in this target, Unix milliseconds.
        var lastKillWallMs: Int64?
    }

    /// The kills of one target for one reason (the state that triggered them: `near_oom`).
    struct KillCount: Sendable, Equatable {
        let target: Int
        let reason: [UInt8]
        var count: UInt64
    }

    private(set) var targets: [Target] = []
    private(set) var kills: [KillCount] = []

    /// Adds a target and returns the index that `update` and `countKill` take.
    mutating func addTarget(_ name: String) -> Int {
        targets.append(Target(label: MetricsText.escapedLabelValue(name)))
        return targets.count - 1
    }

    mutating func update(
        _ target: Int, availableBytes: UInt64, assessment: Assessment, timeToExhaustionSeconds: Double
    ) {
        targets[target].availableBytes = availableBytes
        targets[target].probability = assessment.probability
        targets[target].state = assessment.state
        targets[target].timeToExhaustionSeconds = timeToExhaustionSeconds
    }

    /// Counts one kill in `target` (a rare event: this may allocate).
    mutating func countKill(_ target: Int, reason: String, wallMs: Int64) {
        targets[target].lastKillWallMs = wallMs
        let label = MetricsText.escapedLabelValue(reason)
        if let index = kills.firstIndex(where: { $0.target == target && $0.reason == label }) {
            kills[index].count += 1
        } else {
            kills.append(KillCount(target: target, reason: label, count: 1))
        }
    }
}

import KillPolicy
import MemSense
import Predictor

/// One thing the daemon watches, the node or one memory cgroup, with its own predictor (and so
/// its own preset and history) and what it has already reported, so that a lasting condition is
/// logged once, not once per tick.
struct DaemonTarget {
    /// `node`, or the cgroup's hierarchy path: the `target` of its events.
    let name: String
    /// Nil for the node.
    let location: CgroupLocation?
    let sampler: CgroupSampler?
    let preset: PredictorConfig.Preset
    var predictor: Predictor
    /// A discovered pod: where it is in Kubernetes and the rule it falls under, whose policy
    /// (protect and prefer lists, granularity) replaces the configuration's for this target.
    let pod: PodIndex.Placement?
    /// Replaced on reload, with the rule's new policy, while the history is kept.
    var rule: PodRule?
    var state: AssessmentState = .ok
    /// The last sampling problem reported; cleared by a good sample.
    var reportedProblem: String?
    /// Within one episode in an acting state: whether anything was killed (or would have been),
    /// the dry-run victim already reported, and the last failure reported (no victim, budget).
    var hasActed = false
    var dryRunVictim: ProcessIdentity?
    var reportedFailure: String?
    /// Since when the target has been critical without a break; what lifts the protection of
    /// a `fastoomd protect --max-stall` process.
    private(set) var criticalSinceMs: Int64?
    /// A group's usage and limit at the last full tick, against which a calm tick checks it;
    /// nil for the node, and for a group whose last sample failed.
    var calmBaseline: CalmGate.GroupBaseline?
    /// The available memory of the previous tick, for the time left at the current fill rate.
    private var previous: (tMs: Int64, availableBytes: UInt64)?

    init(location: CgroupLocation?, source: any FileSource, config: PredictorConfig, preset: PredictorConfig.Preset) {
        name = location?.path ?? "node"
        self.location = location
        sampler = location.map { CgroupSampler(source: source, directory: $0.directory, version: $0.version) }
        self.preset = preset
        predictor = Predictor(config: config, preset: preset)
        pod = nil
        rule = nil
    }

    /// A discovered pod, watched with its rule's preset and thresholds.
    init(
        pod location: CgroupLocation, placement: PodIndex.Placement, rule: PodRule, source: any FileSource,
        config: PredictorConfig
    ) {
        name = location.path
        self.location = location
        sampler = CgroupSampler(source: source, directory: location.directory, version: location.version)
        preset = rule.preset
        var ruled = config
        switch rule.preset {
        case .low: ruled.low = rule.thresholds
        case .medium: ruled.medium = rule.thresholds
        case .high: ruled.high = rule.thresholds
        }
        predictor = Predictor(config: ruled, preset: rule.preset)
        pod = placement
        self.rule = rule
    }

    /// An event about this target, naming its cgroup and, for a pod, its pod and namespace.
    func event(_ kind: Event.Kind, wallMs: Int64, tMs: Int64, message: String? = nil) -> Event {
        var event = Event(kind, wallMs: wallMs, tMs: tMs, target: name, message: message)
        event.targetCgroup = location?.path
        event.targetPod = pod?.pod
        event.targetNamespace = pod?.namespace
        event.targetContainer = pod?.container
        return event
    }

    /// Whether the target calls for a kill: an acting state whose probability is still above the
    /// level that state is left at. After a kill the state is held for its minimum dwell while the
    /// probability has already fallen; that hold must not cost a second victim.
    func mustAct(_ assessment: Assessment) -> Bool {
        assessment.state.isActing && assessment.probability >= predictor.thresholds.nearOOMLeaveProbability
    }

    /// A quarter of the time until the target's available memory runs out, at the rate it fell
    /// since the previous tick; nil while it is not falling. The next tick comes no later than
    /// this, so a fast fill is looked at several times before the end whatever the probability
    /// says: a 256 MiB group filling at 80 MiB/s is gone between two ticks of a healthy second.
    mutating func quarterTimeToExhaustionMs(_ sample: Sample) -> Int64? {
        defer { previous = (sample.tMs, sample.availableBytes) }
        guard let previous, sample.tMs > previous.tMs, sample.availableBytes < previous.availableBytes else {
            return nil
        }
        let fallBytes = Double(previous.availableBytes - sample.availableBytes)
        let leftMs = Double(sample.availableBytes) / fallBytes * Double(sample.tMs - previous.tMs)
        return Int64(min(leftMs / 4, Double(Int64.max / 2)))
    }

    /// Forgets the episode once the target is out of the acting states.
    mutating func endEpisode() {
        hasActed = false
        dryRunVictim = nil
        reportedFailure = nil
    }

    /// Keeps `criticalSinceMs` up to date with this tick's state.
    mutating func noteCritical(_ state: AssessmentState, atMs tMs: Int64) {
        if state != .critical {
            criticalSinceMs = nil
        } else if criticalSinceMs == nil {
            criticalSinceMs = tMs
        }
    }
}

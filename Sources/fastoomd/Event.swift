/// One line of the event log. The daemon writes these and `fastoomd events` reads them back
/// with the same type, so the two can never disagree on a key.
///
/// Keys are snake_case with units in their names; an event carries only the parts that
/// belong to its kind, and absent parts are left out of the line.
struct Event: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        case started, stateChanged = "state_changed", kill, wouldKill = "would_kill"
        case killFailed = "kill_failed", recovered, configReloaded = "config_reloaded", error, stopped
        case recycled
        case oomScoreAdjSet = "oom_score_adj_set"
    }

    var kind: Kind
    /// Wall-clock time, milliseconds since the Unix epoch (for humans and `--since`).
    var wallMs: Int64
    /// Monotonic time of the daemon, milliseconds (for ordering and intervals).
    var tMs: Int64
    /// Which target the event is about: `node` or a cgroup path.
    var target: String?
    /// Where the target is, for a cgroup target: its cgroup path, and for a pod its pod and
    /// namespace (a container target also its container).
    var targetCgroup: String?
    var targetPod: String?
    var targetNamespace: String?
    var targetContainer: String?
    var dryRun: Bool?
    var message: String?
    var errors: [String]?
    var trigger: Trigger?
    var candidates: [Candidate]?
    var victim: Victim?
    var signal: String?
    var exitMs: Int64?
    var freedBytes: Int64?
    var recycling: Recycling?
    /// The process an `oom_score_adj_set` event is about (the same fields as a victim), with the
    /// value it had and the value a rule gave it.
    var process: Victim?
    var oldOOMScoreAdj: Int32?
    var newOOMScoreAdj: Int32?

    /// Why the daemon acted: the assessment and the sample values behind it.
    struct Trigger: Codable, Equatable, Sendable {
        var state: String
        var previousState: String?
        var probability: Double
        var reasons: [String]
        var availableBytes: UInt64
        var totalBytes: UInt64
        var memorySomeStallShare: Double?
        var memoryFullStallShare: Double?

        enum CodingKeys: String, CodingKey {
            case state, probability, reasons
            case previousState = "previous_state"
            case availableBytes = "available_bytes"
            case totalBytes = "total_bytes"
            case memorySomeStallShare = "memory_some_stall_share"
            case memoryFullStallShare = "memory_full_stall_share"
        }
    }

    /// One entry of the head of the ranking at the time of the decision.
    struct Candidate: Codable, Equatable, Sendable {
        var pid: Int32
        var comm: String
        var score: Double
        var freeableBytes: UInt64
        var reasons: [String]

        enum CodingKeys: String, CodingKey {
            case pid, comm, score, reasons
            case freeableBytes = "freeable_bytes"
        }
    }

    /// The process that was (or would have been) killed.
    struct Victim: Codable, Equatable, Sendable {
        var pid: Int32
        var startTimeTicks: UInt64
        var comm: String
        var cmdline: [String]
        var cgroup: String
        /// The pod, namespace and container the victim's cgroup belongs to, when it is in a pod.
        var pod: String?
        var namespace: String?
        var container: String?
        var uid: UInt32
        var rssBytes: UInt64
        var freeableBytes: UInt64
        var oomScore: Int32
        var oomScoreAdj: Int32

        enum CodingKeys: String, CodingKey {
            case pid, comm, cmdline, cgroup, uid, pod, namespace, container
            case startTimeTicks = "start_time_ticks"
            case rssBytes = "rss_bytes"
            case freeableBytes = "freeable_bytes"
            case oomScore = "oom_score"
            case oomScoreAdj = "oom_score_adj"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind = "event"
        case wallMs = "wall_ms"
        case tMs = "t_ms"
        case target, message, errors, trigger, candidates, victim, signal, recycling, process
        case dryRun = "dry_run"
        case exitMs = "exit_ms"
        case freedBytes = "freed_bytes"
        case targetCgroup = "target_cgroup"
        case targetPod = "target_pod"
        case targetNamespace = "target_namespace"
        case targetContainer = "target_container"
        case oldOOMScoreAdj = "old_oom_score_adj"
        case newOOMScoreAdj = "new_oom_score_adj"
    }

    init(_ kind: Kind, wallMs: Int64, tMs: Int64, target: String? = nil, message: String? = nil) {
        self.kind = kind
        self.wallMs = wallMs
        self.tMs = tMs
        self.target = target
        self.message = message
    }
}

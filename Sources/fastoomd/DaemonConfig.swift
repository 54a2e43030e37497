import KillPolicy
import LinuxSys
import MemSense
import Predictor

/// The `daemon` section of the configuration: what `fastoomd run` watches and how often it looks.
/// Every key may be left out; a bad value or an unknown key is listed with its JSON path.
///
///     "daemon": {"watch_node": true, "targets": [{"cgroup": "/kubepods", "preset": "high"}],
///                "min_interval_ms": 20, "max_interval_ms": 1000, "psi_stall_ms": 100, "psi_window_ms": 2000}
struct DaemonConfig: Decodable, Equatable, Sendable {
    /// One memory cgroup to watch: a directory under /sys/fs/cgroup or a hierarchy path such as
    /// `/kubepods/pod1` (see `CgroupLocation.named`), with its own preset if it needs one.
    struct Target: Decodable, Equatable, Sendable {
        var cgroup: String
        /// Nil: the predictor section's preset.
        var preset: PredictorConfig.Preset?
        var comment: String?
        var decodingIssues: [ConfigIssue] = []

        enum CodingKeys: String, CodingKey, CaseIterable {
            case cgroup, preset, comment
        }

        init(cgroup: String, preset: PredictorConfig.Preset? = nil) {
            self.cgroup = cgroup
            self.preset = preset
        }

        init(from decoder: any Decoder) {
            var object = LenientObject<CodingKeys>(decoder)
            cgroup = object.required(.cgroup, default: "", hint: "the cgroup's directory or hierarchy path")
            preset = object.optional(.preset)
            comment = object.optional(.comment)
            decodingIssues = object.issues
        }
    }

    var comment: String?
    /// Whether the whole node is a target (with every process of the node as a candidate).
    var watchNode = true
    /// The node's preset; nil: the predictor section's preset.
    var nodePreset: PredictorConfig.Preset?
    var targets: [Target] = []
    /// The bounds of the adaptive tick interval: the loop looks every `maxIntervalMs` while
    /// memory is plentiful and every `minIntervalMs` near the edge.
    var minIntervalMs: Int64 = 20
    var maxIntervalMs: Int64 = 1000
    /// The PSI trigger that wakes the loop early: `some` stall of `psiStallMs` within any
    /// `psiWindowMs`. The kernel takes windows of 500 ms to 10 s, and without CAP_SYS_RESOURCE
    /// only whole multiples of 2 s, hence the default.
    var psiStallMs: Int64 = 100
    var psiWindowMs: Int64 = 2000
    /// The Prometheus textfile to keep up to date (`--metrics` overrides it); nil: none.
    var metricsPath: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment, targets
        case watchNode = "watch_node"
        case nodePreset = "node_preset"
        case minIntervalMs = "min_interval_ms"
        case maxIntervalMs = "max_interval_ms"
        case psiStallMs = "psi_stall_ms"
        case psiWindowMs = "psi_window_ms"
        case metricsPath = "metrics_path"
    }

    init() {}

    init(from decoder: any Decoder) {
        let defaults = Self()
        var object = LenientObject<CodingKeys>(decoder)
        comment = object.optional(.comment)
        watchNode = object.value(.watchNode, default: defaults.watchNode)
        nodePreset = object.optional(.nodePreset)
        targets = object.value(.targets, default: defaults.targets)
        minIntervalMs = object.value(.minIntervalMs, default: defaults.minIntervalMs)
        maxIntervalMs = object.value(.maxIntervalMs, default: defaults.maxIntervalMs)
        psiStallMs = object.value(.psiStallMs, default: defaults.psiStallMs)
        psiWindowMs = object.value(.psiWindowMs, default: defaults.psiWindowMs)
        metricsPath = object.optional(.metricsPath)
        decodingIssues = object.issues + targets.flatMap(\.decodingIssues)
    }

    /// Every problem of the section (decoding and values), each at its JSON path under `path`.
    func issues(at path: String) -> [ConfigIssue] {
        var issues = decodingIssues
        if !(1...60_000).contains(minIntervalMs) {
            issues.append(ConfigIssue(path: path + ".min_interval_ms", "\(minIntervalMs) must be in 1...60000"))
        }
        if !(minIntervalMs...60_000).contains(maxIntervalMs) {
            issues.append(
                ConfigIssue(path: path + ".max_interval_ms", "\(maxIntervalMs) must be in min_interval_ms...60000"))
        }
        let windowRangeMs =
            Int64(PSITrigger.windowRangeUs.lowerBound / 1000)...Int64(PSITrigger.windowRangeUs.upperBound / 1000)
        if !windowRangeMs.contains(psiWindowMs) {
            issues.append(ConfigIssue(path: path + ".psi_window_ms", "\(psiWindowMs) must be in 500...10000"))
        }
        if !(1...max(1, psiWindowMs)).contains(psiStallMs) {
            issues.append(ConfigIssue(path: path + ".psi_stall_ms", "\(psiStallMs) must be in 1...psi_window_ms"))
        }
        if let metricsPath, !metricsPath.hasPrefix("/") {
            issues.append(ConfigIssue(path: path + ".metrics_path", "\"\(metricsPath)\" is not an absolute path"))
        }
        for (index, target) in targets.enumerated() where target.cgroup.isEmpty && target.decodingIssues.isEmpty {
            issues.append(ConfigIssue(path: path + ".targets[\(index)].cgroup", "must name a cgroup"))
        }
        return issues
    }
}

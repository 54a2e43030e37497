import KillPolicy
import MemSense
import Predictor

/// A `pods` rule compiled at load: its regex, its predictor thresholds, and its kill policy,
/// the `kill_policy` section with the rule's protect and prefer lists added and its granularity.
///
/// Not `Sendable`: the regex holds a C pointer; rules live on the daemon's single thread.
struct PodRule {
    let name: String
    let namespace: String?
    let podName: POSIXRegex?
    let preset: PredictorConfig.Preset
    let thresholds: PresetThresholds
    let policy: Policy

    /// Compiles `config`, read at JSON path `path`, appending its problems to `issues`; nil when
    /// it has any.
    init?(
        _ config: PodRuleConfig, at path: String, predictor: PredictorConfig, killPolicy: KillPolicyConfig,
        issues: inout [ConfigIssue]
    ) {
        let before = issues.count
        issues += config.decodingIssues
        if config.name.isEmpty && config.decodingIssues.isEmpty {
            issues.append(ConfigIssue(path: path + ".name", "a rule needs a name"))
        }
        let regex = config.podNameRegex.flatMap { POSIXRegex($0, at: path + ".pod_name_regex", issues: &issues) }
        preset = config.preset ?? predictor.preset
        var thresholds = predictor.thresholds(of: preset)
        if !config.thresholds.isEmpty {
            let (overridden, problems) = thresholds.overriding(config.thresholds, at: path + ".thresholds")
            thresholds = overridden
            issues += problems
        }
        do throws(KillPolicyError) {
            _ = try Policy(validating: KillPolicyConfig(protect: config.protect, prefer: config.prefer), at: path)
        } catch {
            if case .invalidConfig(let problems) = error { issues += problems }
        }
        var merged = killPolicy
        merged.protect += config.protect
        merged.prefer += config.prefer
        if let granularity = config.granularity {
            merged.kill.granularity = granularity.killGranularity
            merged.kill.targets = []
        }
        guard issues.count == before, let policy = try? Policy(validating: merged) else { return nil }
        name = config.name
        namespace = config.namespace
        podName = regex
        self.thresholds = thresholds
        self.policy = policy
    }
}

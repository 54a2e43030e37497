import KillPolicy
import MemSense
import Predictor

/// The `pods` section of the configuration: when present, `fastoomd run` watches every pod it
/// finds in the memory hierarchy (under `cgroup_root`), each under the first rule that matches
/// it, or the default rule. Every problem is listed with its JSON path.
///
///     "pods": {"cgroup_root": "/kubepods",
///              "rules": [{"name": "batch-jobs", "namespace": "batch", "preset": "high"}],
///              "default": {"name": "others", "preset": "medium"}}
struct PodsConfig: Decodable, Equatable {
    var rules: [PodRuleConfig] = []
    /// Takes every pod no rule took; a namespace or regex on it is an error.
    var `default` = PodRuleConfig(name: "default")
    /// Where pods are looked for, a hierarchy path (`/kubepods`); nil: the whole memory hierarchy.
    var cgroupRoot: String?
    var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rules, `default`, comment
        case cgroupRoot = "cgroup_root"
    }

    init() {}

    init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        rules = object.value(.rules, default: [])
        `default` = object.value(.default, default: PodRuleConfig(name: "default"))
        cgroupRoot = object.optional(.cgroupRoot)
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    /// The rules compiled over the `predictor` and `kill_policy` sections, with every problem of
    /// the section at its JSON path under `path` (nil rules when there is any).
    func compiled(at path: String, predictor: PredictorConfig, killPolicy: KillPolicyConfig) -> (
        PodRules?, [ConfigIssue]
    ) {
        var issues = decodingIssues
        var compiled: [PodRule] = []
        var names: Set<String> = []
        for (index, rule) in rules.enumerated() {
            let rulePath = "\(path).rules[\(index)]"
            if !rule.name.isEmpty, !names.insert(rule.name).inserted {
                issues.append(ConfigIssue(path: rulePath + ".name", "\"\(rule.name)\" names two rules"))
            }
            if let made = PodRule(rule, at: rulePath, predictor: predictor, killPolicy: killPolicy, issues: &issues) {
                compiled.append(made)
            }
        }
        if `default`.namespace != nil || `default`.podNameRegex != nil {
            issues.append(
                ConfigIssue(path: path + ".default", "the default rule matches every pod: no namespace or regex"))
        }
        let fallback = PodRule(
            `default`, at: path + ".default", predictor: predictor, killPolicy: killPolicy, issues: &issues)
        if let cgroupRoot, !cgroupRoot.hasPrefix("/") {
            issues.append(ConfigIssue(path: path + ".cgroup_root", "\"\(cgroupRoot)\" does not start with /"))
        }
        guard issues.isEmpty, let fallback else { return (nil, issues) }
        return (PodRules(rules: compiled, default: fallback, cgroupRoot: cgroupRoot), issues)
    }
}

/// The `pods` section of the configuration: rules tried in order, and the rule for every other
/// pod.
///
///     "pods": {"rules": [{"name": "batch-jobs", "namespace": "batch", "preset": "high"}],
///              "default": {"name": "default", "preset": "medium"}}
public struct PodRulesConfig: Codable, Sendable, Equatable {
    public var rules: [PodRule]
    /// Matches every pod no rule matched; its namespace and regex, if written, are an error.
    public var `default`: PodRule
    public var comment: String?

    public init(rules: [PodRule] = [], default: PodRule = PodRule(name: "default"), comment: String? = nil) {
        self.rules = rules
        self.default = `default`
        self.comment = comment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decodeIfPresent([PodRule].self, forKey: .rules) ?? []
        `default` = try container.decodeIfPresent(PodRule.self, forKey: .default) ?? PodRule(name: "default")
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    /// The rules compiled, or every problem at its JSON path under `path`. `presets` and
    /// `granularities` are the names the Predictor and KillPolicy know; `thresholdKeys` the
    /// threshold keys a rule may override.
    public func validated(
        at path: String = "pods", presets: Set<String>, granularities: Set<String>, thresholdKeys: Set<String>
    ) -> Result<PodRules, PodRulesConfigErrors> {
        var problems: [MemSenseError] = []
        var compiled: [PodRules.Compiled] = []
        var names: Set<String> = []
        for (index, rule) in rules.enumerated() {
            let rulePath = "\(path).rules[\(index)]"
            if !names.insert(rule.name).inserted {
                problems.append(.invalidConfig(path: rulePath + ".name", reason: "\"\(rule.name)\" names two rules"))
            }
            problems += Self.references(of: rule, at: rulePath, presets, granularities, thresholdKeys)
            if let regex = rule.podNameRegex {
                do {
                    compiled.append(PodRules.Compiled(rule: rule, podName: try Regex(regex)))
                } catch {
                    problems.append(
                        .invalidConfig(path: rulePath + ".pod_name_regex", reason: "invalid regex: \(error)"))
                }
            } else {
                compiled.append(PodRules.Compiled(rule: rule, podName: nil))
            }
        }
        problems += Self.references(of: `default`, at: path + ".default", presets, granularities, thresholdKeys)
        if `default`.namespace != nil || `default`.podNameRegex != nil {
            problems.append(
                .invalidConfig(
                    path: path + ".default", reason: "the default rule matches every pod: no namespace or regex"))
        }
        guard problems.isEmpty else { return .failure(PodRulesConfigErrors(problems: problems)) }
        return .success(PodRules(rules: compiled, default: `default`))
    }

    private static func references(
        of rule: PodRule, at path: String, _ presets: Set<String>, _ granularities: Set<String>,
        _ thresholdKeys: Set<String>
    ) -> [MemSenseError] {
        var problems: [MemSenseError] = []
        if rule.name.isEmpty { problems.append(.invalidConfig(path: path + ".name", reason: "a rule needs a name")) }
        if rule.protect && rule.prefer {
            problems.append(.invalidConfig(path: path + ".prefer", reason: "a rule cannot both protect and prefer"))
        }
        if let preset = rule.preset, !presets.contains(preset) {
            problems.append(
                .invalidConfig(
                    path: path + ".preset", reason: "unknown preset \"\(preset)\" (known: \(known(presets)))"))
        }
        if let granularity = rule.granularity, !granularities.contains(granularity) {
            problems.append(
                .invalidConfig(
                    path: path + ".granularity",
                    reason: "unknown granularity \"\(granularity)\" (known: \(known(granularities)))"))
        }
        for key in (rule.thresholds ?? [:]).keys.sorted() where !thresholdKeys.contains(key) {
            problems.append(
                .invalidConfig(
                    path: path + ".thresholds.\(key)", reason: "unknown threshold (known: \(known(thresholdKeys)))"))
        }
        return problems
    }

    private static func known(_ names: Set<String>) -> String { names.sorted().joined(separator: ", ") }
}

/// Every problem of a `pods` section.
public struct PodRulesConfigErrors: Error, Sendable, Equatable {
    public let problems: [MemSenseError]
}

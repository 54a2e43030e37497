/// The `pods` rules compiled once at load: which rule a pod falls under.
///
/// Not `Sendable`: the standard library does not declare `Regex` so; rules live on the daemon's
/// single thread.
public struct PodRules {
    struct Compiled {
        let rule: PodRule
        let podName: Regex<AnyRegexOutput>?
    }

    private let rules: [Compiled]
    public let `default`: PodRule

    init(rules: [Compiled], default: PodRule) {
        self.rules = rules
        self.default = `default`
    }

    /// The first rule whose namespace and pod name regex match, else the default rule. A pod
    /// whose name is unknown (no runtime metadata) matches only rules that ask for neither.
    public func rule(podName: String?, namespace: String?) -> PodRule {
        for compiled in rules {
            if let wanted = compiled.rule.namespace, wanted != namespace { continue }
            if let regex = compiled.podName {
                guard let podName, podName.contains(regex) else { continue }
            }
            return compiled.rule
        }
        return `default`
    }

    /// The rule of a pod or container target; nil for the node and plain cgroups.
    public func rule(for target: DiscoveredTarget) -> PodRule? {
        guard target.kind == .pod || target.podUID != nil || target.podName != nil else { return nil }
        return rule(podName: target.podName, namespace: target.podNamespace)
    }
}

import MemSense

/// The compiled `pods` section: which rule a pod falls under, and where pods are looked for.
struct PodRules {
    let rules: [PodRule]
    let `default`: PodRule
    /// A hierarchy path; nil: the whole memory hierarchy.
    let cgroupRoot: String?

    /// The first rule whose namespace and pod name regex match, else the default rule. A pod
    /// whose name is unknown (no runtime metadata) matches only rules that ask for neither.
    func rule(podName: String?, namespace: String?) -> PodRule {
        for rule in rules {
            if let wanted = rule.namespace, wanted != namespace { continue }
            if let regex = rule.podName {
                guard let podName, regex.occurs(in: podName) else { continue }
            }
            return rule
        }
        return `default`
    }

    /// The rule of a pod or container target; nil for the node and plain cgroups.
    func rule(for target: DiscoveredTarget) -> PodRule? {
        guard target.kind == .pod || target.podUID != nil || target.podName != nil else { return nil }
        return rule(podName: target.podName, namespace: target.podNamespace)
    }
}

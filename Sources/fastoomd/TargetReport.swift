import MemSense

/// One target as `fastoomd targets --json` prints it (one JSON line each), and its table row.
struct TargetReport: Encodable, Equatable {
    var kind: String
    var name: String
    /// The hierarchy path of its memory cgroup; nil for the node.
    var cgroup: String?
    var cgroupVersion: String?
    var podUid: String?
    var podName: String?
    var podNamespace: String?
    var containerId: String?
    var containerName: String?
    var sandbox: Bool?
    var limitBytes: UInt64?
    var usageBytes: UInt64?
    /// The node only.
    var availableBytes: UInt64?
    /// Why it is watched: `node`, `self` (this process's cgroup), `--cgroup`, the pod rule, or
    /// `discovered` for a container outside any pod.
    var rule: String

    init(_ target: DiscoveredTarget, rule: String) {
        kind = target.kind.rawValue
        name = target.name
        cgroup = target.location?.path
        cgroupVersion = target.location?.version.rawValue
        podUid = target.podUID
        podName = target.podName
        podNamespace = target.podNamespace
        containerId = target.containerID
        containerName = target.containerName
        sandbox = target.isSandbox ? true : nil
        limitBytes = target.limitBytes
        usageBytes = target.usageBytes
        if target.kind == .node, let limitBytes, let usageBytes { availableBytes = limitBytes - usageBytes }
        self.rule = rule
    }

    /// The table printed without `--json`, one row per target under a header.
    static func table(_ reports: [TargetReport]) -> String {
        let header = ["KIND", "NAME", "LIMIT", "USAGE", "RULE", "CGROUP"]
        let rows = reports.map { report in
            [
                report.kind, report.name, report.limitBytes.map(Bytes.readable) ?? "none",
                report.usageBytes.map(Bytes.readable) ?? "-", report.rule, report.cgroup ?? "-",
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column] + String(repeating: " ", count: widths[column] - row[column].count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

import MemSense

/// Where the signals of one kill go besides the victim's own handle.
public enum KillTarget: Equatable, Sendable {
    case process
    case processGroup(Int32)
    case cgroup(String)

    /// The victim's process group or cgroup when `granularity` asks for it and nothing in it
    /// must be spared; otherwise the victim alone, with why. `excluded` must list the
    /// processes of the victim's group (the ranking of a table that holds them).
    static func resolve(
        _ granularity: KillGranularity, victim: ProcessSnapshot, excluded: [Exclusion]
    ) -> (target: KillTarget, fallback: String?) {
        switch granularity {
        case .process:
            return (.process, nil)
        case .processGroup:
            let id = victim.processGroupID
            // kill(0, ...) and kill(-1, ...) would signal fastoomd's own group and every process.
            guard id > 1 else { return (.process, "process group \(id) cannot be signalled as a group") }
            if let spared = excluded.first(where: { $0.process.processGroupID == id && $0.reason.isSparedInGroupKills })
            {
                return (.process, "process group \(id) holds \(Self.name(spared))")
            }
            return (.processGroup(id), nil)
        case .cgroup:
            let path = victim.cgroupPath
            guard path != "/" && !path.isEmpty else { return (.process, "the root cgroup is never killed whole") }
            if let spared = excluded.first(where: { $0.process.cgroupPath == path && $0.reason.isSparedInGroupKills }) {
                return (.process, "cgroup \(path) holds \(Self.name(spared))")
            }
            return (.cgroup(path), nil)
        }
    }

    private static func name(_ exclusion: Exclusion) -> String {
        "\(exclusion.process.pid) (\(exclusion.process.comm), \(exclusion.reason))"
    }
}

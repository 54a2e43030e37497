/// Which cgroup interface a memory cgroup speaks: v1 (`memory.usage_in_bytes`...) or v2
/// (`memory.current`...).
public enum CgroupVersion: String, Sendable, Equatable, Codable {
    case v1
    case v2

    public var kind: TargetKind {
        switch self {
        case .v1: .cgroupV1
        case .v2: .cgroupV2
        }
    }
}

import MemSense

/// Why the daemon could not start: its configuration (a target that is not a memory cgroup is
/// one of its problems) or the node's files.
enum DaemonError: Error, Equatable, CustomStringConvertible {
    case configuration(ConfigurationError)
    case unreadable(MemSenseError)

    var description: String {
        switch self {
        case .configuration(let error): error.description
        case .unreadable(let error): error.description
        }
    }
}

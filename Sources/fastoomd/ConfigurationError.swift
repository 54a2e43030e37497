import MemSense

/// A configuration file that cannot be used: unreadable, or with problems, each named by its
/// JSON path (every problem of every section at once).
enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case unreadable(ReadError)
    case invalid(path: String, problems: [ConfigIssue])

    /// One line per problem: `FILE: kill_policy.protect[2].comm_regex: invalid regex ...`.
    var lines: [String] {
        switch self {
        case .unreadable(let error): [error.description]
        case .invalid(let path, let problems):
            problems.map { "\(path): \($0.path.isEmpty ? "" : $0.path + ": ")\($0.message)" }
        }
    }

    var description: String { lines.joined(separator: "\n") }
}

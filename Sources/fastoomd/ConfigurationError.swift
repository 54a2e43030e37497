import MemSense

/// A configuration file that cannot be used: unreadable, or with problems, each named by its
/// JSON path (every problem of every section at once).
enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case unreadable(ReadError)
    case invalid(path: String, problems: [ConfigIssue])

    /// One line per problem: `FILE: predictor.medium.near_oom_probabilty: unknown key (known: ...)`.
    var description: String {
        switch self {
        case .unreadable(let error): error.description
        case .invalid(let path, let problems):
            problems.map { "\(path): \($0.path.isEmpty ? "" : $0.path + ": ")\($0.message)" }
                .joined(separator: "\n")
        }
    }
}

import MemSense
import Predictor

/// A configuration file that cannot be used: unreadable, or with problems, each named by its
/// JSON path (every validation problem at once; a decoding failure stops at the first).
enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case unreadable(ReadError)
    case invalid(path: String, problems: [PredictorConfigError])

    var description: String {
        switch self {
        case .unreadable(let error): error.description
        case .invalid(let path, let problems):
            problems.map { "\(path): \($0.path.isEmpty ? "" : $0.path + ": ")\(reason(of: $0))" }
                .joined(separator: "\n")
        }
    }

    private func reason(of problem: PredictorConfigError) -> String {
        switch problem {
        case .invalid(_, let reason): reason
        }
    }
}

/// A bad value in the predictor's section of the configuration, named by its JSON path
/// (`predictor.medium.warn_probability`). Validation lists every one, not just the first.
public enum PredictorConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(path: String, reason: String)

    public var path: String {
        switch self {
        case .invalid(let path, _): path
        }
    }

    public var description: String {
        switch self {
        case .invalid(let path, let reason): "\(path): \(reason)"
        }
    }
}

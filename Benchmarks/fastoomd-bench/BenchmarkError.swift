import MemSense

/// Why a benchmark could not run.
enum BenchmarkError: Error, CustomStringConvertible {
    case unreadable(path: String, errno: Int32)
    case sampling(MemSenseError)
    case usage(String)

    var description: String {
        switch self {
        case .unreadable(let path, let errno): "cannot open \(path): errno \(errno)"
        case .sampling(let error): "sampling failed: \(error)"
        case .usage(let message): message
        }
    }
}

/// Every error MemSense throws: a file that could not be read, or one whose text is not what
/// the kernel writes. Both name the file; a malformed one also names the line.
public enum MemSenseError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(ReadError)
    case malformed(path: String, line: Int, reason: String)
    /// A directory named as a memory cgroup that has neither v1 nor v2 memory files.
    case notAMemoryCgroup(path: String)

    public var description: String {
        switch self {
        case .unreadable(let error): error.description
        case .malformed(let path, let line, let reason): "\(path):\(line): \(reason)"
        case .notAMemoryCgroup(let path):
            "\(path): not a memory cgroup (neither memory.usage_in_bytes nor memory.current is there)"
        }
    }

    /// Whether the file's process or cgroup went away: an outcome, not a failure.
    public var isGone: Bool {
        if case .unreadable(let error) = self { return error.isGone }
        return false
    }
}

/// What a pure parser throws: the line (1-based; 0 for the file as a whole) and what is wrong.
/// Readers add the path and rethrow it as `MemSenseError.malformed`.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let reason: String

    public init(line: Int, _ reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }

    /// The same error with the file's path, as readers report it.
    public func at(_ path: String) -> MemSenseError {
        .malformed(path: path, line: line, reason: reason)
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Why a kernel file could not be read. Each case names the path (as given to the source,
/// e.g. `proc/1234/stat`), so that every message says what failed and where.
public enum ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// ENOENT: the file is absent (an old kernel, PSI disabled), or its process or cgroup is gone.
    case notFound(path: String)
    /// ESRCH: the process exited while its file was being read.
    case vanished(path: String)
    /// EACCES or EPERM.
    case permissionDenied(path: String)
    /// Any other errno.
    case failed(path: String, errno: Int32)
    /// The file grew past the size this reader accepts for it.
    case tooLarge(path: String, limitBytes: Int)

    /// Whether the file is simply not there (absent, or its process or cgroup went away),
    /// which callers treat as an outcome rather than a failure.
    public var isGone: Bool {
        switch self {
        case .notFound, .vanished: true
        case .permissionDenied, .failed, .tooLarge: false
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file"
        case .vanished(let path): "\(path): the process exited while it was read"
        case .permissionDenied(let path): "\(path): permission denied"
        case .failed(let path, let errno): "\(path): read failed (\(String(cString: strerror(errno))), errno \(errno))"
        case .tooLarge(let path, let limit): "\(path): larger than \(limit) bytes"
        }
    }
}

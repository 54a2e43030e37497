import LinuxSys
import MemSense

/// Why the real-kernel test rig could not set up or inspect what a test asked for.
public enum TestRigError: Error, Equatable, CustomStringConvertible {
    /// A request the rig refuses, such as a cgroup limit above 1 GiB.
    case refused(String)
    /// A system call of the rig failed.
    case failed(operation: String, errno: Errno)
    /// A LinuxSys call failed.
    case system(LinuxSysError)
    /// A kernel file could not be read.
    case unreadable(ReadError)
    /// A kernel file did not say what the rig needs.
    case unexpected(path: String, reason: String)

    public var description: String {
        switch self {
        case .refused(let reason): "refused: \(reason)"
        case .failed(let operation, let errno): "\(operation): \(errno)"
        case .system(let error): error.description
        case .unreadable(let error): error.description
        case .unexpected(let path, let reason): "\(path): \(reason)"
        }
    }
}

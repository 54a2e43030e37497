import MemSense

/// One call a `ProcessControl` received, as the dry-run and test conformers record it.
public enum ControlAction: Equatable, Sendable, CustomStringConvertible {
    case open(ProcessIdentity)
    case signal(KillSignal, ProcessIdentity)
    case signalProcessGroup(KillSignal, Int32)
    case signalCgroup(KillSignal, String)
    case releaseMemory(ProcessIdentity)
    case waitForExit(ProcessIdentity, timeoutMs: Int64)
    case close(ProcessIdentity)

    public var description: String {
        switch self {
        case .open(let identity): "open \(identity)"
        case .signal(let signal, let identity): "\(signal) \(identity)"
        case .signalProcessGroup(let signal, let id): "\(signal) process group \(id)"
        case .signalCgroup(let signal, let path): "\(signal) cgroup \(path)"
        case .releaseMemory(let identity): "release memory \(identity)"
        case .waitForExit(let identity, let timeoutMs): "wait \(timeoutMs) ms for \(identity)"
        case .close(let identity): "close \(identity)"
        }
    }
}

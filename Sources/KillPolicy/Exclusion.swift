import MemSense

/// A process that will not be killed, and why.
public struct Exclusion: Equatable, Sendable {
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        /// PID 1 of the node: its death panics the kernel.
        case nodeInit
        case kernelThread
        /// fastoomd itself.
        case ownProcess
        case zombie
        /// oom_score_adj -1000: the administrator told the kernel never to kill it.
        case oomKillDisabled
        /// PID 1 of a PID namespace (a container's init): its death kills the container.
        case namespaceInit
        /// Matched a `protect` rule (its summary).
        case protected(rule: String)
        /// Runs under `fastoomd protect`; with a max stall, until its target has been critical
        /// that long.
        case protectedByCommand(maxStallSeconds: UInt32?)

        public var description: String {
            switch self {
            case .nodeInit: "PID 1"
            case .kernelThread: "kernel thread"
            case .ownProcess: "fastoomd itself"
            case .zombie: "zombie"
            case .oomKillDisabled: "oom_score_adj -1000"
            case .namespaceInit: "init of its PID namespace"
            case .protected(let rule): "protect: \(rule)"
            case .protectedByCommand(let maxStall?): "fastoomd protect (until critical for \(maxStall)s)"
            case .protectedByCommand(nil): "fastoomd protect"
            }
        }

        /// Whether the process may not die as a bystander of a group or cgroup kill either.
        /// A namespace init in the victim's cgroup may: killing a container means killing it.
        var isSparedInGroupKills: Bool {
            switch self {
            case .nodeInit, .ownProcess, .oomKillDisabled, .protected, .protectedByCommand: true
            case .kernelThread, .zombie, .namespaceInit: false
            }
        }
    }

    public var process: ProcessSnapshot
    public var reason: Reason
}

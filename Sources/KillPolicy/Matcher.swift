import MemSense

/// One condition of a rule on one property of a process.
public enum Matcher {
    case comm(String)
    case commPattern(Pattern)
    case commandLinePattern(Pattern)
    case executable(String)
    case executablePattern(Pattern)
    case cgroupPrefix(String)
    case cgroupPattern(Pattern)
    case uid(UInt32)

    func matches(_ process: ProcessSnapshot) -> Bool {
        switch self {
        case .comm(let name): process.comm == name
        case .commPattern(let pattern): pattern.occurs(in: process.comm)
        case .commandLinePattern(let pattern): pattern.occurs(in: process.commandLine.joined(separator: " "))
        case .executable(let path): process.executablePath.map { $0 == path || $0 == path + " (deleted)" } ?? false
        case .executablePattern(let pattern): process.executablePath.map(pattern.occurs(in:)) ?? false
        case .cgroupPrefix(let prefix): process.cgroupPath.hasPrefix(prefix)
        case .cgroupPattern(let pattern): pattern.occurs(in: process.cgroupPath)
        case .uid(let uid): process.uid == uid
        }
    }

    /// The condition as a ranking reason shows it: `comm=sshd`, `cmdline~java .*kafka`.
    var summary: String {
        switch self {
        case .comm(let name): "comm=\(name)"
        case .commPattern(let pattern): "comm~\(pattern.source)"
        case .commandLinePattern(let pattern): "cmdline~\(pattern.source)"
        case .executable(let path): "exe=\(path)"
        case .executablePattern(let pattern): "exe~\(pattern.source)"
        case .cgroupPrefix(let prefix): "cgroup^=\(prefix)"
        case .cgroupPattern(let pattern): "cgroup~\(pattern.source)"
        case .uid(let uid): "uid=\(uid)"
        }
    }
}

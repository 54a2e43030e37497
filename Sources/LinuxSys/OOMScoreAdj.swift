/// Sets the oom_score_adj of `pid` (-1000...1000) by writing `<procRoot>/<pid>/oom_score_adj`.
///
/// Lowering it below the value the process started with needs `CAP_SYS_RESOURCE`; without it
/// the kernel answers EACCES, which is thrown as `.missingCapability` naming that capability.
public func setOOMScoreAdj(_ value: Int, pid: Int32, procRoot: String = "/proc") throws(LinuxSysError) {
    let path = "\(procRoot)/\(pid)/oom_score_adj"
    guard (-1000...1000).contains(value) else {
        throw .invalidArgument(operation: "write \(path)", reason: "oom_score_adj \(value) is not in -1000...1000")
    }
    do {
        try writeFile(path, "\(value)".utf8)
    } catch .failed(let operation, let errno) where errno == .permissionDenied {
        throw .missingCapability(operation: operation, capability: "CAP_SYS_RESOURCE", errno: errno)
    }
}

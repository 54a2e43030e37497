import Glibc

/// How `lockMemory()` locked the daemon's pages.
public enum MemoryLockMode: String, Sendable {
    /// Pages are locked as they are first touched (MCL_ONFAULT, Linux 4.4+), so that memory the
    /// daemon maps but never uses is not pinned.
    case onFault
    /// Every mapped page is locked at once: the fallback where MCL_ONFAULT is unknown (EINVAL).
    case allPages
}

/// Locks the daemon's memory in RAM, now and for future mappings, so that it is never paged out
/// when the node is short of memory, which is exactly when it must run.
/// The corresponding C function is `mlockall`.
public func lockMemory() throws(LinuxSysError) -> MemoryLockMode {
    do {
        _ = try valueOrErrno { system_mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) }
        return .onFault
    } catch .invalidArgument {
        _ = try checked("mlockall(MCL_CURRENT | MCL_FUTURE)") { system_mlockall(MCL_CURRENT | MCL_FUTURE) }
        return .allPages
    } catch {
        throw LinuxSysError("mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)", error)
    }
}

/// Undoes `lockMemory()`. The corresponding C function is `munlockall`.
public func unlockMemory() throws(LinuxSysError) {
    _ = try checked("munlockall") { system_munlockall() }
}

import LinuxSys
import MemSense

/// A process that `SystemProcessControl` opened: its identity, checked after its pidfd was
/// opened, and the pidfd, which pins that very process. A class, because the kill sequence
/// passes handles around by value and a pidfd must be closed exactly once.
final class SystemProcessHandle {
    let identity: ProcessIdentity
    /// Nil on a kernel without pidfd_open (before 5.3): signals then go through kill(2).
    private(set) var pidfd: PIDFD?

    init(identity: ProcessIdentity, pidfd: consuming PIDFD?) {
        self.identity = identity
        self.pidfd = pidfd
    }

    var hasPIDFD: Bool {
        switch pidfd {
        case .some: true
        case .none: false
        }
    }

    /// Runs `body` with the pidfd; nil without one.
    func withPIDFD<Result>(_ body: (borrowing PIDFD) throws(LinuxSysError) -> Result) throws(LinuxSysError)
        -> Result?
    {
        switch pidfd {
        case .some(let pidfd): try body(pidfd)
        case .none: nil
        }
    }

    /// Closes the pidfd now rather than when the last reference goes.
    func close() {
        pidfd = nil
    }
}

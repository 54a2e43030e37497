import KillPolicy
import LinuxSys
import MemSense

extension SystemProcessControl {
    /// Sends any `signal` (a recycling rule's SIGUSR1 as well as SIGTERM) to `identity` the way a
    /// kill does: pidfd opened, start time checked, signal through the pidfd (kill(2) only without
    /// pidfds). False when the process is gone or its pid now belongs to another.
    mutating func send(_ signal: Signal, toProcess identity: ProcessIdentity) throws(KillPolicyError) -> Bool {
        let handle: SystemProcessHandle
        switch try openHandle(identity) {
        case .opened(let opened): handle = opened
        case .vanished, .reused: return false
        }
        defer { closeHandle(handle) }
        do {
            let hasPIDFD = try handle.withPIDFD { pidfd throws(LinuxSysError) in try pidfd.send(signal: signal) } != nil
            if !hasPIDFD { try LinuxSys.send(signal: signal, to: identity.pid) }
            return true
        } catch  where error.isGone {
            return false
        } catch {
            throw Self.failure(error)
        }
    }
}

import KillPolicy
import LinuxSys
import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// The `ProcessControl` that really kills: pidfd_open, then the victim's start time re-read
/// from /proc (so the pidfd pins the process that was chosen, not a newcomer with its pid),
/// pidfd_send_signal, process_mrelease and poll on the pidfd. kill(2) is used only where the
/// kernel has no pidfds (ENOSYS).
///
/// It counts the calls it made (`callCounts`), so that a test or a metric can tell which path a
/// kill took; the counts are bounded, unlike a log of every call.
struct SystemProcessControl: ProcessControl {
    /// The system calls and paths a kill can take.
    enum Call: String, Sendable, CaseIterable {
        case pidfdOpen = "pidfd_open"
        case pidfdSendSignal = "pidfd_send_signal"
        /// kill(2) on one pid: only on a kernel without pidfds.
        case kill
        case processGroupKill = "kill_process_group"
        /// A write of `1` to a v2 cgroup's `cgroup.kill`.
        case cgroupKill = "cgroup_kill"
        /// One pass over `cgroup.procs`, signalling each process through its pidfd.
        case cgroupProcsPass = "cgroup_procs_pass"
        case processMrelease = "process_mrelease"
    }

    private(set) var callCounts: [Call: Int] = [:]
    private let source: DirectorySource
    private let table: ProcessTable
    /// How long a whole-cgroup kill without `cgroup.kill` keeps killing what is left in
    /// `cgroup.procs` (forks made while it runs) before it reports the group as not empty.
    let cgroupKillBoundMs: Int64
    /// How often the fallback wait (no pidfd) looks whether the process has gone.
    private static let exitPollIntervalMs: Int64 = 10

    /// - Parameter source: the roots of /proc (for start times) and /sys (for cgroups).
    init(source: DirectorySource, cgroupKillBoundMs: Int64 = 1_000) {
        self.source = source
        self.table = ProcessTable(source: source)
        self.cgroupKillBoundMs = cgroupKillBoundMs
    }

    /// Opens the pidfd first and reads the start time after, so that the process checked is
    /// the one the pidfd refers to: a process that exists after the open with the chosen start
    /// time existed before it, and held the pid then.
    mutating func openHandle(_ identity: ProcessIdentity) throws(KillPolicyError) -> HandleOpening<SystemProcessHandle>
    {
        var pidfd: PIDFD?
        do {
            pidfd = try PIDFD.open(pid: identity.pid)
            count(.pidfdOpen)
        } catch .unsupported(_, let errno) where errno == .noFunction {
            pidfd = nil
        } catch let error where error.isGone {
            return .vanished
        } catch {
            throw Self.failure(error)
        }
        let current: ProcessIdentity?
        do {
            current = try table.identity(of: identity.pid)
        } catch {
            throw .controlFailed(operation: "read proc/\(identity.pid)/stat", errno: Self.errno(of: error))
        }
        guard let current else { return .vanished }
        guard current == identity else { return .reused }
        return .opened(SystemProcessHandle(identity: identity, pidfd: pidfd))
    }

    mutating func send(_ signal: KillSignal, to handle: SystemProcessHandle) throws(KillPolicyError) {
        do {
            if try sendThroughPIDFD(signal, to: handle) { return }
            try LinuxSys.send(signal: Signal(signal), to: handle.identity.pid)
            count(.kill)
        } catch {
            throw Self.failure(error)
        }
    }

    mutating func send(_ signal: KillSignal, toProcessGroup id: Int32) throws(KillPolicyError) {
        do {
            try LinuxSys.send(signal: Signal(signal), toProcessGroup: id)
            count(.processGroupKill)
        } catch let error where error.isGone {
            // The group has no process left: nothing to signal.
        } catch {
            throw Self.failure(error)
        }
    }

    /// cgroup.kill where the kernel has it (v2, 5.14 and later) and the signal is SIGKILL;
    /// otherwise passes over cgroup.procs, signalling each process through a pidfd, until the
    /// group is empty (SIGKILL) or every process has had the signal (SIGTERM). Forks made
    /// during a pass are in the next one; no freezer is needed.
    mutating func send(_ signal: KillSignal, toCgroup path: String) throws(KillPolicyError) {
        let location: CgroupLocation
        do {
            location = try CgroupLocation.named(path, in: source)
        } catch {
            throw .controlFailed(operation: "find memory cgroup \(path)", errno: Self.errno(of: error))
        }
        if signal == .kill && location.version == .v2 {
            do {
                try writeFile(source.absolutePath(location.directory + "/cgroup.kill"), "1".utf8)
                count(.cgroupKill)
                return
            } catch let error where error.errno == .noSuchFileOrDirectory {
                // A v2 kernel before 5.14: no cgroup.kill, so the passes below.
            } catch {
                throw Self.failure(error)
            }
        }
        try signalEachProcess(signal, in: location.directory, path: path)
    }

    /// Frees the victim's memory now. ESRCH means it is already freed (the process was reaped),
    /// which is what was asked.
    mutating func releaseMemory(_ handle: SystemProcessHandle) throws(KillPolicyError) {
        guard handle.hasPIDFD else {
            throw .controlFailed(operation: "process_mrelease(\(handle.identity.pid))", errno: ENOSYS)
        }
        do {
            _ = try handle.withPIDFD { pidfd throws(LinuxSysError) in try pidfd.releaseMemory() }
            count(.processMrelease)
        } catch let error where error.isGone {
            count(.processMrelease)
        } catch {
            throw Self.failure(error)
        }
    }

    /// Polls the pidfd, which becomes readable when the process exits (before it is reaped).
    /// Without a pidfd, looks at /proc every 10 ms until the pid is gone or held by another process.
    mutating func waitForExit(_ handle: SystemProcessHandle, timeoutMs: Int64) throws(KillPolicyError) -> Bool {
        do {
            let timeout = Int32(clamping: timeoutMs)
            if let hasExited = try handle.withPIDFD({ pidfd throws(LinuxSysError) in
                try pidfd.waitForExit(timeoutMs: timeout)
            }) {
                return hasExited
            }
        } catch {
            throw Self.failure(error)
        }
        let deadlineMs = MonotonicClock.nowMs() + timeoutMs
        while true {
            do {
                if try table.identity(of: handle.identity.pid) != handle.identity { return true }
            } catch {
                throw .controlFailed(operation: "read proc/\(handle.identity.pid)/stat", errno: Self.errno(of: error))
            }
            let leftMs = deadlineMs - MonotonicClock.nowMs()
            guard leftMs > 0 else { return false }
            usleep(useconds_t(min(leftMs, Self.exitPollIntervalMs)) * 1000)
        }
    }

    mutating func closeHandle(_ handle: SystemProcessHandle) {
        handle.close()
    }

    /// Signals through the handle's pidfd; false when there is none (or the kernel has
    /// pidfd_open but not pidfd_send_signal), for the caller to use kill(2).
    private mutating func sendThroughPIDFD(_ signal: KillSignal, to handle: SystemProcessHandle) throws(LinuxSysError)
        -> Bool
    {
        guard handle.hasPIDFD else { return false }
        do {
            _ = try handle.withPIDFD { pidfd throws(LinuxSysError) in try pidfd.send(signal: Signal(signal)) }
            count(.pidfdSendSignal)
            return true
        } catch .unsupported(_, let errno) where errno == .noFunction {
            return false
        }
    }

    private mutating func signalEachProcess(_ signal: KillSignal, in directory: String, path: String)
        throws(KillPolicyError)
    {
        let deadlineMs = MonotonicClock.nowMs() + cgroupKillBoundMs
        var signalled: Set<Int32> = []
        while true {
            let pids: [Int32]
            do {
                pids = try CgroupProcesses.pids(in: directory, source: source)
            } catch let error where error.isGone {
                return
            } catch {
                throw .controlFailed(operation: "read \(directory)/cgroup.procs", errno: Self.errno(of: error))
            }
            count(.cgroupProcsPass)
            if pids.isEmpty { return }
            var hasNewProcess = false
            var lastOpened: PIDFD?
            for pid in pids {
                // A process that already had SIGTERM is left alone; SIGKILL again costs nothing
                // and also reaches a process that took a pid freed during the passes.
                guard signal == .kill || !signalled.contains(pid) else { continue }
                if signalled.insert(pid).inserted { hasNewProcess = true }
                do {
                    let opened = try PIDFD.open(pid: pid)
                    count(.pidfdOpen)
                    try opened.send(signal: Signal(signal))
                    count(.pidfdSendSignal)
                    lastOpened = consume opened
                } catch let error where error.isGone {
                    continue
                } catch .unsupported(_, let errno) where errno == .noFunction {
                    try sendWithoutPIDFD(signal, to: pid)
                } catch {
                    throw Self.failure(error)
                }
            }
            if signal != .kill && !hasNewProcess { return }
            let leftMs = deadlineMs - MonotonicClock.nowMs()
            guard leftMs > 0 else {
                throw .controlFailed(
                    operation: "kill cgroup \(path): \(pids.count) processes left after \(cgroupKillBoundMs) ms",
                    errno: EBUSY)
            }
            // Give the last one signalled a moment to go rather than spinning on cgroup.procs.
            _ = try? lastOpened?.waitForExit(timeoutMs: Int32(min(leftMs, Self.exitPollIntervalMs)))
        }
    }

    /// kill(2) on a kernel without pidfds; a process that is already gone is not an error.
    private mutating func sendWithoutPIDFD(_ signal: KillSignal, to pid: Int32) throws(KillPolicyError) {
        do {
            try LinuxSys.send(signal: Signal(signal), to: pid)
            count(.kill)
        } catch let error where error.isGone {
            return
        } catch {
            throw Self.failure(error)
        }
    }

    private mutating func count(_ call: Call) {
        callCounts[call, default: 0] += 1
    }

    static func failure(_ error: LinuxSysError) -> KillPolicyError {
        let operation =
            switch error {
            case .failed(let operation, _), .unsupported(let operation, _), .missingCapability(let operation, _, _),
                .invalidArgument(let operation, _):
                operation
            }
        return .controlFailed(operation: operation, errno: error.errno?.rawValue ?? EINVAL)
    }

    /// The errno that best names why a /proc or /sys file could not be used.
    private static func errno(of error: MemSenseError) -> Int32 {
        switch error {
        case .unreadable(.notFound), .notAMemoryCgroup: ENOENT
        case .unreadable(.vanished): ESRCH
        case .unreadable(.permissionDenied): EACCES
        case .unreadable(.failed(_, let errno)): errno
        case .unreadable(.tooLarge): EFBIG
        case .malformed: EINVAL
        }
    }
}

extension Signal {
    init(_ signal: KillSignal) {
        self.init(rawValue: signal.rawValue)
    }
}

import Glibc

/// A descriptor that refers to one process, whatever happens to its pid afterwards: the killer
/// opens it before deciding, so that the signal cannot reach a process that reused the pid.
///
/// It is closed when the value goes away.
public struct PIDFD: ~Copyable {
    public let pid: Int32
    public let fileDescriptor: Int32

    private init(pid: Int32, fileDescriptor: Int32) {
        self.pid = pid
        self.fileDescriptor = fileDescriptor
    }

    deinit {
        system_close(fileDescriptor)
    }

    /// Opens a pidfd for `pid`. Throws `.unsupported` on a kernel without pidfds (before 5.3),
    /// where the caller falls back to `send(signal:to:)`, and an error whose `isGone` is true
    /// when the process has already exited. The corresponding C function is `pidfd_open`.
    public static func open(pid: Int32) throws(LinuxSysError) -> PIDFD {
        guard pid > 0 else {
            throw .invalidArgument(operation: "pidfd_open(\(pid))", reason: "pid must be positive")
        }
        let fd = try checked("pidfd_open(\(pid))") { system_pidfd_open(pid) }
        return PIDFD(pid: pid, fileDescriptor: fd)
    }

    /// Sends `signal` to the process. The corresponding C function is `pidfd_send_signal`.
    public func send(signal: Signal) throws(LinuxSysError) {
        _ = try checked("pidfd_send_signal(\(pid), \(signal))") {
            system_pidfd_send_signal(fileDescriptor, signal.rawValue)
        }
    }

    /// Frees the memory of a process that was sent SIGKILL now, rather than when it finishes
    /// exiting, which can take long under memory pressure. Throws with ESRCH (`isGone`) when
    /// its memory is already gone. The corresponding C function is `process_mrelease`.
    public func releaseMemory() throws(LinuxSysError) {
        _ = try checked("process_mrelease(\(pid))") { system_process_mrelease(fileDescriptor) }
    }

    /// Waits up to `timeoutMs` for the process to exit (the pidfd becomes readable then, even
    /// before its parent reaps it) and tells whether it did. The corresponding C function is `poll`.
    public func waitForExit(timeoutMs: Int32) throws(LinuxSysError) -> Bool {
        var entry = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = try checked("poll(pidfd of \(pid))") { system_poll(&entry, 1, timeoutMs) }
        return ready > 0
    }
}

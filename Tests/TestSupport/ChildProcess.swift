import Glibc
import LinuxSys

/// A process a test started, with its stdin and stdout on pipes. Closing its stdin (or the test
/// process dying) gives it EOF, so a helper that waits on stdin cannot outlive the test.
///
/// If it was not reaped, it is killed (by its pid, which is still reserved for it because only
/// its parent can reap it) and reaped when the value goes away.
public final class ChildProcess {
    /// How the process ended.
    public typealias Exit = SpawnedProcess.Exit

    public let pid: Int32
    private var stdinFD: Int32
    private let stdoutFD: Int32
    public private(set) var exit: Exit?

    private init(pid: Int32, stdinFD: Int32, stdoutFD: Int32) {
        self.pid = pid
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
    }

    deinit {
        if exit == nil {
            try? send(signal: .kill, to: pid)
            _ = reap(timeoutMs: 5000)
        }
        closeStdin()
        close(stdoutFD)
    }

    /// Starts `argv` (`argv[0]` an absolute path) with the environment of the test process.
    public static func spawn(_ argv: [String]) throws(TestRigError) -> ChildProcess {
        guard let executable = argv.first, executable.hasPrefix("/") else {
            throw .refused("argv[0] must be an absolute path: \(argv)")
        }
        let stdinPipe = try pipe()
        let stdoutPipe: (read: Int32, write: Int32)
        do { stdoutPipe = try pipe() } catch {
            close(stdinPipe.read)
            close(stdinPipe.write)
            throw error
        }
        defer {
            close(stdinPipe.read)
            close(stdoutPipe.write)
        }
        let pid: Int32
        do {
            pid = try spawnProcess(
                path: executable, arguments: Array(argv.dropFirst()), environment: nil, stdinFD: stdinPipe.read,
                stdoutFD: stdoutPipe.write, newProcessGroup: false)
        } catch {
            close(stdinPipe.write)
            close(stdoutPipe.read)
            throw .system(error)
        }
        return ChildProcess(pid: pid, stdinFD: stdinPipe.write, stdoutFD: stdoutPipe.read)
    }

    /// The next line the process writes to stdout, without its newline; nil at EOF or when none
    /// is complete within `timeoutMs`.
    public func readLine(timeoutMs: Int64) throws(TestRigError) -> String? {
        let deadlineMs = MonotonicClock.nowMs() + timeoutMs
        var line: [UInt8] = []
        while true {
            let leftMs = deadlineMs - MonotonicClock.nowMs()
            guard leftMs > 0 else { return nil }
            var entry = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(clamping: leftMs))
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { throw .failed(operation: "poll stdout of \(pid)", errno: Errno(rawValue: errno)) }
            guard ready > 0 else { return nil }
            var byte: UInt8 = 0
            let count = read(stdoutFD, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .failed(operation: "read stdout of \(pid)", errno: Errno(rawValue: errno)) }
            guard count == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Gives the process EOF on stdin.
    public func closeStdin() {
        guard stdinFD >= 0 else { return }
        close(stdinFD)
        stdinFD = -1
    }

    /// Waits up to `timeoutMs` for the process to end and reaps it; nil if it is still running.
    @discardableResult
    public func reap(timeoutMs: Int64) -> Exit? {
        if let exit { return exit }
        let deadlineMs = MonotonicClock.nowMs() + timeoutMs
        repeat {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                exit = Exit(waitStatus: status)
                return exit
            }
            if result < 0 && errno != EINTR { return nil }
            usleep(5000)
        } while MonotonicClock.nowMs() < deadlineMs
        return nil
    }

    /// A pipe whose ends are closed in children at exec. (pipe2 with O_CLOEXEC is not visible
    /// from Swift's Glibc module; a child spawned by another test between the two calls may
    /// inherit an end, which only delays its EOF until that child ends.)
    private static func pipe() throws(TestRigError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else { throw .failed(operation: "pipe", errno: Errno(rawValue: errno)) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }
}

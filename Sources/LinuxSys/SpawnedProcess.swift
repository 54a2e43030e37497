import Glibc

/// A child started without a shell, fed `input` on its stdin, and watched without ever blocking:
/// the daemon's loop pumps its input and reaps it on each tick, and kills it when it overstays.
///
/// The child leads its own process group, so that killing it takes down what it started too
/// (a hook script's `sleep`). Its stdin is one end of a socket pair rather than a pipe: the parent
/// writes with `MSG_NOSIGNAL`, so a child that exits without reading gives EPIPE, never SIGPIPE.
/// Its stdout goes to the parent's stderr, keeping the parent's stdout for its own output.
///
/// While it is not reaped its pid cannot be reused, so signalling by pid is safe. If it is never
/// reaped here it becomes a zombie until the parent exits; the owner reaps it.
public final class SpawnedProcess {
    /// How a child ended.
    public enum Exit: Equatable, Sendable, CustomStringConvertible {
        case exited(code: Int32)
        case killed(Signal)

        /// The end `waitpid` reported in `status`.
        public init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited(code: (status >> 8) & 0xff) : .killed(Signal(rawValue: signal))
        }

        public var description: String {
            switch self {
            case .exited(let code): "exit status \(code)"
            case .killed(let signal): "killed by \(signal)"
            }
        }
    }

    public let pid: Int32
    private var inputFD: Int32
    private var input: [UInt8]
    private var inputOffset = 0
    public private(set) var exit: Exit?

    private init(pid: Int32, inputFD: Int32, input: [UInt8]) {
        self.pid = pid
        self.inputFD = inputFD
        self.input = input
    }

    deinit {
        closeInput()
    }

    /// Starts the executable at the absolute `path` with `arguments` (argv[1...]) and exactly
    /// `environment` (`NAME=value`) as `spawnProcess` does, in a process group of its own, and
    /// writes as much of `input` as fits.
    public static func spawn(
        path: String, arguments: [String], environment: [String], input: [UInt8]
    ) throws(LinuxSysError) -> SpawnedProcess {
        var fds: [Int32] = [-1, -1]
        _ = try checked("socketpair for \(path)") {
            system_socketpair(Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), &fds)
        }
        defer { system_close(fds[1]) }
        let pid: Int32
        do {
            pid = try spawnProcess(
                path: path, arguments: arguments, environment: environment, stdinFD: fds[1],
                stdoutFD: STDERR_FILENO, newProcessGroup: true)
        } catch {
            system_close(fds[0])
            throw error
        }
        let child = SpawnedProcess(pid: pid, inputFD: fds[0], input: input)
        child.writeInput()
        return child
    }

    /// Whether part of the input is still unwritten (the child has not read it yet).
    public var hasPendingInput: Bool { inputFD >= 0 }

    /// Writes as much of the remaining input as the socket takes now, and closes it (EOF for the
    /// child) once all is written or the child stopped reading. Never blocks.
    public func writeInput() {
        while inputFD >= 0 && inputOffset < input.count {
            let result = input.withUnsafeBytes { raw in
                valueOrErrnoResult {
                    system_send_nonblocking(inputFD, raw.baseAddress! + inputOffset, raw.count - inputOffset)
                }
            }
            switch result {
            case .success(let written): inputOffset += written
            case .failure(let errno) where errno == .wouldBlock: return
            case .failure: closeInput()
            }
        }
        closeInput()
    }

    /// Reaps the child if it has ended, without waiting. The corresponding C function is `waitpid`.
    @discardableResult
    public func reap() throws(LinuxSysError) -> Exit? {
        if let exit { return exit }
        var status: Int32 = 0
        let result = try checked("waitpid(\(pid))") { system_waitpid_nohang(pid, &status) }
        guard result == pid else { return nil }
        exit = Exit(waitStatus: status)
        closeInput()
        return exit
    }

    /// Sends SIGKILL to the child's whole process group; reap it afterwards.
    public func killGroup() throws(LinuxSysError) {
        guard exit == nil else { return }
        try send(signal: .kill, toProcessGroup: pid)
    }

    private func closeInput() {
        guard inputFD >= 0 else { return }
        system_close(inputFD)
        inputFD = -1
    }
}

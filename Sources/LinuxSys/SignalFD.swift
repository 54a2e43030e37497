import CLinuxSys
import Glibc

/// Reads SIGTERM, SIGINT and SIGHUP as data from the loop instead of handling them in an
/// asynchronous signal handler.
///
/// The signals are blocked in the calling thread, and the kernel delivers a process-directed
/// signal to any thread that does not block it: create this on the main thread before any other
/// thread starts (threads inherit the mask). The signals stay blocked after it is closed.
public struct SignalFD: ~Copyable {
    /// A signal read from the descriptor, with the pid that sent it.
    public struct Received: Equatable, Sendable {
        public let signal: Signal
        public let senderPID: Int32

        public init(signal: Signal, senderPID: Int32) {
            self.signal = signal
            self.senderPID = senderPID
        }
    }

    public let fileDescriptor: Int32

    /// Blocks `signals` in this thread and opens a non-blocking descriptor that reads them.
    /// The corresponding C functions are `pthread_sigmask` and `signalfd`.
    public init(_ signals: [Signal]) throws(LinuxSysError) {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal.rawValue) }
        _ = try checked("pthread_sigmask(SIG_BLOCK, \(signals))") { system_pthread_sigmask_block(&mask) }
        fileDescriptor = try checked("signalfd(\(signals))") {
            system_signalfd(&mask, Int32(SFD_CLOEXEC) | Int32(SFD_NONBLOCK))
        }
    }

    deinit {
        system_close(fileDescriptor)
    }

    /// The next pending signal, or nil when none is pending. The corresponding C function is `read`.
    public func next() throws(LinuxSysError) -> Received? {
        var info = signalfd_siginfo()
        do {
            _ = try valueOrErrno { system_read(fileDescriptor, &info, MemoryLayout<signalfd_siginfo>.size) }
        } catch .wouldBlock {
            return nil
        } catch {
            throw LinuxSysError("read signalfd", error)
        }
        return Received(signal: Signal(rawValue: Int32(info.ssi_signo)), senderPID: Int32(bitPattern: info.ssi_pid))
    }
}

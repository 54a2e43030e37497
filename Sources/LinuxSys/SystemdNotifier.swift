import Glibc

/// Tells systemd how the daemon is doing (`READY=1`, `WATCHDOG=1`, `STOPPING=1`) with a datagram
/// to the socket in `$NOTIFY_SOCKET`, as sd_notify(3) does, without linking libsystemd.
///
/// The socket stays open, so a watchdog ping is one sendto(2) and no allocation.
public struct SystemdNotifier: ~Copyable {
    public let address: UnixSocketAddress
    private let socketFD: Int32

    /// A notifier for the socket at `socketPath`: a file path, or an abstract socket name written
    /// with a leading `@`. The corresponding C function is `socket`.
    public init(socketPath: String) throws(LinuxSysError) {
        let address = try UnixSocketAddress(socketPath)
        socketFD = try checked("socket for sd_notify to \(socketPath)") {
            system_socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
        }
        self.address = address
    }

    /// A notifier for `$NOTIFY_SOCKET`, or nil when systemd did not set it (not run as a
    /// `Type=notify` service).
    public static func fromEnvironment() throws(LinuxSysError) -> SystemdNotifier? {
        guard let value = getenv("NOTIFY_SOCKET") else { return nil }
        return try SystemdNotifier(socketPath: String(cString: value))
    }

    deinit {
        system_close(socketFD)
    }

    /// Sends one state line, e.g. `READY=1` or `WATCHDOG=1`. The corresponding C function is `sendto`.
    public func notify(_ state: String) throws(LinuxSysError) {
        var text = state
        let count = text.utf8.count
        let sent = text.withUTF8 { bytes in
            address.withSockaddr { address, length in
                valueOrErrnoResult { system_sendto(socketFD, bytes.baseAddress, bytes.count, address, length) }
            }
        }
        switch sent {
        case .success(let written) where written == count: return
        case .success(let written):
            throw .invalidArgument(operation: "sd_notify \(state)", reason: "sent \(written) of \(count) bytes")
        case .failure(let errno): throw LinuxSysError("sd_notify \(state) to \(address.path)", errno)
        }
    }
}

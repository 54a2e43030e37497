import Glibc

/// Tells systemd how the daemon is doing (`READY=1`, `WATCHDOG=1`, `STOPPING=1`) with a datagram
/// to the socket in `$NOTIFY_SOCKET`, as sd_notify(3) does, without linking libsystemd.
///
/// The socket stays open, so a watchdog ping is one sendto(2) and no allocation.
public struct SystemdNotifier: ~Copyable {
    private let socketFD: Int32
    private let address: sockaddr_un
    private let addressLength: socklen_t
    public let socketPath: String

    /// A notifier for the socket at `socketPath`: a file path, or an abstract socket name written
    /// with a leading `@`. The corresponding C function is `socket`.
    public init(socketPath: String) throws(LinuxSysError) {
        let operation = "sd_notify socket \(socketPath)"
        var name = Array(socketPath.utf8)
        guard let first = name.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "@") else {
            throw .invalidArgument(operation: operation, reason: "not an absolute path or an @abstract name")
        }
        let isAbstract = first == UInt8(ascii: "@")
        if isAbstract { name[0] = 0 }
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A path needs room for its NUL; an abstract name is exactly its bytes.
        guard name.count + (isAbstract ? 0 : 1) <= capacity else {
            throw .invalidArgument(operation: operation, reason: "longer than \(capacity - 1) bytes")
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in path.copyBytes(from: name) }
        let fd = try checked(operation) {
            system_socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
        }
        socketFD = fd
        self.address = address
        // sun_path follows sun_family directly on Linux.
        addressLength = socklen_t(MemoryLayout<sa_family_t>.size + name.count + (isAbstract ? 0 : 1))
        self.socketPath = socketPath
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
        var state = state
        let count = state.utf8.count
        let sent = state.withUTF8 { text in
            withUnsafePointer(to: address) { address in
                address.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    valueOrErrnoResult { system_sendto(socketFD, text.baseAddress, text.count, address, addressLength) }
                }
            }
        }
        switch sent {
        case .success(let written) where written == count: return
        case .success(let written):
            throw .invalidArgument(operation: "sd_notify \(state)", reason: "sent \(written) of \(count) bytes")
        case .failure(let errno): throw LinuxSysError("sd_notify \(state) to \(socketPath)", errno)
        }
    }
}

import Glibc
import LinuxSys

/// A bound Unix datagram socket that plays systemd's side of `$NOTIFY_SOCKET` in tests.
public final class NotifySocketListener {
    public let address: UnixSocketAddress
    private let socketFD: Int32

    /// Binds a datagram socket at `path` (a file path, removed on close, or an `@abstract` name).
    public init(path: String) throws(TestRigError) {
        do { address = try UnixSocketAddress(path) } catch { throw .system(error) }
        socketFD = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { throw .failed(operation: "socket", errno: Errno(rawValue: errno)) }
        let bound = address.withSockaddr { address, length in bind(socketFD, address, length) }
        guard bound == 0 else {
            let failure = Errno(rawValue: errno)
            close(socketFD)
            throw .failed(operation: "bind \(path)", errno: failure)
        }
    }

    deinit {
        close(socketFD)
        if address.path.hasPrefix("/") { unlink(address.path) }
    }

    /// The next datagram as text, or nil if none arrives within `timeoutMs`.
    public func receive(timeoutMs: Int32) throws(TestRigError) -> String? {
        var entry = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, timeoutMs) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socketFD, &buffer, buffer.count, 0)
        guard count >= 0 else { throw .failed(operation: "recv", errno: Errno(rawValue: errno)) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}

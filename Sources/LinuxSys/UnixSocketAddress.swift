import Glibc

/// The address of a Unix datagram socket: a file path (`/run/systemd/notify`) or an abstract
/// name written with a leading `@` (`@fastoomd-notify`), as `$NOTIFY_SOCKET` spells them.
public struct UnixSocketAddress: Sendable {
    public let path: String
    private let address: sockaddr_un
    private let length: socklen_t

    public init(_ path: String) throws(LinuxSysError) {
        let operation = "unix socket address \(path)"
        var name = Array(path.utf8)
        guard let first = name.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "@") else {
            throw .invalidArgument(operation: operation, reason: "not an absolute path or an @abstract name")
        }
        let isAbstract = first == UInt8(ascii: "@")
        // An abstract name starts with a NUL and is exactly its bytes; a path ends with a NUL.
        if isAbstract { name[0] = 0 } else { name.append(0) }
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count <= capacity else {
            throw .invalidArgument(operation: operation, reason: "longer than \(capacity - 1) bytes")
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { sunPath in sunPath.copyBytes(from: name) }
        self.path = path
        self.address = address
        // sun_path follows sun_family directly on Linux.
        length = socklen_t(MemoryLayout<sa_family_t>.size + name.count)
    }

    /// Calls `body` with the address as the sockets API takes it.
    public func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}

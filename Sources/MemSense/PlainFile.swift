#if canImport(Glibc)
    import Glibc
#endif

/// An ordinary file that is not a kernel file (a trace), read whole or written in sequence
/// with plain `open`/`read`/`write`. It is kept apart from `DirectorySource`, whose paths are
/// relative to a kernel root, and from LinuxSys, whose calls act on processes.
public final class PlainFile {
    public let path: String
    private var fd: Int32

    /// Creates (or truncates) `path` for writing, with mode 0644.
    public init(creating path: String) throws(FileWriteError) {
        self.path = path
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno) }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileWriteError) {
        guard fd >= 0 else { throw FileWriteError(path: path, errno: EBADF) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Closes the file; a failure here can mean that earlier writes were lost (NFS, quota).
    public func close() throws(FileWriteError) {
        guard fd >= 0 else { return }
        let result = Glibc.close(fd)
        fd = -1
        guard result == 0 else { throw FileWriteError(path: path, errno: errno) }
    }

    /// The whole file at `path`, refused with `ReadError.tooLarge` beyond `limitBytes`.
    public static func contents(of path: String, limitBytes: Int) throws(ReadError) -> [UInt8] {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DirectorySource.error(errno, path: path) }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw DirectorySource.error(errno, path: path)
            }
            if got == 0 { return bytes }
            guard bytes.count + got <= limitBytes else { throw .tooLarge(path: path, limitBytes: limitBytes) }
            bytes.append(contentsOf: chunk[..<got])
        }
    }
}

/// A write to a plain file failed: the path and the errno.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(path): write failed (\(String(cString: strerror(errno))), errno \(errno))"
    }
}

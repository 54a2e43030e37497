#if canImport(Glibc)
    import Glibc
#endif

/// An ordinary file that is not a kernel file (a trace, the event log), read whole, read from
/// an offset, or written in sequence with plain `open`/`read`/`write`. It is kept apart from
/// `DirectorySource`, whose paths are relative to a kernel root, and from LinuxSys, whose calls
/// act on processes.
///
/// Opening or writing fails with `FileWriteError`; opening for reading or reading fails with
/// `ReadError`, like every other read in MemSense.
public final class PlainFile {
    public let path: String
    private var fd: Int32

    /// Creates (or truncates) `path` for writing, with mode 0644.
    public init(creating path: String) throws(FileWriteError) {
        self.path = path
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno) }
    }

    /// Opens `path` for appending (creating it with mode 0644), so that every `write` lands at
    /// the end even when another process appends too. It is also open for reading, so that
    /// `read(into:at:)` can look at what is already there.
    public init(appendingTo path: String) throws(FileWriteError) {
        self.path = path
        fd = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, errno: errno) }
    }

    /// Opens an existing `path` for reading.
    public init(readingFrom path: String) throws(ReadError) {
        self.path = path
        fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DirectorySource.error(errno, path: path) }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR. A regular file takes the whole
    /// buffer in one write(2) unless the disk fills up part way.
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

    /// Reads up to `buffer.count` bytes at `offset` (pread, so the file position is untouched);
    /// 0 means the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(ReadError) -> Int {
        while true {
            let got = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if got >= 0 { return got }
            if errno != EINTR { throw DirectorySource.error(errno, path: path) }
        }
    }

    /// What the open file is now (fstat): which file, and how long.
    public func status() throws(ReadError) -> FileStatus {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DirectorySource.error(errno, path: path) }
        return FileStatus(info)
    }

    /// What is at `path` now (stat): after a rotation, a different file than an open one.
    public static func status(of path: String) throws(ReadError) -> FileStatus {
        var info = stat()
        guard stat(path, &info) == 0 else { throw DirectorySource.error(errno, path: path) }
        return FileStatus(info)
    }

    /// Renames `path` to `newPath`, replacing `newPath` if it exists (rename(2), atomic).
    public static func rename(_ path: String, to newPath: String) throws(FileWriteError) {
        guard Glibc.rename(path, newPath) == 0 else {
            throw FileWriteError(path: path + " -> " + newPath, errno: errno)
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

/// Which file a path or descriptor refers to (device and inode), and its size.
public struct FileStatus: Equatable, Sendable {
    public let device: UInt64
    public let inode: UInt64
    public let sizeBytes: Int64

    public init(device: UInt64, inode: UInt64, sizeBytes: Int64) {
        self.device = device
        self.inode = inode
        self.sizeBytes = sizeBytes
    }

    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), sizeBytes: Int64(info.st_size))
    }

    /// Whether both name the same file, whatever their sizes.
    public func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }
}

/// Opening, writing or renaming a plain file failed: the path and the errno.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(path): cannot write (\(String(cString: strerror(errno))), errno \(errno))"
    }
}

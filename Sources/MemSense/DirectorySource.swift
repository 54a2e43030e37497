#if canImport(Glibc)
    import Glibc
#endif

/// Reads kernel files from directories: `/proc` and `/sys` on a live system, or the `proc`
/// and `sys` folders of a fixture tree.
///
/// Files named with `keepOpen(_:)` stay open and are re-read with `pread` at offset 0, which
/// is how the hot node files are read every tick without an `open` or an allocation.
public final class DirectorySource: FileSource {
    public let procRoot: String
    public let sysRoot: String
    private var openFiles: [String: Int32] = [:]

    public init(procRoot: String = "/proc", sysRoot: String = "/sys") {
        self.procRoot = procRoot
        self.sysRoot = sysRoot
    }

    /// A source for a fixture tree laid out as `<root>/proc/...` and `<root>/sys/...`.
    public convenience init(root: String) {
        self.init(procRoot: root + "/proc", sysRoot: root + "/sys")
    }

    deinit {
        for fd in openFiles.values { close(fd) }
    }

    /// The absolute path that a relative source path stands for.
    public func absolutePath(_ path: String) -> String {
        if path == "proc" { return procRoot }
        if path == "sys" { return sysRoot }
        if path.hasPrefix("proc/") { return procRoot + path.dropFirst(4) }
        if path.hasPrefix("sys/") { return sysRoot + path.dropFirst(3) }
        return path
    }

    /// Keeps `path` open from now on, so that each later read is one `pread`.
    public func keepOpen(_ path: String) throws(ReadError) {
        guard openFiles[path] == nil else { return }
        openFiles[path] = try open(path)
    }

    public func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        buffer.removeAll()
        if let fd = openFiles[path] {
            do {
                try Self.readAll(fd, path: path, into: &buffer)
                return
            } catch {
                // A cgroup removed under an open file reads ENODEV; reopen it once below.
                close(fd)
                openFiles[path] = nil
                buffer.removeAll()
                let reopened = try open(path)
                openFiles[path] = reopened
                try Self.readAll(reopened, path: path, into: &buffer)
                return
            }
        }
        let fd = try open(path)
        defer { close(fd) }
        try Self.readAll(fd, path: path, into: &buffer)
    }

    public func entries(of path: String) throws(ReadError) -> [String] {
        guard let directory = opendir(absolutePath(path)) else { throw Self.error(errno, path: path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func link(_ path: String) throws(ReadError) -> String {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX))
        let length = readlink(absolutePath(path), &target, target.count)
        guard length >= 0 else { throw Self.error(errno, path: path) }
        return String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func open(_ path: String) throws(ReadError) -> Int32 {
        let fd = Glibc.open(absolutePath(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.error(errno, path: path) }
        return fd
    }

    private static func readAll(_ fd: Int32, path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        while true {
            var result = 0
            var failure: Int32 = 0
            let offset = off_t(buffer.count)
            buffer.appendInPlace(minimum: 4096) { free in
                let got = pread(fd, free.baseAddress, free.count, offset)
                if got < 0 { failure = errno } else { result = got }
                return max(got, 0)
            }
            if failure == EINTR { continue }
            if failure != 0 { throw error(failure, path: path) }
            if result == 0 { return }
        }
    }

    static func error(_ code: Int32, path: String) -> ReadError {
        switch code {
        case ENOENT, ENOTDIR, ENODEV: .notFound(path: path)
        case ESRCH: .vanished(path: path)
        case EACCES, EPERM: .permissionDenied(path: path)
        default: .failed(path: path, errno: code)
        }
    }
}

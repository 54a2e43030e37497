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
    /// A handful (the node's files): found by comparing paths, which are mostly the very
    /// string constants they were kept open with, rather than by hashing them on every read.
    private var openFiles: [OpenFile] = []

    /// A kept-open file, whether the kernel writes it whole on every read, and how many
    /// `keepOpen` calls for it no `stopKeepingOpen` has matched yet.
    private struct OpenFile {
        let path: String
        var fd: Int32
        let isWrittenWhole: Bool
        var holders = 1
    }

    public init(procRoot: String = "/proc", sysRoot: String = "/sys") {
        self.procRoot = procRoot
        self.sysRoot = sysRoot
    }

    /// A source for a fixture tree laid out as `<root>/proc/...` and `<root>/sys/...`.
    public convenience init(root: String) {
        self.init(procRoot: root + "/proc", sysRoot: root + "/sys")
    }

    deinit {
        for file in openFiles { close(file.fd) }
    }

    /// The absolute path that a relative source path stands for.
    public func absolutePath(_ path: String) -> String {
        if path == "proc" { return procRoot }
        if path == "sys" { return sysRoot }
        if path.hasPrefix("proc/") { return procRoot + path.dropFirst(4) }
        if path.hasPrefix("sys/") { return sysRoot + path.dropFirst(3) }
        return path
    }

    /// Keeps `path` open from now on, so that each later read is a `pread` at offset 0.
    ///
    /// `isWrittenWhole`: the kernel generates the file in one go on every read (seq_file's
    /// `single_open`, as for /proc/meminfo, /proc/stat and the PSI files), so a read that returns
    /// less than asked holds all of it and no second read looks for the end. Not so for a file
    /// written record by record (/proc/vmstat), which comes a page at a time.
    public func keepOpen(_ path: String, isWrittenWhole: Bool = false) throws(ReadError) {
        if let index = openFiles.firstIndex(where: { $0.path == path }) {
            openFiles[index].holders += 1
            return
        }
        openFiles.append(OpenFile(path: path, fd: try open(path), isWrittenWhole: isWrittenWhole))
    }

    /// Matches one `keepOpen(path)`: the file is closed once every holder has let it go, so that
    /// a watched cgroup that comes and goes leaves no descriptor behind.
    public func stopKeepingOpen(_ path: String) {
        guard let index = openFiles.firstIndex(where: { $0.path == path }) else { return }
        openFiles[index].holders -= 1
        guard openFiles[index].holders == 0 else { return }
        close(openFiles[index].fd)
        openFiles.remove(at: index)
    }

    /// How many files are kept open: what `keepOpen` holds.
    public var keptOpenCount: Int { openFiles.count }

    public func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        buffer.removeAll()
        if let index = openFiles.firstIndex(where: { $0.path == path }) {
            let file = openFiles[index]
            do {
                try Self.readAll(file.fd, path: path, into: &buffer, isWrittenWhole: file.isWrittenWhole)
                return
            } catch {
                // A cgroup removed under an open file reads ENODEV; reopen it once below.
                close(file.fd)
                openFiles.remove(at: index)
                buffer.removeAll()
                let fd = try open(path)
                openFiles.append(
                    OpenFile(path: path, fd: fd, isWrittenWhole: file.isWrittenWhole, holders: file.holders))
                try Self.readAll(fd, path: path, into: &buffer, isWrittenWhole: file.isWrittenWhole)
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

    private static func readAll(
        _ fd: Int32, path: String, into buffer: inout ReadBuffer, isWrittenWhole: Bool = false
    ) throws(ReadError) {
        while true {
            var result = 0
            var asked = 0
            var failure: Int32 = 0
            let offset = off_t(buffer.count)
            buffer.appendInPlace(minimum: 4096) { free in
                asked = free.count
                let got = pread(fd, free.baseAddress, free.count, offset)
                if got < 0 { failure = errno } else { result = got }
                return max(got, 0)
            }
            if failure == EINTR { continue }
            if failure != 0 { throw error(failure, path: path) }
            if result == 0 || (isWrittenWhole && result < asked) { return }
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

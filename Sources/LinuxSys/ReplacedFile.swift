import Glibc

/// A file replaced whole and atomically: the new text is written to `PATH.tmp` in the same
/// directory (so the same file system), then renamed over `PATH`. A reader such as
/// node_exporter's textfile collector sees the old text or the new one, never half of either.
///
/// Both paths are kept as C strings built once, so that a replacement allocates nothing.
/// A failed replacement leaves `PATH` as it was; the next one truncates the stale `PATH.tmp`.
///
/// The corresponding C functions are `open`, `write`, `fsync`, `close` and `rename`.
public struct ReplacedFile: Sendable {
    public let path: String
    public var temporaryPath: String { path + ".tmp" }
    /// Whether each replacement is flushed to disk before the rename: a crash then never leaves
    /// an empty file, at the cost of a disk write per replacement.
    public let isSynced: Bool
    private let pathBytes: [CChar]
    private let temporaryPathBytes: [CChar]

    public init(path: String, isSynced: Bool = false) {
        self.path = path
        self.isSynced = isSynced
        pathBytes = Array(path.utf8CString)
        temporaryPathBytes = Array((path + ".tmp").utf8CString)
    }

    /// Makes `bytes` the whole content of the file.
    public func replace(with bytes: UnsafeBufferPointer<UInt8>) throws(LinuxSysError) {
        let fd = try checked("open \(temporaryPath)") {
            system_open(temporaryPathBytes, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        do {
            try writeWhole(fd, bytes, operation: "write \(temporaryPath)")
            if isSynced { _ = try checked("fsync \(temporaryPath)") { system_fsync(fd) } }
        } catch {
            system_close(fd)
            throw error
        }
        system_close(fd)
        _ = try checked("rename \(temporaryPath) to \(path)") { system_rename(temporaryPathBytes, pathBytes) }
    }
}

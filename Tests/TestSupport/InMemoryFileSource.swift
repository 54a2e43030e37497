import MemSense

/// A file source held in memory, for tests that need a process to vanish or a file to be
/// unreadable halfway through a read: `fail(_:as:)` makes a path throw the given error.
///
/// Directories are implied by the paths of the files and links they hold.
public final class InMemoryFileSource: FileSource {
    private var files: [String: [UInt8]] = [:]
    private var links: [String: String] = [:]
    private var failures: [String: ReadError] = [:]
    /// How many times each path was read or listed, failed attempts included.
    public private(set) var accessCounts: [String: Int] = [:]

    public init(_ files: [String: String] = [:]) {
        for (path, text) in files { self.files[path] = Array(text.utf8) }
    }

    /// Sets the bytes of the file at `path`, which may contain NULs.
    public func set(_ path: String, bytes: [UInt8]) {
        files[path] = bytes
    }

    public func set(_ path: String, _ text: String) {
        files[path] = Array(text.utf8)
    }

    /// Makes `path` a symbolic link to `target`.
    public func setLink(_ path: String, to target: String) {
        links[path] = target
    }

    /// Makes every later read, listing or link lookup of `path` throw, e.g.
    /// `fail("proc/7/status", as: ReadError.vanished(path:))` for a process that exited (ESRCH).
    public func fail(_ path: String, as error: (String) -> ReadError) {
        failures[path] = error(path)
    }

    public func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        try check(path)
        guard let bytes = files[path] else { throw .notFound(path: path) }
        buffer.removeAll()
        bytes.withUnsafeBufferPointer { buffer.append($0) }
    }

    public func entries(of path: String) throws(ReadError) -> [String] {
        try check(path)
        let prefix = path + "/"
        var names: Set<String> = []
        for key in Array(files.keys) + Array(links.keys) where key.hasPrefix(prefix) {
            names.insert(String(key.dropFirst(prefix.count).prefix { $0 != "/" }))
        }
        guard !names.isEmpty else { throw .notFound(path: path) }
        return names.sorted()
    }

    public func link(_ path: String) throws(ReadError) -> String {
        try check(path)
        guard let target = links[path] else { throw .notFound(path: path) }
        return target
    }

    private func check(_ path: String) throws(ReadError) {
        accessCounts[path, default: 0] += 1
        if let failure = failures[path] { throw failure }
    }
}

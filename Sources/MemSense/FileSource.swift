/// Where MemSense reads kernel files from: the live system, a fixture tree, or a recorded trace.
///
/// Paths are relative and start with their tree: `proc/meminfo`, `proc/1234/stat`,
/// `sys/fs/cgroup/memory/kubepods/memory.stat`. A source maps them to its own roots, so the
/// same readers run on the host, on `/host/proc` in a container, and on fixtures in tests.
public protocol FileSource: AnyObject {
    /// Replaces the contents of `buffer` with the whole file at `path`.
    func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError)

    /// The names of the entries of the directory at `path`, in no particular order.
    func entries(of path: String) throws(ReadError) -> [String]

    /// The target of the symbolic link at `path`, such as `proc/1234/exe`.
    func link(_ path: String) throws(ReadError) -> String
}

extension FileSource {
    /// Sources without links (a recorded trace) report every link as absent.
    public func link(_ path: String) throws(ReadError) -> String {
        throw .notFound(path: path)
    }

    /// The whole file at `path` as bytes; for cold paths such as start-up and tests.
    public func contents(of path: String) throws(ReadError) -> [UInt8] {
        var buffer = ReadBuffer(capacity: 4096)
        try read(path, into: &buffer)
        return buffer.withBytes { Array($0) }
    }
}

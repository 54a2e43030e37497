import MemSense

/// Two file sources seen as one: a path is read from `upper` when it has it, else from `lower`,
/// and a directory lists the entries of both. A test lays an in-memory process table over a
/// recorded trace, which holds the node and cgroup files but no processes.
public final class LayeredFileSource: FileSource {
    public let upper: any FileSource
    public let lower: any FileSource

    public init(upper: any FileSource, lower: any FileSource) {
        self.upper = upper
        self.lower = lower
    }

    /// An error of `upper` other than "not found" (a vanished process, a refused read) is what
    /// the test injected, and is thrown as is.
    public func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        do {
            try upper.read(path, into: &buffer)
        } catch .notFound {
            try lower.read(path, into: &buffer)
        }
    }

    public func entries(of path: String) throws(ReadError) -> [String] {
        let above = try? upper.entries(of: path)
        let below = try? lower.entries(of: path)
        guard above != nil || below != nil else { throw .notFound(path: path) }
        return Array(Set((above ?? []) + (below ?? []))).sorted()
    }

    public func link(_ path: String) throws(ReadError) -> String {
        do {
            return try upper.link(path)
        } catch .notFound {
            return try lower.link(path)
        }
    }
}

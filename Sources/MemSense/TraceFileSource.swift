/// Serves the files of one trace sample to the ordinary readers, so that replay runs the
/// daemon's own parsers. `proc/...` keys are served at their own path; `cgroup/<file>` keys at
/// `<cgroupDirectory>/<file>`, wherever the replayed target's cgroup is configured to be.
///
/// `show(_:)` switches to another sample by keeping a reference to its files, and `read` hands
/// out the recorded string's UTF-8 bytes without copying them into a new string, so a replay
/// of thousands of samples allocates almost nothing per sample.
public final class TraceFileSource: FileSource {
    /// Where the recorded cgroup appears, e.g. `sys/fs/cgroup/memory/replay`.
    public let cgroupDirectory: String
    private let cgroupPrefix: String
    /// The time of the sample shown.
    public private(set) var tMs: Int64 = 0
    private var files: [String: String] = [:]
    /// Trace keys of the cgroup paths asked for so far, so each is built once per replay.
    private var cgroupKeys: [String: String] = [:]

    public init(cgroupDirectory: String) {
        self.cgroupDirectory = cgroupDirectory
        cgroupPrefix = cgroupDirectory + "/"
    }

    /// Serves `sample`'s files from now on.
    public func show(_ sample: TraceSample) {
        tMs = sample.tMs
        files = sample.files
    }

    public func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        buffer.removeAll()
        guard let key = key(of: path), var text = files[key] else { throw .notFound(path: path) }
        text.withUTF8 { buffer.append($0) }
    }

    /// The names under `path`: recorded files, and the directories that lead to them.
    public func entries(of path: String) throws(ReadError) -> [String] {
        let prefix = path + "/"
        var names: Set<String> = []
        for key in files.keys {
            let sourcePath = key.hasPrefix("cgroup/") ? cgroupPrefix + key.dropFirst("cgroup/".count) : key
            guard sourcePath.hasPrefix(prefix) else { continue }
            let rest = sourcePath.dropFirst(prefix.count)
            names.insert(String(rest.prefix { $0 != "/" }))
        }
        guard !names.isEmpty else { throw .notFound(path: path) }
        return Array(names)
    }

    /// The trace key of a source path; nil for a raw `cgroup/` key, which is no source path.
    private func key(of path: String) -> String? {
        guard path.hasPrefix(cgroupPrefix) else { return path.hasPrefix("cgroup/") ? nil : path }
        if let key = cgroupKeys[path] { return key }
        let key = "cgroup/" + path.dropFirst(cgroupPrefix.count)
        cgroupKeys[path] = key
        return key
    }
}

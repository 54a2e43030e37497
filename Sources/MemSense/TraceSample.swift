/// One sample line of a trace: the raw contents of the files read at `tMs`.
///
///     {"t_ms":1250,"files":{"proc/meminfo":"MemTotal: 24684092 kB\n...","cgroup/memory.usage_in_bytes":"123\n"}}
public struct TraceSample: Decodable, Sendable, Equatable {
    /// Milliseconds since the start of the recording.
    public var tMs: Int64
    /// File contents exactly as read, keyed by `proc/...` or `cgroup/<file name>`; a file that
    /// could not be read is absent.
    public var files: [String: String]

    public init(tMs: Int64, files: [String: String]) {
        self.tMs = tMs
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case tMs = "t_ms"
        case files
    }
}

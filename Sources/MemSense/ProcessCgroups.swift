/// /proc/PID/cgroup: one line per hierarchy, `hierarchy-ID:controllers:path`.
///
///     4:memory:/system.slice/shell.service      (cgroup v1; controllers may be combined: 4:cpu,cpuacct:/)
///     0::/system.slice/docker-1c8f.scope        (cgroup v2, the unified hierarchy)
///
/// Hybrid hosts write both kinds. The memory controller lives in the v1 hierarchy whose line
/// names it, or, when no v1 line does, in the unified one.
public struct ProcessCgroups: Sendable, Equatable {
    /// The path in the v1 hierarchy that has the memory controller.
    public var memoryV1Path: String?
    /// The path in the unified (v2) hierarchy.
    public var unifiedPath: String?

    public init(memoryV1Path: String? = nil, unifiedPath: String? = nil) {
        self.memoryV1Path = memoryV1Path
        self.unifiedPath = unifiedPath
    }

    /// The path of the memory cgroup: the v1 memory line when there is one, else the v2 line.
    public var memoryPath: String? { memoryV1Path ?? unifiedPath }

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        self.init()
        let colon = UInt8(ascii: ":")
        var scanner = ByteScanner(bytes)
        while let line = scanner.nextLine() {
            guard !line.isBlank else { continue }
            let parts = line.bytes.split(separator: colon, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw ParseError(line: scanner.lineNumber, "not hierarchy-ID:controllers:path")
            }
            let path = String(decoding: parts[2], as: UTF8.self)
            if parts[1].isEmpty {
                guard parts[0].elementsEqual("0".utf8) else {
                    throw ParseError(line: scanner.lineNumber, "a hierarchy without controllers must be 0")
                }
                unifiedPath = path
            } else if Self.namesMemory(parts[1]) {
                memoryV1Path = path
            }
        }
    }

    /// Whether a comma-separated list of controllers or mount options (`cpu,memory`) has `memory`.
    static func namesMemory(_ list: some Collection<UInt8>) -> Bool {
        list.split(separator: UInt8(ascii: ",")).contains { $0.elementsEqual("memory".utf8) }
    }

    /// Whether `path` is `prefix` or inside it: `/a/b` is inside `/a` but `/ab` is not.
    public static func path(_ path: String, isWithin prefix: String) -> Bool {
        if prefix == "/" || path == prefix { return true }
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        return path.hasPrefix(base)
    }
}

import LinuxSys
import MemSense

/// Records the raw kernel files that the samplers read, every interval, into a trace
/// (Tests/Fixtures/traces/FORMAT.md): the node's /proc files and, for a memory cgroup, the
/// group's own files. Replay then runs the daemon's parsers over exactly what was read.
///
/// Times are CLOCK_MONOTONIC milliseconds since the first sample. Ticks are due at whole
/// multiples of the interval; a tick missed (the machine too slow) is skipped, not bunched up.
final class Recorder {
    /// The node's files, as `NodeSampler` reads them.
    static let nodeFiles = [
        "proc/meminfo", "proc/vmstat", "proc/stat", "proc/pressure/memory", "proc/pressure/io", "proc/pressure/cpu",
    ]
    /// The group's files, as `CgroupSampler` reads them, by interface version.
    static let v1Files = [
        "memory.usage_in_bytes", "memory.limit_in_bytes", "memory.max_usage_in_bytes", "memory.stat",
        "memory.oom_control", "memory.failcnt",
    ]
    static let v2Files = [
        "memory.current", "memory.max", "memory.high", "memory.stat", "memory.events", "memory.pressure",
        "memory.swap.current", "memory.swap.max",
    ]

    let header: TraceHeader
    private let source: DirectorySource
    /// Source path of each recorded file, with its trace key.
    private let files: [(path: String, key: String)]
    private let intervalMs: Int64
    private var buffer = ReadBuffer(capacity: 64 * 1024)

    /// Checks that the node (and the group) can be sampled and parsed before recording starts.
    /// The node sampler leaves the hot node files open on `source`, so each tick `pread`s them.
    init(source: DirectorySource, cgroup: CgroupLocation?, intervalMs: Int64) throws(MemSenseError) {
        self.source = source
        self.intervalMs = intervalMs
        let node = try NodeSampler(source: source).sample(at: 0)
        var limitBytes: UInt64?
        var files = Self.nodeFiles.map { (path: $0, key: $0) }
        if let cgroup {
            let group = try CgroupSampler(source: source, directory: cgroup.directory, version: cgroup.version)
                .sample(within: node)
            limitBytes = group.cgroupMemory?.limitBytes
            let names = cgroup.version == .v1 ? Self.v1Files : Self.v2Files
            files += names.map { (path: cgroup.directory + "/" + $0, key: "cgroup/" + $0) }
        }
        self.files = files
        var kernel = (try? source.contents(of: "proc/sys/kernel/osrelease")).map { String(decoding: $0, as: UTF8.self) }
        kernel = kernel?.split(separator: "\n").first.map(String.init)
        header = TraceHeader(
            intervalMs: intervalMs, target: cgroup?.version.kind ?? .node, scenario: "recorded", isBenign: false,
            memLimitBytes: limitBytes, kernel: kernel ?? "unknown",
            notes: "fastoomd record" + (cgroup.map { " of memory cgroup " + $0.path } ?? " of the node"))
    }

    /// Records to `path` until `durationMs` has passed, or until `stopDescriptor` (the signalfd
    /// of SIGINT and SIGTERM) becomes readable, and returns how many samples were written. The file is finished (gzip trailer and all)
    /// however recording ends; an error after the start still leaves the samples before it.
    func record(to path: String, durationMs: Int64?, stopDescriptor: Int32?) throws(RecordError) -> Int {
        let writer: TraceWriter
        do {
            writer = try TraceWriter(path: path, header: header)
        } catch {
            throw .write(error)
        }
        var count = 0
        do throws(RecordError) {
            var poll = PollSet()
            let stopToken: PollSet.Token?
            do {
                stopToken = try stopDescriptor.map { (descriptor) throws(LinuxSysError) in
                    try poll.add(descriptor, events: .readable)
                }
            } catch {
                throw .system(error)
            }
            let startMs = MonotonicClock.nowMs()
            var dueMs: Int64 = 0
            while durationMs.map({ dueMs < $0 }) ?? true {
                let tMs = MonotonicClock.nowMs() - startMs
                do {
                    try writer.write(TraceSample(tMs: tMs, files: contents()))
                } catch {
                    throw .write(error)
                }
                count += 1
                let nowMs = MonotonicClock.nowMs() - startMs
                dueMs = (nowMs / intervalMs + 1) * intervalMs
                let waitMs = min(dueMs, durationMs ?? dueMs) - nowMs
                let ready: PollSet.Ready
                do {
                    ready = try poll.wait(timeoutMs: Int32(clamping: max(0, waitMs)))
                } catch {
                    throw .system(error)
                }
                if let stopToken, ready.contains(stopToken) { break }
            }
        } catch {
            try? writer.close()
            throw error
        }
        do {
            try writer.close()
        } catch {
            throw .write(error)
        }
        return count
    }

    /// The files as read now; one that cannot be read is left out (FORMAT.md). /proc/stat is
    /// cut after its cpu lines, the only ones read.
    private func contents() -> [String: String] {
        var contents: [String: String] = [:]
        for (path, key) in files {
            guard (try? source.read(path, into: &buffer)) != nil else { continue }
            contents[key] = buffer.withBytes { bytes in
                String(decoding: key == "proc/stat" ? Self.cpuLines(of: bytes) : bytes, as: UTF8.self)
            }
        }
        return contents
    }

    /// The leading lines that start with `cpu`, with their newlines.
    static func cpuLines(of bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = 0
        while end < bytes.count, bytes[end...].starts(with: "cpu".utf8) {
            end = (bytes[end...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count - 1) + 1
        }
        return UnsafeBufferPointer(rebasing: bytes[..<end])
    }
}

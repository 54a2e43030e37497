/// Reads the process table from `proc/<pid>/...` of a file source.
///
/// Processes come and go while the table is read. One that vanished between the listing and
/// the read of any of its files is left out: that is an outcome, not an error. One whose
/// files cannot be read for another reason (permission, malformed text) is left out too, and
/// the error is kept in the scan so the caller can report it; a single odd process must not
/// stop the daemon from choosing among the others.
public final class ProcessTable {
    private let source: any FileSource
    private var buffer = ReadBuffer(capacity: 4096)

    public init(source: any FileSource) {
        self.source = source
    }

    /// The result of one pass over `proc`.
    public struct Scan: Sendable {
        public var processes: [ProcessSnapshot]
        /// Processes left out because a file could not be read or parsed (not because they exited).
        public var failures: [MemSenseError]
    }

    /// Every process, or only those whose memory cgroup is `cgroupPath` or inside it (a
    /// cgroup target acts only on its own processes). Throws only when `proc` itself cannot
    /// be listed.
    public func scan(within cgroupPath: String? = nil) throws(MemSenseError) -> Scan {
        let names: [String]
        do {
            names = try source.entries(of: "proc")
        } catch {
            throw .unreadable(error)
        }
        var result = Scan(processes: [], failures: [])
        for name in names {
            guard let pid = Self.pid(named: name) else { continue }
            do {
                if let process = try snapshot(of: pid, within: cgroupPath) { result.processes.append(process) }
            } catch {
                result.failures.append(error)
            }
        }
        result.processes.sort { $0.pid < $1.pid }
        return result
    }

    /// One process, or nil when it has exited or (given `cgroupPath`) lives outside that cgroup.
    public func snapshot(of pid: Int32, within cgroupPath: String? = nil) throws(MemSenseError) -> ProcessSnapshot? {
        let directory = "proc/\(pid)/"
        do {
            let stat = try source.parse(directory + "stat", into: &buffer, with: ProcessStat.init(parsing:))
            let cgroups = try optional(directory + "cgroup", ProcessCgroups.init(parsing:)) ?? ProcessCgroups()
            let memoryPath = cgroups.memoryPath ?? "/"
            if let cgroupPath, !ProcessCgroups.path(memoryPath, isWithin: cgroupPath) { return nil }
            let status = try source.parse(directory + "status", into: &buffer, with: ProcessStatus.init(parsing:))
            let arguments = try optional(directory + "cmdline") { ProcessCommandLine.arguments(parsing: $0) } ?? []
            let oomScore = try optional(directory + "oom_score", SingleValue.int64(parsing:)) ?? 0
            let oomScoreAdj = try optional(directory + "oom_score_adj", SingleValue.int64(parsing:)) ?? 0
            // A file that older captures and some kernels' /proc lack: absent means unmarked.
            let protection = try? source.parse(directory + "environ", into: &buffer, with: ProtectionMark.parsing)
            let isKernelThread =
                status.isKernelThread
                ?? (!status.hasAddressSpace && arguments.isEmpty && (pid == 2 || stat.parentPID == 2))
            return ProcessSnapshot(
                identity: ProcessIdentity(pid: pid, startTimeTicks: stat.startTimeTicks),
                parentPID: stat.parentPID, processGroupID: stat.processGroupID, sessionID: stat.sessionID,
                comm: stat.comm, state: stat.state, commandLine: arguments,
                executablePath: try? source.link(directory + "exe"), uid: status.uid,
                residentBytes: status.residentBytes, residentAnonBytes: status.residentAnonBytes,
                residentFileBytes: status.residentFileBytes, residentShmemBytes: status.residentShmemBytes,
                swapBytes: status.swapBytes, oomScore: Int32(clamping: oomScore),
                oomScoreAdj: Int32(clamping: oomScoreAdj),
                cgroupPath: memoryPath, namespacePID: status.namespacePID, isKernelThread: isKernelThread,
                protection: protection)
        } catch let error where error.isGone {
            return nil
        }
    }

    /// Who holds `pid` now, from its stat file alone; nil when no process has that pid. The
    /// killer compares it with the identity it chose, so that a pid reused since is spared.
    public func identity(of pid: Int32) throws(MemSenseError) -> ProcessIdentity? {
        do {
            let stat = try source.parse("proc/\(pid)/stat", into: &buffer, with: ProcessStat.init(parsing:))
            return ProcessIdentity(pid: pid, startTimeTicks: stat.startTimeTicks)
        } catch let error where error.isGone {
            return nil
        }
    }

    /// A file that some processes do not let us read (permission): nil then. A vanished
    /// process still throws, so that the caller leaves it out.
    private func optional<Value>(
        _ path: String, _ parser: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
    ) throws(MemSenseError) -> Value? {
        do {
            return try source.parse(path, into: &buffer, with: parser)
        } catch .unreadable(.permissionDenied) {
            return nil
        }
    }

    /// A `proc` entry that is a process: all digits, a positive pid.
    static func pid(named name: String) -> Int32? {
        guard let first = name.utf8.first, first != UInt8(ascii: "0"),
            name.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int32(name)
    }
}

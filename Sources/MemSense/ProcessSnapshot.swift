/// A process as the kernel names it for as long as it lives: its PID and its start time
/// (field 22 of /proc/PID/stat, in clock ticks since boot). A PID reused by a newcomer has
/// a different start time, so comparing identities tells the two apart.
public struct ProcessIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var pid: Int32
    public var startTimeTicks: UInt64

    public init(pid: Int32, startTimeTicks: UInt64) {
        self.pid = pid
        self.startTimeTicks = startTimeTicks
    }

    public var description: String { "\(pid)@\(startTimeTicks)" }
}

/// One process of the process table at one moment, with what victim selection needs.
public struct ProcessSnapshot: Sendable, Equatable {
    public var identity: ProcessIdentity
    public var parentPID: Int32
    public var processGroupID: Int32
    public var sessionID: Int32
    /// The kernel's short name (/proc/PID/comm, at most 15 bytes), exactly as written.
    public var comm: String
    /// The state letter of /proc/PID/stat: R, S, D, Z, T, t, X, I...
    public var state: Character
    /// argv, split on NUL; empty for kernel threads and zombies.
    public var commandLine: [String]
    /// The target of /proc/PID/exe, when readable.
    public var executablePath: String?
    /// The real UID (first field of `Uid:` in /proc/PID/status).
    public var uid: UInt32
    public var residentBytes: UInt64
    public var residentAnonBytes: UInt64
    public var residentFileBytes: UInt64
    public var residentShmemBytes: UInt64
    public var swapBytes: UInt64
    public var oomScore: Int32
    public var oomScoreAdj: Int32
    /// The memory cgroup path (v1 `memory` controller line, or the v2 `0::` line), e.g.
    /// `/kubepods/burstable/pod.../abc`.
    public var cgroupPath: String
    /// The PID inside the innermost PID namespace (last field of `NSpid:`); 1 for the init
    /// of a container.
    public var namespacePID: Int32
    public var isKernelThread: Bool
    /// Set when the process runs under `fastoomd protect` (its environment says so).
    public var protection: ProtectionMark?

    public init(
        identity: ProcessIdentity, parentPID: Int32 = 0, processGroupID: Int32 = 0, sessionID: Int32 = 0,
        comm: String, state: Character = "S", commandLine: [String] = [], executablePath: String? = nil,
        uid: UInt32 = 0, residentBytes: UInt64 = 0, residentAnonBytes: UInt64 = 0, residentFileBytes: UInt64 = 0,
        residentShmemBytes: UInt64 = 0, swapBytes: UInt64 = 0, oomScore: Int32 = 0, oomScoreAdj: Int32 = 0,
        cgroupPath: String = "/", namespacePID: Int32? = nil, isKernelThread: Bool = false,
        protection: ProtectionMark? = nil
    ) {
        self.identity = identity
        self.parentPID = parentPID
        self.processGroupID = processGroupID
        self.sessionID = sessionID
        self.comm = comm
        self.state = state
        self.commandLine = commandLine
        self.executablePath = executablePath
        self.uid = uid
        self.residentBytes = residentBytes
        self.residentAnonBytes = residentAnonBytes
        self.residentFileBytes = residentFileBytes
        self.residentShmemBytes = residentShmemBytes
        self.swapBytes = swapBytes
        self.oomScore = oomScore
        self.oomScoreAdj = oomScoreAdj
        self.cgroupPath = cgroupPath
        self.namespacePID = namespacePID ?? identity.pid
        self.isKernelThread = isKernelThread
        self.protection = protection
    }

    public var pid: Int32 { identity.pid }
    public var isZombie: Bool { state == "Z" || state == "X" }

    /// The memory a kill would give back: anonymous, shmem and swapped pages. File-backed
    /// pages are left out; the kernel can reclaim them without killing anything.
    public var freeableBytes: UInt64 {
        residentAnonBytes &+ residentShmemBytes &+ swapBytes
    }
}

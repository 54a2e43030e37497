import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// A daemon over the idle-shell capture of this machine (24 GiB, 23,918,964 kB free, memory PSI
/// some total 3034 us) watching the node and the v1 group `/system.slice/shell.service`, given
/// a 256 MiB limit and 100 MiB of usage. Files set in `files` are laid over the capture, and
/// its reads are counted there.
private final class CalmRig {
    static let group = "sys/fs/cgroup/memory/system.slice/shell.service"
    let files = InMemoryFileSource([
        "proc/self/mountinfo": "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n",
        group + "/memory.limit_in_bytes": "\(256 << 20)\n",
        group + "/memory.usage_in_bytes": "\(100 << 20)\n",
    ])
    let box = EventBox()
    let source: LayeredFileSource
    let daemon: Daemon<DryRunProcessControl>

    init(freeMemory: NodeSampler.FreeMemoryReader? = nil) throws {
        let source = LayeredFileSource(
            upper: files, lower: DirectorySource(root: FixturePaths.kernelVariant("local-6.18", "idle-shell")))
        self.source = source
        let box = box
        daemon = try Daemon(
            configuration: ShippedConfiguration.decoded(), configurationPath: "test.json",
            extraCgroups: ["/" + Self.group], source: source, freeMemory: freeMemory, control: DryRunProcessControl(),
            isDryRun: true,
            ownPID: 4242, nowMs: { 0 }, wallMs: { 1_800_000_000_000 }, record: { box.events.append($0) })
    }

    /// How often /proc/vmstat was read: once per full tick, never on a calm one.
    var fullTicks: Int { files.accessCounts["proc/vmstat", default: 0] }

    func setMemory(stallUs: UInt64? = nil, freeKB: UInt64? = nil, groupUsageBytes: UInt64? = nil) throws {
        if let stallUs {
            files.set(
                "proc/pressure/memory",
                "some avg10=0.00 avg60=0.00 avg300=0.00 total=\(stallUs)\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=2307\n"
            )
        }
        if let freeKB { try replaceLine(of: "proc/meminfo", starting: "MemFree:", with: "MemFree: \(freeKB) kB") }
        if let groupUsageBytes { files.set(Self.group + "/memory.usage_in_bytes", "\(groupUsageBytes)\n") }
    }

    /// Replaces the line of the file at `path` that starts with `prefix` by `line`.
    func replaceLine(of path: String, starting prefix: String, with line: String) throws {
        let lines = String(decoding: try source.contents(of: path), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        files.set(path, lines.map { $0.hasPrefix(prefix) ? line : String($0) }.joined(separator: "\n"))
    }
}

/// The free memory a test's reader returns, changed between ticks.
private final class MemoryBox: @unchecked Sendable {
    var bytes: UInt64
    init(bytes: UInt64) { self.bytes = bytes }
}

@Suite struct DaemonCalmTickTests {
    /// 1/256 of the node's 24,683,656 kB, and of the group's 256 MiB.
    static let nodeSlackKB: UInt64 = 24_683_656 / 256
    static let groupSlackBytes: UInt64 = 1 << 20

    @Test func calmTicksAfterAFullOneReadNoCounters() throws {
        let rig = try CalmRig()
        for tMs in stride(from: Int64(0), to: CalmGate.maxSkipMs, by: 1000) { rig.daemon.tick(at: tMs) }
        #expect(rig.fullTicks == 1)
        #expect(rig.box.events.isEmpty)
    }

    @Test func theLastFullTickStandsForAtMostTheMaximumSkip() throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        rig.daemon.tick(at: CalmGate.maxSkipMs - 1)
        #expect(rig.fullTicks == 1)
        rig.daemon.tick(at: CalmGate.maxSkipMs)
        #expect(rig.fullTicks == 2)
    }

    /// The warm-up ends long before the gate would let a full tick run again; without one in
    /// it, the code of a second full tick stayed unlocked (and VmLck at 60 s was the whole image
    /// while the warm-up lasted two maximum skips).
    @Test func imageTrimmerWarmUpRunsASecondFullTickBetweenCalmOnes() throws {
        let rig = try CalmRig()
        var trimmer = ImageTrimmer()
        trimmer.scheduleWarmUp(from: 0)
        let halfMs = ImageTrimmer.warmUpMs / 2
        for tMs in stride(from: Int64(0), to: ImageTrimmer.warmUpMs, by: 1000) {
            rig.daemon.tick(at: tMs)
            #expect(rig.fullTicks == (tMs <= halfMs ? 1 : 2), "at \(tMs) ms")
            trimmer.tick(rig.daemon, nowMs: tMs)
        }
        #expect(ImageTrimmer.warmUpMs < CalmGate.maxSkipMs)
    }

    @Test func anyMemoryStallMakesTheTickFull() throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        try rig.setMemory(stallUs: 3035)
        rig.daemon.tick(at: 1000)
        #expect(rig.fullTicks == 2)
    }

    @Test(arguments: [(nodeSlackKB, 1), (nodeSlackKB + 1, 2)] as [(UInt64, Int)])
    func nodeLosingMoreThanTheSlackMakesTheTickFull(lossKB: UInt64, fullTicks: Int) throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        try rig.setMemory(freeKB: 23_918_964 - lossKB)
        rig.daemon.tick(at: 1000)
        #expect(rig.fullTicks == fullTicks)
    }

    /// Given back, memory is no danger; with a full tick for it, the burst-free-fast trace got a
    /// kill (`DaemonTests.benignTraceKillsNothing`).
    @Test func nodeGivingMemoryBackStaysCalm() throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        try rig.setMemory(freeKB: 23_918_964 + 4 * Self.nodeSlackKB)
        rig.daemon.tick(at: 1000)
        #expect(rig.fullTicks == 1)
    }

    @Test func calmTicksWithAFreeMemoryReaderLeaveMeminfoUnread() throws {
        let free = MemoryBox(bytes: 23_918_964 * 1024)
        let rig = try CalmRig(freeMemory: { (free.bytes, 24_683_656 * 1024) })
        for tMs in stride(from: Int64(0), to: 5000, by: 1000) { rig.daemon.tick(at: tMs) }
        #expect(rig.files.accessCounts["proc/meminfo", default: 0] == 1)
        #expect(rig.fullTicks == 1)
        free.bytes -= (Self.nodeSlackKB + 1) * 1024
        rig.daemon.tick(at: 5000)
        #expect(rig.fullTicks == 2)
    }

    @Test(arguments: [(groupSlackBytes, 1), (groupSlackBytes + 1, 2)] as [(UInt64, Int)])
    func groupGrowingMoreThanTheSlackMakesTheTickFull(growthBytes: UInt64, fullTicks: Int) throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        try rig.setMemory(groupUsageBytes: (100 << 20) + growthBytes)
        rig.daemon.tick(at: 1000)
        #expect(rig.fullTicks == fullTicks)
    }

    @Test func slowRampIsCountedFromTheLastFullTick() throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        // Half the slack a tick: calm, then past the slack in all.
        try rig.setMemory(groupUsageBytes: (100 << 20) + Self.groupSlackBytes / 2)
        rig.daemon.tick(at: 1000)
        #expect(rig.fullTicks == 1)
        try rig.setMemory(groupUsageBytes: (100 << 20) + Self.groupSlackBytes + 1)
        rig.daemon.tick(at: 2000)
        #expect(rig.fullTicks == 2)
    }

    @Test func aFileThatFailsOnACalmTickIsReportedByTheFullOne() throws {
        let rig = try CalmRig()
        rig.daemon.tick(at: 0)
        rig.files.fail(CalmRig.group + "/memory.usage_in_bytes") { ReadError.failed(path: $0, errno: 5) }
        rig.daemon.tick(at: 1000)
        #expect(rig.fullTicks == 2)
        let error = try #require(rig.box.events.first { $0.kind == .error })
        #expect(error.target == "/system.slice/shell.service")
        #expect(error.message?.contains("memory.usage_in_bytes") == true)
    }

    @Test func targetNotOkKeepsEveryTickFull() throws {
        let rig = try CalmRig()
        // 1 MiB left, none of it page cache.
        try rig.setMemory(groupUsageBytes: 255 << 20)
        for prefix in ["total_inactive_file ", "total_active_file "] {
            try rig.replaceLine(of: CalmRig.group + "/memory.stat", starting: prefix, with: prefix + "0")
        }
        for tMs in stride(from: Int64(0), to: 4000, by: 1000) { rig.daemon.tick(at: tMs) }
        #expect(rig.daemon.targets.contains { $0.state != .ok })
        #expect(rig.fullTicks == 4)
        // No glance either: the node's sample is the only read of the memory PSI a tick.
        #expect(rig.files.accessCounts["proc/pressure/memory", default: 0] == 4)
    }
}

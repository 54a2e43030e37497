import Glibc
import KillPolicy
import LinuxSys
import MemSense
import TestSupport

// Benchmarks of KillPolicy on this machine, not tests: nothing here asserts a time.
//
//   kill-policy-bench rank [--runs N] [--processes N] [--synthetic N]
//     ranks N real `sleep` processes started in a memory cgroup of its own (then killed), the
//     whole node with them, and a synthetic table of --synthetic processes.
//   kill-policy-bench kill [--runs N] [--megabytes N]
//     kills a memory hog in a memory cgroup of its own through SystemProcessControl, with and
//     without process_mrelease, and times each step from the decision.
//
// Run as root from the package root: `swift run -c release kill-policy-bench rank`.

/// Microseconds of CLOCK_MONOTONIC: the daemon's milliseconds are too coarse for these steps.
func nowUs() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
}

func median(_ values: [Int64]) -> Int64 {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func milliseconds(_ us: Int64) -> String {
    let tenths = (us + 5) / 10
    let ms = tenths / 100
    let rest = tenths % 100
    return "\(ms).\(rest < 10 ? "0" : "")\(rest) ms"
}

/// `--name value` from the command line, or `fallback`.
func option(_ name: String, _ fallback: Int) -> Int {
    let words = CommandLine.arguments
    guard let index = words.firstIndex(of: "--" + name), index + 1 < words.count, let value = Int(words[index + 1])
    else { return fallback }
    return value
}

/// The `kill_policy` section of the shipped config/policy.json, as the daemon reads it.
func shippedPolicy() throws -> Policy {
    struct Shipped: Decodable {
        var killPolicy: KillPolicyConfig

        enum CodingKeys: String, CodingKey { case killPolicy = "kill_policy" }
    }
    return try Policy(validating: JSON.decode(Shipped.self, from: ShippedPolicy.json.utf8).killPolicy)
}

func rankBenchmark() throws {
    let runs = option("runs", 11)
    let count = option("processes", 2_000)
    let syntheticCount = option("synthetic", 10_000)
    let policy = try shippedPolicy()
    let source = DirectorySource()
    let table = ProcessTable(source: source)
    let group = try TestCgroup(limitBytes: 512 << 20)
    defer { group.destroy() }
    let script = "i=0; while [ $i -lt \(count) ]; do /bin/sleep 600 & i=$((i+1)); done; echo ready; exec /bin/sleep 600"
    let spawner = try group.spawn(["/bin/sh", "-c", script])
    guard try spawner.readLine(timeoutMs: 300_000) == "ready" else { throw TestRigError.refused("spawner died") }
    let location = try CgroupLocation.named(group.directory, in: source)
    while try group.processIDs().count < count + 1 { usleep(10_000) }
    print("\(count + 1) processes in \(location.path), cgroup usage \(try group.usageBytes() >> 20) MiB")

    var groupScanUs: [Int64] = []
    var groupRankUs: [Int64] = []
    var nodeScanUs: [Int64] = []
    var nodeRankUs: [Int64] = []
    var nodeCount = 0
    var candidateCount = 0
    for _ in 0..<runs {
        let t0 = nowUs()
        let scan = try table.scan(within: location.path)
        let t1 = nowUs()
        let ranking = Ranking(of: scan.processes, policy: policy, ownPID: getpid(), memoryTotalBytes: 512 << 20)
        let t2 = nowUs()
        let nodeScan = try table.scan()
        let t3 = nowUs()
        let nodeRanking = Ranking(of: nodeScan.processes, policy: policy, ownPID: getpid(), memoryTotalBytes: 24 << 30)
        let t4 = nowUs()
        groupScanUs.append(t1 - t0)
        groupRankUs.append(t2 - t1)
        nodeScanUs.append(t3 - t2)
        nodeRankUs.append(t4 - t3)
        candidateCount = ranking.candidates.count
        nodeCount = nodeRanking.candidates.count + nodeRanking.excluded.count
    }
    print(
        "cgroup (\(candidateCount) candidates): scan \(milliseconds(median(groupScanUs))), rank \(milliseconds(median(groupRankUs)))"
    )
    print(
        "node (\(nodeCount) processes): scan \(milliseconds(median(nodeScanUs))), rank \(milliseconds(median(nodeRankUs)))"
    )

    let comms = ["python3", "java", "node", "postgres", "sshd", "chrome", "worker", "redis-server", "bash", "ruby"]
    let synthetic = (0..<syntheticCount).map { index in
        ProcessSnapshot(
            identity: ProcessIdentity(pid: Int32(index + 2), startTimeTicks: UInt64(1_000 + index)),
            processGroupID: Int32(index + 2), comm: comms[index % comms.count],
            commandLine: ["/usr/bin/" + comms[index % comms.count], "--worker", String(index)],
            residentBytes: UInt64(index % 997) << 20, residentAnonBytes: UInt64(index % 991) << 20,
            oomScore: Int32(index % 1000), oomScoreAdj: Int32(index % 7 == 0 ? 500 : 0),
            cgroupPath: "/kubepods/pod\(index % 50)")
    }
    var syntheticUs: [Int64] = []
    for _ in 0..<runs {
        let shuffled = synthetic.shuffled()
        let t0 = nowUs()
        _ = Ranking(of: shuffled, policy: policy, ownPID: 1, memoryTotalBytes: 64 << 30)
        syntheticUs.append(nowUs() - t0)
    }
    print("synthetic table of \(syntheticCount): rank \(milliseconds(median(syntheticUs)))")
}

func killBenchmark() throws {
    let runs = option("runs", 11)
    let megabytes = option("megabytes", 200)
    let hogBytes = megabytes << 20
    let group = try TestCgroup(limitBytes: 512 << 20)
    defer { group.destroy() }
    let table = ProcessTable(source: DirectorySource())
    for releases in [true, false] {
        var toSignal: [Int64] = []
        var toReleased: [Int64] = []
        var toFreed: [Int64] = []
        var toGone: [Int64] = []
        for _ in 0..<runs {
            let hog = try group.spawn(MemoryHog(megabytes: megabytes))
            guard try hog.readLine(timeoutMs: 60_000) == MemoryHog.readyLine else {
                throw TestRigError.refused("the hog did not get ready")
            }
            let beforeBytes = try group.usageBytes()
            guard let identity = try table.identity(of: hog.pid) else { throw TestRigError.refused("hog gone") }
            var control = SystemProcessControl(source: DirectorySource())
            let decisionUs = nowUs()
            guard case .opened(let handle) = try control.openHandle(identity) else {
                throw TestRigError.refused("hog not opened")
            }
            try control.send(.kill, to: handle)
            let signalUs = nowUs()
            if releases {
                try control.releaseMemory(handle)
                toReleased.append(nowUs() - decisionUs)
            }
            while try group.usageBytes() > beforeBytes - hogBytes * 9 / 10 {}
            let freedUs = nowUs()
            _ = try control.waitForExit(handle, timeoutMs: 10_000)
            let goneUs = nowUs()
            control.closeHandle(handle)
            hog.reap(timeoutMs: 10_000)
            toSignal.append(signalUs - decisionUs)
            toFreed.append(freedUs - decisionUs)
            toGone.append(goneUs - decisionUs)
        }
        print(
            "\(releases ? "with process_mrelease   " : "without process_mrelease")"
                + " (\(runs) runs, \(megabytes) MiB hog): SIGKILL sent \(milliseconds(median(toSignal))),"
                + (releases ? " process_mrelease returned \(milliseconds(median(toReleased)))," : "")
                + " \(megabytes * 9 / 10) MiB freed \(milliseconds(median(toFreed))),"
                + " process gone \(milliseconds(median(toGone)))")
    }
}

do {
    switch CommandLine.arguments.dropFirst().first {
    case "rank": try rankBenchmark()
    case "kill": try killBenchmark()
    default:
        print("usage: kill-policy-bench rank|kill [--runs N] [--processes N] [--synthetic N] [--megabytes N]")
        exit(2)
    }
} catch {
    print("kill-policy-bench: \(error)")
    exit(1)
}

import Glibc
import LinuxSys
import MemSense
import Synchronization
import Testing

/// A cgroup v1 memory cgroup for one test, created under this process's own memory cgroup with
/// a hard limit, so that a test that makes memory pressure can never exhaust the machine.
///
/// Call `destroy()` from a `defer` right after creating it: it kills every task in the group
/// (only processes the test started are in there), reaps them and removes the directory, and
/// records a test issue if that fails.
public final class TestCgroup {
    /// The largest limit the rig accepts.
    public static let maximumLimitBytes = 1 << 30

    private static let counter = Atomic<Int>(0)

    /// The cgroup's directory.
    public let directory: String
    public let limitBytes: Int
    private let source: DirectorySource
    private var children: [ChildProcess] = []
    private var isDestroyed = false

    /// Creates `fastoomd-test-<pid>-<n>` under this process's memory cgroup and sets its
    /// `memory.limit_in_bytes` to `limitBytes` (at most 1 GiB).
    public init(limitBytes: Int, source: DirectorySource = DirectorySource()) throws(TestRigError) {
        guard limitBytes > 0, limitBytes <= Self.maximumLimitBytes else {
            throw .refused("a test cgroup limit of \(limitBytes) bytes is not in 1...\(Self.maximumLimitBytes)")
        }
        let parent = try MemoryCgroupLocation.current(source: source)
        var directory: String
        while true {
            let number = Self.counter.add(1, ordering: .relaxed).newValue
            directory = "\(parent)/fastoomd-test-\(getpid())-\(number)"
            if mkdir(directory, 0o755) == 0 { break }
            // A group left by an earlier run whose pid was the same: take the next number.
            guard errno == EEXIST else { throw .failed(operation: "mkdir \(directory)", errno: Errno(rawValue: errno)) }
        }
        self.directory = directory
        self.limitBytes = limitBytes
        self.source = source
        do {
            try writeFile(directory + "/memory.limit_in_bytes", "\(limitBytes)".utf8)
        } catch {
            destroy()
            throw .system(error)
        }
    }

    deinit {
        destroy()
    }

    /// Starts `argv` inside the group: a shell writes its own pid to `cgroup.procs` and then
    /// execs `argv` (found on `$PATH` unless absolute), so the program runs in the group from its
    /// first instruction and never outside it.
    public func spawn(_ argv: [String]) throws(TestRigError) -> ChildProcess {
        let script = "echo $$ > \"$0\" && exec \"$@\""
        let child = try ChildProcess.spawn(["/bin/sh", "-c", script, directory + "/cgroup.procs"] + argv)
        children.append(child)
        return child
    }

    /// Starts `hog` in the group.
    public func spawn(_ hog: MemoryHog) throws(TestRigError) -> ChildProcess {
        try spawn(hog.argv)
    }

    /// The pids in `cgroup.procs`.
    public func processIDs() throws(TestRigError) -> [Int32] {
        var ids: [Int32] = []
        for line in try lines(of: "cgroup.procs") {
            guard let id = Int32(line) else {
                throw .unexpected(path: directory + "/cgroup.procs", reason: "not a pid: \(line)")
            }
            ids.append(id)
        }
        return ids
    }

    /// How many times the kernel OOM-killed a task in the group: `oom_kill` in
    /// `memory.oom_control` (`oom_kill_disable 0`, `under_oom 0`, `oom_kill 1`).
    public func oomKillCount() throws(TestRigError) -> Int {
        for line in try lines(of: "memory.oom_control") where line.hasPrefix("oom_kill ") {
            if let count = Int(line.dropFirst("oom_kill ".count)) { return count }
        }
        throw .unexpected(path: directory + "/memory.oom_control", reason: "no oom_kill line")
    }

    /// The group's `memory.usage_in_bytes`.
    public func usageBytes() throws(TestRigError) -> Int {
        guard let line = try lines(of: "memory.usage_in_bytes").first, let bytes = Int(line) else {
            throw .unexpected(path: directory + "/memory.usage_in_bytes", reason: "not a number")
        }
        return bytes
    }

    /// Kills every task in the group by pid, reaps the children the test started, and removes
    /// the directory, retrying while tasks are still leaving, for up to 10 s. Records an issue
    /// if the directory remains. Safe to call twice.
    public func destroy() {
        guard !isDestroyed else { return }
        isDestroyed = true
        let deadlineMs = MonotonicClock.nowMs() + 10_000
        while true {
            for pid in (try? processIDs()) ?? [] { try? send(signal: .kill, to: pid) }
            for child in children { child.reap(timeoutMs: 0) }
            if rmdir(directory) == 0 || errno == ENOENT { break }
            let failure = Errno(rawValue: errno)
            guard failure == .resourceBusy, MonotonicClock.nowMs() < deadlineMs else {
                Issue.record("TestCgroup could not remove \(directory): \(failure)")
                return
            }
            usleep(10_000)
        }
        for child in children { child.reap(timeoutMs: 5000) }
        children.removeAll()
    }

    private func lines(of name: String) throws(TestRigError) -> [Substring] {
        do {
            let bytes = try source.contents(of: directory + "/" + name)
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        } catch {
            throw .unreadable(error)
        }
    }
}

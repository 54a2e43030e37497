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
    /// Groups made inside this one, in the order they were made.
    private var subgroups: [String] = []
    private var isDestroyed = false

    /// Creates `fastoomd-test-<pid>-<n>` under this process's memory cgroup and sets its
    /// `memory.limit_in_bytes` to `limitBytes` (at most 1 GiB).
    public init(limitBytes: Int, source: DirectorySource = DirectorySource()) throws(TestRigError) {
        guard limitBytes > 0, limitBytes <= Self.maximumLimitBytes else {
            throw .refused("a test cgroup limit of \(limitBytes) bytes is not in 1...\(Self.maximumLimitBytes)")
        }
        let parent = try Self.parentDirectory(source: source)
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

    /// The absolute directory of this process's cgroup v1 memory cgroup, where test groups are
    /// made: MemSense's own lookup (`/proc/self/cgroup` and `/proc/self/mountinfo`).
    public static func parentDirectory(source: DirectorySource = DirectorySource()) throws(TestRigError) -> String {
        let location: CgroupLocation?
        do {
            location = try CgroupLocation.memoryCgroup(in: source)
        } catch .unreadable(let error) {
            throw .unreadable(error)
        } catch {
            throw .unexpected(path: "proc/self/cgroup", reason: error.description)
        }
        guard let location, location.version == .v1 else {
            throw .unexpected(path: "proc/self/cgroup", reason: "no cgroup v1 memory cgroup reachable from here")
        }
        return source.absolutePath(location.directory)
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

    /// Makes `relativePath` (and the groups on the way) inside this group, with `limitBytes` on
    /// the last one, and returns its directory. `destroy()` removes them, innermost first.
    @discardableResult
    public func makeSubgroup(_ relativePath: String, limitBytes: Int? = nil) throws(TestRigError) -> String {
        var path = directory
        for part in relativePath.split(separator: "/") {
            path += "/" + part
            guard !subgroups.contains(path) else { continue }
            guard mkdir(path, 0o755) == 0 else {
                throw .failed(operation: "mkdir \(path)", errno: Errno(rawValue: errno))
            }
            subgroups.append(path)
        }
        if let limitBytes {
            guard limitBytes > 0, limitBytes <= Self.maximumLimitBytes else {
                throw .refused("a test cgroup limit of \(limitBytes) bytes is not in 1...\(Self.maximumLimitBytes)")
            }
            do {
                try writeFile(path + "/memory.limit_in_bytes", "\(limitBytes)".utf8)
            } catch {
                throw .system(error)
            }
        }
        return path
    }

    /// Starts `argv` in the subgroup `relativePath` made with `makeSubgroup`, as `spawn(_:)` does.
    public func spawn(_ argv: [String], inSubgroup relativePath: String) throws(TestRigError) -> ChildProcess {
        let script = "echo $$ > \"$0\" && exec \"$@\""
        let procs = directory + "/" + relativePath + "/cgroup.procs"
        let child = try ChildProcess.spawn(["/bin/sh", "-c", script, procs] + argv)
        children.append(child)
        return child
    }

    /// Starts `hog` in the group.
    public func spawn(_ hog: MemoryHog) throws(TestRigError) -> ChildProcess {
        try spawn(hog.argv)
    }

    /// The pids in `cgroup.procs`.
    public func processIDs() throws(TestRigError) -> [Int32] {
        try processIDs(of: directory)
    }

    /// The pids in the `cgroup.procs` of `group`, this group or one of its subgroups.
    public func processIDs(of group: String) throws(TestRigError) -> [Int32] {
        var ids: [Int32] = []
        for line in try lines(of: "cgroup.procs", in: group) {
            guard let id = Int32(line) else {
                throw .unexpected(path: group + "/cgroup.procs", reason: "not a pid: \(line)")
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

    /// Kills every task in the group and its subgroups by pid, reaps the children the test
    /// started, and removes the directories, innermost first, retrying while tasks are still
    /// leaving, for up to 10 s each. Records an issue if a directory remains. Safe to call twice.
    public func destroy() {
        guard !isDestroyed else { return }
        isDestroyed = true
        for group in subgroups.reversed() + [directory] {
            guard remove(group) else { break }
        }
        for child in children { child.reap(timeoutMs: 5000) }
        children.removeAll()
    }

    /// Kills the tasks of `group` and removes it; false (with an issue recorded) if it stays.
    private func remove(_ group: String) -> Bool {
        let deadlineMs = MonotonicClock.nowMs() + 10_000
        while true {
            for pid in (try? processIDs(of: group)) ?? [] { try? send(signal: .kill, to: pid) }
            for child in children { child.reap(timeoutMs: 0) }
            if rmdir(group) == 0 || errno == ENOENT { return true }
            let failure = Errno(rawValue: errno)
            guard failure == .resourceBusy, MonotonicClock.nowMs() < deadlineMs else {
                Issue.record("TestCgroup could not remove \(group): \(failure)")
                return false
            }
            usleep(10_000)
        }
    }

    private func lines(of name: String, in group: String? = nil) throws(TestRigError) -> [Substring] {
        do {
            let bytes = try source.contents(of: (group ?? directory) + "/" + name)
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        } catch {
            throw .unreadable(error)
        }
    }
}

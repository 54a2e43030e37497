import Glibc
import KillPolicy
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

@Suite struct CandidatesCommandTests {
    /// A copy of /bin/sleep named `sshd` has the comm `sshd`, which the shipped policy protects;
    /// PID 1 and fastoomd itself are never candidates; a plain `sleep` child is one.
    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func theLiveTableShowsAnSSHDProcessAsProtectedAndPID1AndItselfExcluded() throws {
        try withTemporaryDirectory { directory in
            let sshd = directory + "/sshd"
            let copy = try ChildProcess.spawn(["/bin/cp", "/bin/sleep", sshd])
            #expect(copy.reap(timeoutMs: 10_000) == .exited(code: 0))
            let protected = try ChildProcess.spawn([sshd, "60"])
            let plain = try ChildProcess.spawn(["/bin/sleep", "60"])
            defer {
                for child in [protected, plain] {
                    try? send(signal: .kill, to: child.pid)
                    child.reap(timeoutMs: 5_000)
                }
            }
            // Until the exec is done, the child's comm is the test runner's.
            try waitForComm("sshd", of: protected.pid)
            try waitForComm("sleep", of: plain.pid)
            let (configuration, origin) = try Configuration.load(
                configPath: nil, installedPath: directory + "/none.json")
            #expect(origin == nil)
            let report = try CandidatesCommand.report(
                policy: configuration.policy, origin: Configuration.builtInOrigin, source: DirectorySource(),
                cgroupName: nil, ownPID: getpid())

            let sshdExclusion = try #require(report.excluded.first { $0.pid == protected.pid })
            #expect(sshdExclusion.comm == "sshd")
            #expect(sshdExclusion.isProtected)
            #expect(sshdExclusion.reason == "protect: comm~^sshd(-session|-auth)?$")
            #expect(!report.candidates.contains { $0.pid == protected.pid })
            let initExclusion = try #require(report.excluded.first { $0.pid == 1 })
            #expect(initExclusion.reason == "PID 1")
            #expect(!initExclusion.isProtected)
            #expect(report.excluded.first { $0.pid == getpid() }?.reason == "fastoomd itself")
            let sleep = try #require(report.candidates.first { $0.pid == plain.pid })
            #expect(sleep.comm == "sleep")
            #expect(sleep.tier == "normal")
            #expect(sleep.reasons.last?.hasPrefix("freeable ") == true)
            #expect(report.candidates.map(\.rank) == Array(1...report.candidates.count))
            #expect(report.policy == Configuration.builtInOrigin)

            let json = JSONLines.line(report)
            #expect(json.contains(#""comm":"sshd","pid":\#(protected.pid),"protected":true"#))
            #expect(json.hasPrefix(#"{"candidates":[{"cgroup":"#))
            #expect(report.table.contains("sshd              protect: comm~^sshd(-session|-auth)?$"))
        }
    }

    /// Inside a cgroup, only its processes are ranked, against the cgroup's limit.
    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aCgroupIsRankedAloneAgainstItsLimit() throws {
        let group = try TestCgroup(limitBytes: 256 << 20)
        defer { group.destroy() }
        let first = try group.spawn(["/bin/sleep", "60"])
        let second = try group.spawn(["/bin/sleep", "60"])
        try waitForComm("sleep", of: first.pid)
        try waitForComm("sleep", of: second.pid)
        let report = try CandidatesCommand.report(
            policy: Configuration().policy, origin: "test", source: DirectorySource(), cgroupName: group.directory,
            ownPID: getpid())
        #expect(report.target == "cgroup")
        #expect(report.cgroup?.hasSuffix(String(group.directory.split(separator: "/").last ?? "")) == true)
        #expect(report.memoryTotalBytes == 256 << 20)
        #expect(Set(report.candidates.map(\.pid)) == [first.pid, second.pid])
        #expect(report.excluded.isEmpty)
    }
}

import Glibc
import KillPolicy
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// Runs `fastoomd protect ARGUMENTS` through /bin/sh with stderr joined to stdout, and returns
/// its output lines and exit status.
private func protect(_ arguments: String) throws -> (lines: [String], exit: ChildProcess.Exit?) {
    let child = try ChildProcess.spawn(["/bin/sh", "-c", "exec '\(BuiltProducts.fastoomd)' protect \(arguments) 2>&1"])
    child.closeStdin()
    var lines: [String] = []
    while let line = try child.readLine(timeoutMs: 10_000) { lines.append(line) }
    return (lines, child.reap(timeoutMs: 10_000))
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func protectRunsTheCommandWithTheAdjustmentItsChildrenInherit() throws {
    let run = try protect(
        "--adj 500 -- sh -c 'cat /proc/self/oom_score_adj; sh -c \"cat /proc/self/oom_score_adj\"; echo $FASTOOMD_PROTECTED'"
    )
    #expect(run.lines == ["500", "500", "1"])
    #expect(run.exit == .exited(code: 0))
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func protectTellsTheCommandItsMaximumStall() throws {
    let run = try protect("--adj 100 --max-stall 120 -- sh -c 'echo $FASTOOMD_MAX_STALL_S'")
    #expect(run.lines == ["120"])
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func protectWithoutCapSysResourceNamesTheMissingCapability() throws {
    let hasCapSysResource = try LiveFiles.hasEffectiveCapability(24)
    let run = try protect("-- true")
    if !hasCapSysResource {
        #expect(run.exit == .exited(code: 3))
        #expect(run.lines.contains { $0.contains("CAP_SYS_RESOURCE") })
    } else {
        #expect(run.exit == .exited(code: 0))
    }
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func protectOfAMissingCommandSaysSoAndExits127() throws {
    let run = try protect("--adj 10 -- fastoomd-no-such-command")
    #expect(run.exit == .exited(code: 127))
    #expect(run.lines == ["fastoomd protect: fastoomd-no-such-command: command not found"])
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func aProcessUnderProtectIsShownProtectedByCandidates() throws {
    let group = try TestCgroup(limitBytes: 64 << 20)
    defer { group.destroy() }
    let child = try group.spawn([
        BuiltProducts.fastoomd, "protect", "--adj", "500", "--max-stall", "1", "--", "/bin/sleep", "60",
    ])
    defer {
        try? send(signal: .kill, to: child.pid)
        _ = child.reap(timeoutMs: 5_000)
    }
    try waitForComm("sleep", of: child.pid)
    let report = try CandidatesCommand.report(
        policy: Policy(), origin: "test", source: DirectorySource(), cgroupName: group.directory, ownPID: getpid())
    let exclusion = try #require(report.excluded.first { $0.pid == child.pid })
    #expect(exclusion.isProtected)
    #expect(exclusion.reason == "fastoomd protect (until critical for 1s)")
    #expect(report.candidates.isEmpty)
}

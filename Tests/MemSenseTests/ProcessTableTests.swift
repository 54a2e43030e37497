import Glibc
import MemSense
import TestSupport
import Testing

@Test func edgeCaseProcessesAreAllReadWithEveryField() throws {
    let scan = try ProcessTable(source: fixtureSource("local-6.18", "process-edge-cases")).scan()
    #expect(scan.failures.isEmpty)
    #expect(scan.processes.map(\.pid) == [2, 10, 16941, 16942, 16943, 16944, 16945, 16946, 16951])
    let byPID = Dictionary(uniqueKeysWithValues: scan.processes.map { ($0.pid, $0) })
    #expect(byPID[2]?.isKernelThread == true)
    #expect(byPID[10]?.isKernelThread == true)
    #expect(byPID[10]?.state == "I")
    #expect(byPID[16941]?.comm == "x) S 1 (y z")
    #expect(byPID[16942]?.comm == "ab\ncd")
    #expect(byPID[16944]?.oomScore == 1332)
    #expect(byPID[16944]?.oomScoreAdj == 1000)
    #expect(byPID[16945]?.commandLine == ["bash", "-c", "sleep 60; :", "arg with spaces", "", "last"])
    let zombie = try #require(byPID[16951])
    #expect(zombie.isZombie)
    #expect(!zombie.isKernelThread)
    #expect(zombie.residentBytes == 0)
    #expect(zombie.oomScore == 0)
    #expect(zombie.cgroupPath == "/")
    let python = try #require(byPID[16946])
    #expect(
        python
            == ProcessSnapshot(
                identity: ProcessIdentity(pid: 16946, startTimeTicks: 847786), parentPID: 16937,
                processGroupID: 16892, sessionID: 5194, comm: "python3", state: "S",
                commandLine: python.commandLine, executablePath: nil, uid: 0, residentBytes: 79164 * 1024,
                residentAnonBytes: 72456 * 1024, residentFileBytes: 6708 * 1024, residentShmemBytes: 0,
                swapBytes: 0, oomScore: 668, oomScoreAdj: 0, cgroupPath: "/system.slice/shell.service",
                namespacePID: 16946, isKernelThread: false))
    #expect(python.commandLine.first == "/root/.pyenv/versions/3.11.7/bin/python3")
    #expect(python.freeableBytes == 72456 * 1024)
}

@Test func scanWithinACgroupKeepsOnlyItsProcesses() throws {
    let table = ProcessTable(source: fixtureSource("local-6.18", "process-edge-cases"))
    let shell = try table.scan(within: "/system.slice/shell.service")
    #expect(shell.processes.map(\.pid) == [16941, 16942, 16943, 16944, 16945, 16946])
    let parent = try table.scan(within: "/system.slice")
    #expect(parent.processes.count == 6)
    let other = try table.scan(within: "/system.slice/shell")
    #expect(other.processes.isEmpty)
}

@Test func idleShellSnapshot() throws {
    let scan = try ProcessTable(source: fixtureSource("local-6.18", "idle-shell")).scan()
    #expect(
        scan.processes == [
            ProcessSnapshot(
                identity: ProcessIdentity(pid: 15198, startTimeTicks: 836700), parentPID: 15193,
                processGroupID: 15193, sessionID: 5194, comm: "idle.sh", state: "S",
                commandLine: ["/bin/bash", "/tmp/cap/idle.sh", "/tmp/cap/out/idle-shell"], uid: 0,
                residentBytes: 3220 * 1024, residentAnonBytes: 328 * 1024, residentFileBytes: 2892 * 1024,
                oomScore: 666, cgroupPath: "/system.slice/shell.service", isKernelThread: false)
        ])
}

@Test func nearLimitProcessIsFoundInItsCgroup() throws {
    let table = ProcessTable(source: fixtureSource("local-6.18", "memcg-near-limit"))
    let scan = try table.scan(within: "/system.slice/shell.service/fixture-capture-18383")
    let process = try #require(scan.processes.first)
    #expect(scan.processes.count == 1)
    #expect(process.identity == ProcessIdentity(pid: 18390, startTimeTicks: 855338))
    #expect(process.residentAnonBytes == 47828 * 1024)
    #expect(process.oomScore == 668)
}

@Test func processesWithoutStatOrStatusFilesAreLeftOutAsGone() throws {
    let scan = try ProcessTable(source: fixtureSource("gopsutil", "processes")).scan()
    #expect(scan.processes.isEmpty)
    #expect(scan.failures.isEmpty)
}

/// A process of the in-memory tree, with every file the table reads.
private func addProcess(
    _ source: InMemoryFileSource, pid: Int32, parent: Int32 = 1, start: UInt64 = 500, kthread: String? = "0",
    memoryLines: String = "VmRSS:\t 100 kB\nRssAnon:\t 60 kB\nRssFile:\t 40 kB\n",
    cmdline: [UInt8] = Array("app\0".utf8),
    cgroup: String = "0::/app.slice\n"
) {
    let directory = "proc/\(pid)/"
    source.set(
        directory + "stat", "\(pid) (app) S \(parent) \(pid) \(pid) 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 \(start) 0 0\n")
    let kthreadLine = kthread.map { "Kthread:\t\($0)\n" } ?? ""
    source.set(
        directory + "status", "Name:\tapp\nPPid:\t\(parent)\nUid:\t1000\t1000\t1000\t1000\n\(kthreadLine)\(memoryLines)"
    )
    source.set(directory + "cmdline", bytes: cmdline)
    source.set(directory + "oom_score", "700\n")
    source.set(directory + "oom_score_adj", "-500\n")
    source.set(directory + "cgroup", cgroup)
}

@Test func processThatVanishesMidScanIsLeftOutWithoutError() throws {
    let source = InMemoryFileSource(["proc/meminfo": "MemTotal: 1 kB\n"])
    for pid: Int32 in [5, 6, 7, 8] { addProcess(source, pid: pid) }
    source.fail("proc/5/status", as: ReadError.vanished(path:))
    source.fail("proc/7/cmdline", as: ReadError.notFound(path:))
    source.fail("proc/8/oom_score_adj", as: ReadError.vanished(path:))
    let scan = try ProcessTable(source: source).scan()
    #expect(scan.processes.map(\.pid) == [6])
    #expect(scan.failures.isEmpty)
}

@Test func unreadableOptionalFilesLeaveTheirFieldsAtDefaults() throws {
    let source = InMemoryFileSource()
    addProcess(source, pid: 9)
    source.fail("proc/9/exe", as: ReadError.permissionDenied(path:))
    source.fail("proc/9/oom_score", as: ReadError.permissionDenied(path:))
    source.fail("proc/9/cmdline", as: ReadError.permissionDenied(path:))
    let process = try #require(try ProcessTable(source: source).snapshot(of: 9))
    #expect(process.executablePath == nil)
    #expect(process.oomScore == 0)
    #expect(process.oomScoreAdj == -500)
    #expect(process.commandLine.isEmpty)
    #expect(process.uid == 1000)
    #expect(process.residentAnonBytes == 60 * 1024)
    #expect(process.cgroupPath == "/app.slice")
}

@Test func executableLinkIsReadWhenPresent() throws {
    let source = InMemoryFileSource()
    addProcess(source, pid: 9)
    source.setLink("proc/9/exe", to: "/usr/bin/app")
    let process = try #require(try ProcessTable(source: source).snapshot(of: 9))
    #expect(process.executablePath == "/usr/bin/app")
}

@Test func unreadableOrMalformedRequiredFilesAreReportedAndTheScanGoesOn() throws {
    let source = InMemoryFileSource()
    for pid: Int32 in [11, 12, 13] { addProcess(source, pid: pid) }
    source.fail("proc/11/status", as: ReadError.permissionDenied(path:))
    source.set("proc/12/stat", "12 (app S 1\n")
    let scan = try ProcessTable(source: source).scan()
    #expect(scan.processes.map(\.pid) == [13])
    #expect(
        scan.failures.sorted { $0.description < $1.description } == [
            .unreadable(.permissionDenied(path: "proc/11/status")),
            .malformed(path: "proc/12/stat", line: 1, reason: "no (comm) in parentheses"),
        ])
}

@Test func unlistableProcIsAnError() {
    let source = InMemoryFileSource()
    source.fail("proc", as: ReadError.permissionDenied(path:))
    #expect(throws: MemSenseError.unreadable(.permissionDenied(path: "proc"))) {
        try ProcessTable(source: source).scan()
    }
}

@Test func kernelThreadsWithoutTheKthreadLineAreRecognisedByTheirParent() throws {
    let source = InMemoryFileSource()
    addProcess(source, pid: 2, parent: 0, kthread: nil, memoryLines: "", cmdline: [])
    addProcess(source, pid: 20, parent: 2, kthread: nil, memoryLines: "", cmdline: [])
    addProcess(source, pid: 21, parent: 1, kthread: nil, memoryLines: "", cmdline: [])
    addProcess(source, pid: 22, parent: 2, kthread: nil)
    let processes = try ProcessTable(source: source).scan().processes
    #expect(processes.map(\.isKernelThread) == [true, true, false, false])
}

@Test func identityTellsAReusedPIDApart() throws {
    let source = InMemoryFileSource()
    addProcess(source, pid: 30, start: 1000)
    let table = ProcessTable(source: source)
    let chosen = try #require(try table.snapshot(of: 30)).identity
    #expect(try table.identity(of: 30) == chosen)
    addProcess(source, pid: 30, start: 2000)
    #expect(try table.identity(of: 30) == ProcessIdentity(pid: 30, startTimeTicks: 2000))
    source.fail("proc/30/stat", as: ReadError.vanished(path:))
    #expect(try table.identity(of: 30) == nil)
    #expect(try table.identity(of: 31) == nil)
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func scanOfThisMachineFindsTheTestProcess() throws {
    let source = DirectorySource()
    let table = ProcessTable(source: source)
    let scan = try table.scan()
    let pid = getpid()
    let me = try #require(scan.processes.first { $0.pid == pid })
    let program = CommandLine.arguments[0].split(separator: "/").last.map(String.init) ?? ""
    #expect(me.comm == String(program.utf8.prefix(15))!)
    #expect(me.uid == getuid())
    #expect(me.parentPID == getppid())
    #expect(me.processGroupID == getpgrp())
    #expect(me.sessionID == getsid(0))
    #expect(!me.isKernelThread)
    #expect(me.residentBytes > 0)
    #expect(me.executablePath?.hasSuffix("/" + program) == true)
    #expect(try table.identity(of: pid) == me.identity)
    var boot = timespec()
    clock_gettime(CLOCK_BOOTTIME, &boot)
    let startedSeconds = Double(me.identity.startTimeTicks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    #expect(startedSeconds <= Double(boot.tv_sec) + 1)
    #expect(startedSeconds > Double(boot.tv_sec) - 3600)
    #expect(scan.processes.contains { $0.pid == 2 && $0.isKernelThread })
}

import MemSense
import Testing

@Test func statusOfAUserProcessGivesMemoryInBytes() throws {
    let status = try parse(
        fixture: "local-6.18", "process-edge-cases", "proc/16946/status", ProcessStatus.init(parsing:))
    #expect(status.name == "python3")
    #expect(status.parentPID == 16937)
    #expect(status.uid == 0)
    #expect(status.namespacePID == 16946)
    #expect(status.isKernelThread == false)
    #expect(status.hasAddressSpace)
    #expect(status.residentBytes == 79164 * 1024)
    #expect(status.residentAnonBytes == 72456 * 1024)
    #expect(status.residentFileBytes == 6708 * 1024)
    #expect(status.residentShmemBytes == 0)
    #expect(status.swapBytes == 0)
}

@Test func kernelThreadStatusHasNoAddressSpace() throws {
    let status = try parse(fixture: "local-6.18", "process-edge-cases", "proc/10/status", ProcessStatus.init(parsing:))
    #expect(status.name == "kworker/0:0H-events_highpri")
    #expect(status.isKernelThread == true)
    #expect(!status.hasAddressSpace)
    #expect(status.residentBytes == 0)
    #expect(status.parentPID == 2)
}

@Test func zombieStatusHasNoAddressSpaceButIsNoKernelThread() throws {
    let status = try parse(
        fixture: "local-6.18", "process-edge-cases", "proc/16951/status", ProcessStatus.init(parsing:))
    #expect(status.isKernelThread == false)
    #expect(!status.hasAddressSpace)
    #expect(status.parentPID == 16943)
}

@Test func statusNamesAreKeptAsTheKernelEscapesThem() throws {
    let newline = try parse(
        fixture: "local-6.18", "process-edge-cases", "proc/16942/status", ProcessStatus.init(parsing:))
    #expect(newline.name == "ab\\ncd")
    let parenthesis = try parse(
        fixture: "local-6.18", "process-edge-cases", "proc/16941/status", ProcessStatus.init(parsing:))
    #expect(parenthesis.name == "x) S 1 (y z")
    #expect(parenthesis.residentBytes == 3016 * 1024)
}

@Test func statusOfTheIdleShellAndTheNearLimitProcess() throws {
    let shell = try parse(fixture: "local-6.18", "idle-shell", "proc/15198/status", ProcessStatus.init(parsing:))
    #expect(shell.residentBytes == 3220 * 1024)
    #expect(shell.residentAnonBytes == 328 * 1024)
    #expect(shell.residentFileBytes == 2892 * 1024)
    let python = try parse(
        fixture: "local-6.18", "memcg-near-limit", "proc/18390/status", ProcessStatus.init(parsing:))
    #expect(python.residentAnonBytes == 47828 * 1024)
    #expect(python.parentPID == 18383)
}

@Test func kernelThreadFromBeforeTheKthreadLineIsLeftUndecided() throws {
    let status = try parse(fixture: "gopsutil", "processes", "proc/1/status", ProcessStatus.init(parsing:))
    #expect(status.name == "ksoftirqd/0")
    #expect(status.isKernelThread == nil)
    #expect(!status.hasAddressSpace)
    #expect(status.parentPID == 2)
    #expect(status.namespacePID == 10)
}

@Test func statusWithoutTrailingNewlineAndWideSignalMasksIsRead() throws {
    let status = try parse(fixture: "gopsutil", "processes", "proc/1060/status", ProcessStatus.init(parsing:))
    #expect(status.name == "server")
    #expect(status.uid == 107)
    #expect(status.parentPID == 1)
    #expect(status.namespacePID == nil)
    #expect(status.residentBytes == 2892 * 1024)
    #expect(status.residentAnonBytes == 524 * 1024)
    #expect(status.residentFileBytes == 2368 * 1024)
}

@Test func containerProcessTakesTheInnermostNamespacePID() throws {
    let status = try parse(fixture: "gopsutil", "processes", "proc/23819/status", ProcessStatus.init(parsing:))
    #expect(status.name == "pause")
    #expect(status.uid == 4_061_200_383)
    #expect(status.namespacePID == 1)
    #expect(status.isKernelThread == false)
    #expect(status.hasAddressSpace)
    #expect(status.residentBytes == 0)
}

@Test func editedStatusStartingWithABlankLineIsRead() throws {
    let status = try parse(fixture: "procfs", "fixtures-ttar", "proc/26231/status", ProcessStatus.init(parsing:))
    #expect(status.name == "prometheus")
    #expect(status.uid == 1000)
    #expect(status.namespacePID == 1)
    #expect(status.residentBytes == 6716 * 1024)
    #expect(status.residentAnonBytes == 2092 * 1024)
    #expect(status.residentFileBytes == 4624 * 1024)
    #expect(status.swapBytes == 660 * 1024)
}

@Test(arguments: [
    ("", ParseError(line: 0, "no Name:, PPid: or Uid: line")),
    ("Name:\tx\nPPid:\t1\n", ParseError(line: 0, "no Name:, PPid: or Uid: line")),
    ("Name:\tx\nPPid:\t1\nUid:\tabc\t0\t0\t0\n", ParseError(line: 3, "Uid: does not start with a uid")),
    ("Name:\tx\nPPid:\t-1\nUid:\t0\n", ParseError(line: 2, "not a pid")),
    ("Name:\tx\nPPid:\t1\nUid:\t0\nVmRSS:\t12 MB\n", ParseError(line: 4, "not a size in kB")),
    ("Name:\tx\nPPid:\t1\nUid:\t0\nVmSwap:\n", ParseError(line: 4, "not a size in kB")),
    ("Name:\tx\nPPid:\t1\nUid:\t0\nRssAnon:\t18014398509481984 kB\n", ParseError(line: 4, "size overflows 64 bits")),
])
func malformedStatusIsRejectedWithTheLine(_ text: String, _ error: ParseError) {
    #expect(throws: error) { try parse(text, ProcessStatus.init(parsing:)) }
}

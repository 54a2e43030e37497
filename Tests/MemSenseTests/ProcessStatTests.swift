import MemSense
import Testing

struct ProcessStatFixture: Sendable, CustomStringConvertible {
    let source: String
    let variant: String
    let path: String
    let expected: ProcessStat

    var description: String { "\(source)/\(variant)/\(path)" }
}

private func stat(
    _ pid: Int32, _ comm: String, _ state: Character, _ parent: Int32, _ group: Int32, _ session: Int32,
    _ start: UInt64
) -> ProcessStat {
    ProcessStat(
        pid: pid, comm: comm, state: state, parentPID: parent, processGroupID: group, sessionID: session,
        startTimeTicks: start)
}

let processStatFixtures: [ProcessStatFixture] = [
    .init(
        source: "local-6.18", variant: "process-edge-cases", path: "proc/16941/stat",
        expected: stat(16941, "x) S 1 (y z", "S", 16937, 16892, 5194, 847786)),
    .init(
        source: "local-6.18", variant: "process-edge-cases", path: "proc/16942/stat",
        expected: stat(16942, "ab\ncd", "S", 16937, 16892, 5194, 847786)),
    .init(
        source: "local-6.18", variant: "process-edge-cases", path: "proc/16951/stat",
        expected: stat(16951, "sleep", "Z", 16943, 16892, 5194, 847787)),
    .init(
        source: "local-6.18", variant: "process-edge-cases", path: "proc/10/stat",
        expected: stat(10, "kworker/0:0H-events_highpri", "I", 2, 0, 0, 14)),
    .init(
        source: "local-6.18", variant: "process-edge-cases", path: "proc/2/stat",
        expected: stat(2, "kthreadd", "S", 0, 0, 0, 14)),
    .init(
        source: "local-6.18", variant: "process-edge-cases", path: "proc/16946/stat",
        expected: stat(16946, "python3", "S", 16937, 16892, 5194, 847786)),
    .init(
        source: "local-6.18", variant: "idle-shell", path: "proc/15198/stat",
        expected: stat(15198, "idle.sh", "S", 15193, 15193, 5194, 836700)),
    .init(
        source: "local-6.18", variant: "memcg-near-limit", path: "proc/18390/stat",
        expected: stat(18390, "python3", "S", 18383, 18379, 5194, 855338)),
    .init(
        source: "gopsutil", variant: "processes", path: "proc/68927/stat",
        expected: stat(68927, "test(cmd).sh", "S", 68044, 68927, 68044, 114413973)),
    .init(
        source: "gopsutil", variant: "lx-branded-zone-stat", path: "proc/1/stat",
        expected: stat(1, "systemd", "S", 0, 0, 0, 25)),
    .init(
        source: "procfs", variant: "fixtures-ttar", path: "proc/584/stat",
        expected: stat(1020, "(a b ) ( c d) ", "R", 28378, 1020, 28378, 10839175)),
    .init(
        source: "procfs", variant: "fixtures-ttar", path: "proc/26231/stat",
        expected: stat(26231, "vim", "R", 5392, 7446, 5392, 82375)),
    .init(
        source: "procfs", variant: "fixtures-ttar", path: "proc/27079/stat",
        expected: stat(27079, "pthread_load", "S", 1, 27079, 1, 4289574)),
    .init(
        source: "node_exporter", variant: "collector-fixtures", path: "proc/1/stat",
        expected: stat(1, "systemd", "S", 0, 1, 1, 29)),
    .init(
        source: "node_exporter", variant: "collector-fixtures", path: "proc/10/stat",
        expected: stat(17, "khungtaskd", "S", 2, 0, 0, 24)),
    .init(
        source: "node_exporter", variant: "collector-fixtures", path: "proc/11/stat",
        expected: stat(11, "rcu_preempt", "I", 2, 0, 0, 32)),
]

@Test(arguments: processStatFixtures)
func statFieldsAreCountedAfterTheLastParenthesis(_ fixture: ProcessStatFixture) throws {
    let parsed = try parse(fixture: fixture.source, fixture.variant, fixture.path, ProcessStat.init(parsing:))
    #expect(parsed == fixture.expected)
}

@Test func commThatImitatesTheFieldsIsKeptWhole() throws {
    let parsed = try parse("7 (foo) Z ) R 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0\n", ProcessStat.init(parsing:))
    #expect(parsed.comm == "foo) Z ")
    #expect(parsed.state == "R")
    #expect(parsed.startTimeTicks == 99)
}

@Test(arguments: [
    ("", "no (comm) in parentheses"),
    ("garbage\n", "no (comm) in parentheses"),
    ("123 (abc S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99\n", "no (comm) in parentheses"),
    ("1 (a) S 1 1 1 0\n", "5 fields after the comm; the start time is the 20th"),
    ("x (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99\n", "no pid before the comm"),
    ("99999999999 (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99\n", "no pid before the comm"),
    ("1 (a) SS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99\n", "the state is not one letter"),
    ("1 (a) S -1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99\n", "ppid, pgrp or session is not a pid"),
    (
        "1 (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 18446744073709551616\n",
        "the start time (field 22) is not a number"
    ),
])
func malformedStatIsRejectedWithItsReason(_ text: String, _ reason: String) {
    #expect(throws: ParseError(line: 1, reason)) { try parse(text, ProcessStat.init(parsing:)) }
}

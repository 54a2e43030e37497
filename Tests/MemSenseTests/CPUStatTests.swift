import MemSense
import Testing

/// The `cpu` line, the number of `cpuN` lines and the task counts of each fixture's /proc/stat.
struct CPUStatCase: CustomTestStringConvertible, Sendable {
    let source: String
    let variant: String
    /// user nice system idle iowait irq softirq steal
    let total: [UInt64]
    let cpuCount: Int
    let blockedTasks: UInt64

    var testDescription: String { "\(source)/\(variant)" }
}

let cpuStatCases: [CPUStatCase] = [
    CPUStatCase(
        source: "node_exporter", variant: "collector-fixtures",
        total: [301_854, 612, 111_922, 8_979_004, 3552, 2, 3944, 0], cpuCount: 8, blockedTasks: 0),
    CPUStatCase(
        source: "procfs", variant: "fixtures-ttar",
        total: [301_854, 612, 111_922, 8_979_004, 3552, 2, 3944, 0], cpuCount: 8, blockedTasks: 1),
    // 7 columns per line (pre-2.6.11 layout): steal reads 0.
    CPUStatCase(
        source: "sysstat", variant: "old-cpu-line-format",
        total: [94891, 2_581_673, 52704, 2_909_475, 58343, 27927, 25855, 0], cpuCount: 10, blockedTasks: 0),
    CPUStatCase(
        source: "sysstat", variant: "psi-series-1",
        total: [96005, 2_578_701, 53845, 3_617_879, 60648, 27891, 25853, 0], cpuCount: 9, blockedTasks: 0),
    CPUStatCase(
        source: "sysstat", variant: "psi-series-3",
        total: [97026, 2_584_918, 54676, 3_659_199, 60803, 28037, 25936, 0], cpuCount: 7, blockedTasks: 0),
    CPUStatCase(
        source: "sysstat", variant: "psi-series-5",
        total: [99497, 2_590_985, 56814, 2_987_296, 58317, 28246, 26106, 100], cpuCount: 9, blockedTasks: 0),
    // No final newline.
    CPUStatCase(
        source: "gopsutil", variant: "stat-vm-steal-time",
        total: [23644, 6695, 4764, 134_931_750, 22115, 0, 473, 5892], cpuCount: 4, blockedTasks: 0),
    CPUStatCase(
        source: "go-sysinfo", variant: "fedora-30",
        total: [31_608_779, 223_223, 15_924_288, 1_134_746_753, 223_880, 4_348_430, 1_995_355, 266_903],
        cpuCount: 4, blockedTasks: 0),
    CPUStatCase(
        source: "go-sysinfo", variant: "ubuntu-17.10",
        total: [2_277_627, 0, 1_464_379, 1_303_119_903, 200_372, 0, 27401, 0], cpuCount: 4, blockedTasks: 0),
    CPUStatCase(
        source: "local-6.18", variant: "idle-shell",
        total: [10847, 0, 10439, 1_648_942, 663, 0, 254, 42], cpuCount: 2, blockedTasks: 0),
    CPUStatCase(
        source: "local-6.18", variant: "process-edge-cases",
        total: [11031, 0, 16785, 1_664_960, 669, 0, 276, 44], cpuCount: 2, blockedTasks: 0),
    CPUStatCase(
        source: "local-6.18", variant: "memcg-near-limit",
        total: [12400, 0, 20877, 1_674_629, 708, 0, 301, 52], cpuCount: 2, blockedTasks: 0),
    CPUStatCase(
        source: "local-6.18", variant: "memcg-after-oom-kill",
        total: [12561, 0, 20908, 1_674_721, 708, 0, 303, 52], cpuCount: 2, blockedTasks: 0),
]

@Suite struct CPUStatTests {
    @Test(arguments: cpuStatCases)
    func fixtureCPULinesAreRead(_ expected: CPUStatCase) throws {
        let bytes = try NodeFixture.bytes(expected.source, expected.variant, "proc/stat")
        let stat = try NodeFixture.parse(bytes, CPUStat.init(parsing:))
        let total = stat.total
        #expect(
            [total.user, total.nice, total.system, total.idle, total.ioWait, total.irq, total.softIRQ, total.steal]
                == expected.total)
        #expect(total.totalTicks == expected.total.reduce(0, +))
        #expect(stat.perCPU.count == expected.cpuCount)
        #expect(stat.blockedTasks == expected.blockedTasks)
    }

    @Test func perCPULinesKeepTheirIDsAndColumns() throws {
        let bytes = try NodeFixture.bytes("sysstat", "old-cpu-line-format", "proc/stat")
        let stat = try NodeFixture.parse(bytes, CPUStat.init(parsing:))
        #expect(stat.perCPU.map(\.id) == Array(0...9))
        // cpu9 200 2000 200 2000 200 200 20
        #expect(stat.perCPU.last?.times.idle == 2000)
        #expect(stat.perCPU.last?.times.softIRQ == 20)
        #expect(stat.perCPU.last?.times.steal == 0)
    }

    @Test func fourColumnLinesOfTwoFourKernelsReadZeroForTheRest() throws {
        let stat = try NodeFixture.parse(text: "cpu  10 20 30 40\ncpu0 10 20 30 40\n", CPUStat.init(parsing:))
        #expect(stat.total.idle == 40)
        #expect(stat.total.ioWait == 0)
        #expect(stat.total.totalTicks == 100)
        #expect(stat.blockedTasks == nil)
    }

    @Test func updatingReflectsCPUsGoingOfflineAndBackOnline() throws {
        var stat = CPUStat()
        for (variant, count) in [("psi-series-1", 9), ("psi-series-3", 7), ("psi-series-5", 9)] {
            let bytes = try NodeFixture.bytes("sysstat", variant, "proc/stat")
            try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in try stat.update(parsing: buffer) }
            #expect(stat.perCPU.count == count)
        }
    }
}

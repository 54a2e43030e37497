import MemSense
import Testing

/// Counters read off each fixture's /proc/vmstat; per-zone and per-type lines summed by hand.
struct VMStatCase: CustomTestStringConvertible, Sendable {
    let source: String
    let variant: String
    let scanKswapd: UInt64
    let scanDirect: UInt64
    let stealKswapd: UInt64
    let stealDirect: UInt64
    let allocStalls: UInt64
    let refaults: UInt64
    let majorFaults: UInt64
    let oomKills: UInt64
    let swapIn: UInt64
    let swapOut: UInt64

    var testDescription: String { "\(source)/\(variant)" }
}

let vmStatCases: [VMStatCase] = [
    // ~3.x, per-zone reclaim: pgscan_kswapd_dma32 107656 + _normal 358784; pgscan_direct_dma32 67 +
    // _normal 6796 (pgscan_direct_throttle is not a zone); one `allocstall`; one `workingset_refault`.
    VMStatCase(
        source: "node_exporter", variant: "collector-fixtures", scanKswapd: 466_440, scanDirect: 6863,
        stealKswapd: 332_911, stealDirect: 6528, allocStalls: 83165, refaults: 157_066, majorFaults: 507_162,
        oomKills: 0, swapIn: 1476, swapOut: 35045),
    // 4.13: allocstall per zone (5 normal + 8 movable); no final newline.
    VMStatCase(
        source: "go-sysinfo", variant: "ubuntu-17.10", scanKswapd: 3_868_525, scanDirect: 1483,
        stealKswapd: 3_798_890, stealDirect: 1466, allocStalls: 13, refaults: 302_914, majorFaults: 19204,
        oomKills: 0, swapIn: 0, swapOut: 0),
    VMStatCase(
        source: "sysstat", variant: "psi-series-1", scanKswapd: 0, scanDirect: 0, stealKswapd: 0, stealDirect: 0,
        allocStalls: 0, refaults: 0, majorFaults: 10715, oomKills: 0, swapIn: 0, swapOut: 0),
    VMStatCase(
        source: "sysstat", variant: "psi-series-4", scanKswapd: 10, scanDirect: 0, stealKswapd: 9, stealDirect: 0,
        allocStalls: 0, refaults: 0, majorFaults: 10715, oomKills: 0, swapIn: 0, swapOut: 0),
    VMStatCase(
        source: "sysstat", variant: "psi-series-5", scanKswapd: 100, scanDirect: 0, stealKswapd: 11, stealDirect: 0,
        allocStalls: 0, refaults: 0, majorFaults: 10715, oomKills: 0, swapIn: 0, swapOut: 0),
    // 6.18: workingset_refault_anon 0 + _file; pgscan_file 421 is a per-type split, not added.
    VMStatCase(
        source: "local-6.18", variant: "idle-shell", scanKswapd: 0, scanDirect: 0, stealKswapd: 0, stealDirect: 0,
        allocStalls: 0, refaults: 367_834, majorFaults: 3211, oomKills: 1, swapIn: 0, swapOut: 0),
    VMStatCase(
        source: "local-6.18", variant: "process-edge-cases", scanKswapd: 0, scanDirect: 0, stealKswapd: 0,
        stealDirect: 0, allocStalls: 0, refaults: 384_184, majorFaults: 3443, oomKills: 1, swapIn: 0, swapOut: 0),
    VMStatCase(
        source: "local-6.18", variant: "memcg-near-limit", scanKswapd: 0, scanDirect: 0, stealKswapd: 0,
        stealDirect: 0, allocStalls: 0, refaults: 558_209, majorFaults: 3942, oomKills: 1, swapIn: 0, swapOut: 0),
    VMStatCase(
        source: "local-6.18", variant: "memcg-after-oom-kill", scanKswapd: 0, scanDirect: 0, stealKswapd: 0,
        stealDirect: 0, allocStalls: 0, refaults: 558_212, majorFaults: 3942, oomKills: 3, swapIn: 0, swapOut: 0),
]

@Suite struct VMStatTests {
    @Test(arguments: vmStatCases)
    func fixtureCountersAreSummedAcrossKernelLayouts(_ expected: VMStatCase) throws {
        let bytes = try NodeFixture.bytes(expected.source, expected.variant, "proc/vmstat")
        let stat = try NodeFixture.parse(bytes, VMStat.init(parsing:))
        #expect(stat.scanKswapdPages == expected.scanKswapd)
        #expect(stat.scanDirectPages == expected.scanDirect)
        #expect(stat.stealKswapdPages == expected.stealKswapd)
        #expect(stat.stealDirectPages == expected.stealDirect)
        #expect(stat.allocStalls == expected.allocStalls)
        #expect(stat.refaults == expected.refaults)
        #expect(stat.majorFaults == expected.majorFaults)
        #expect(stat.oomKills == expected.oomKills)
        #expect(stat.swapInPages == expected.swapIn)
        #expect(stat.swapOutPages == expected.swapOut)
    }

    @Test func khugepagedReclaimIsKeptApartAndProactiveReclaimIsIgnored() throws {
        let text = """
            pgscan_kswapd 100
            pgscan_direct 20
            pgscan_khugepaged 7
            pgscan_proactive 5000
            pgsteal_khugepaged 6
            pgsteal_proactive 4000
            workingset_refault_anon 3
            workingset_refault_file 4

            """
        let stat = try NodeFixture.parse(text: text, VMStat.init(parsing:))
        #expect(stat.scanKswapdPages == 100)
        #expect(stat.scanDirectPages == 20)
        #expect(stat.scanKhugepagedPages == 7)
        #expect(stat.stealKhugepagedPages == 6)
        #expect(stat.refaults == 7)
    }

    @Test func summedCountersSaturateInsteadOfTrapping() throws {
        let text = "pgscan_kswapd_dma32 18446744073709551615\npgscan_kswapd_normal 5\n"
        let stat = try NodeFixture.parse(text: text, VMStat.init(parsing:))
        #expect(stat.scanKswapdPages == UInt64.max)
    }
}

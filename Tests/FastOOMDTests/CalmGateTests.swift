import MemSense
import Testing

@testable import fastoomd

@Suite struct CalmGateTests {
    static let node = NodeGlance(memoryStallUs: 3034, freeBytes: 20 << 30, totalBytes: 24 << 30)

    @Test func withoutAFullTickEveryTickIsFull() {
        #expect(CalmGate().calmIntervalMs(at: 1000, node: Self.node) == nil)
    }

    @Test func unchangedNodeKeepsTheIntervalOfTheLastFullTick() {
        var gate = CalmGate()
        gate.recordFullTick(at: 1000, node: Self.node, intervalMs: 750)
        #expect(gate.calmIntervalMs(at: 2000, node: Self.node) == 750)
    }

    @Test func fullTickThatWasNotCalmEndsTheCalm() {
        var gate = CalmGate()
        gate.recordFullTick(at: 1000, node: Self.node, intervalMs: 750)
        gate.recordFullTick(at: 2000, node: nil, intervalMs: 20)
        #expect(gate.calmIntervalMs(at: 3000, node: Self.node) == nil)
    }

    @Test func clockBeforeTheLastFullTickMakesTheTickFull() {
        var gate = CalmGate()
        gate.recordFullTick(at: 1000, node: Self.node, intervalMs: 750)
        #expect(gate.calmIntervalMs(at: 999, node: Self.node) == nil)
    }

    /// The slack is 1/256 of 24 GiB: 96 MiB taken; memory given back never ends the calm.
    @Test(arguments: [(96, 750), (97, nil), (-1024, 750)] as [(Int64, Int64?)])
    func freeMemoryTakenPastTheSlackEndsTheCalm(takenMiB: Int64, intervalMs: Int64?) {
        var gate = CalmGate()
        gate.recordFullTick(at: 1000, node: Self.node, intervalMs: 750)
        var glance = Self.node
        glance.freeBytes = UInt64(Int64(glance.freeBytes) - takenMiB << 20)
        #expect(gate.calmIntervalMs(at: 2000, node: glance) == intervalMs)
    }

    /// The slack of 512 bytes is 2.
    @Test(arguments: [(102, false), (103, true)] as [(UInt64, Bool)])
    func groupGrowingPastTheSlackIsExceeded(usageBytes: UInt64, isExceeded: Bool) {
        let baseline = CalmGate.GroupBaseline(usageBytes: 100, totalBytes: 512)
        #expect(baseline.isExceeded(byUsage: usageBytes) == isExceeded)
        #expect(!baseline.isExceeded(byUsage: 0))
    }
}

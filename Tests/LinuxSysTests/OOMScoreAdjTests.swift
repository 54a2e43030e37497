import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct OOMScoreAdjTests {
    static let capSysResource = 24

    @Test func raisingOOMScoreAdjReadsBack() throws {
        let child = try ChildProcess.spawn(["/bin/sleep", "60"])
        try setOOMScoreAdj(500, pid: child.pid)
        #expect(try LiveFiles.text("proc/\(child.pid)/oom_score_adj") == "500\n")
    }

    @Test func loweringOOMScoreAdjNeedsCapSysResource() throws {
        let child = try ChildProcess.spawn(["/bin/sleep", "60"])
        if try LiveFiles.hasEffectiveCapability(Self.capSysResource) {
            try setOOMScoreAdj(-1000, pid: child.pid)
            #expect(try LiveFiles.text("proc/\(child.pid)/oom_score_adj") == "-1000\n")
        } else {
            #expect(
                throws: LinuxSysError.missingCapability(
                    operation: "write /proc/\(child.pid)/oom_score_adj",
                    capability: "CAP_SYS_RESOURCE",
                    errno: .permissionDenied
                )
            ) { try setOOMScoreAdj(-1000, pid: child.pid) }
            #expect(try LiveFiles.text("proc/\(child.pid)/oom_score_adj") == "0\n")
        }
    }
}

import MemSense
import Testing

@Suite struct CgroupProcessesTests {
    private func pids(_ text: String) throws(ParseError) -> [Int32] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
            try CgroupProcesses.pids(parsing: buffer)
        }
    }

    @Test func pidsAreReadOnePerLineInTheKernelsOrder() throws {
        #expect(try pids("4130\n4127\n1\n") == [4130, 4127, 1])
        #expect(try pids("") == [])
        #expect(try pids("77") == [77])
    }

    @Test func aLineThatIsNotOnePositivePIDIsMalformedWithItsLine() {
        #expect(throws: ParseError(line: 2, "not a pid")) { try pids("12\nabc\n") }
        #expect(throws: ParseError(line: 1, "not a pid")) { try pids("0\n") }
        #expect(throws: ParseError(line: 1, "not a pid")) { try pids("12 13\n") }
        #expect(throws: ParseError(line: 3, "not a pid")) { try pids("1\n2\n4294967296\n") }
    }
}

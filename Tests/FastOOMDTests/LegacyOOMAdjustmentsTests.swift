import KillPolicy
import MemSense
import Testing

@testable import fastoomd

private func rules(_ text: String, scale: LegacyOOMAdjustments.Scale = .oomAdj) throws(ParseError)
    -> [OOMScoreAdjRuleConfig]
{
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
        try LegacyOOMAdjustments.rules(parsing: buffer, file: "oom.conf", scale: scale)
    }
}

@Suite struct LegacyOOMAdjustmentsTests {
    @Test(arguments: [(-17, -1000), (-16, -941), (-1, -58), (0, 0), (5, 294), (14, 823), (15, 1000)])
    func oomAdjIsScaledAsTheKernelScalesIt(oomAdj: Int64, oomScoreAdj: Int) {
        #expect(LegacyOOMAdjustments.Scale.oomAdj.oomScoreAdj(oomAdj) == oomScoreAdj)
    }

    @Test func nameValueLinesBecomeCommRulesInFileOrder() throws {
        let found = try rules("# name oom_adj\nsshd -17\n\n  apache2\t5   # web\r\nnginx 15\n")
        #expect(
            found.map(\.match) == [
                MatchRuleConfig(comm: "sshd"), MatchRuleConfig(comm: "apache2"), .init(comm: "nginx"),
            ])
        #expect(found.map(\.adj) == [-1000, 294, 1000])
        #expect(found.first?.comment == "oom.conf line 2: sshd -17 (oom_adj)")
    }

    @Test func oomScoreAdjValuesAreTakenAsWritten() throws {
        #expect(try rules("sshd -1000\nworker 999\n", scale: .oomScoreAdj).map(\.adj) == [-1000, 999])
    }

    @Test(arguments: [
        ("sshd -17\nhttpd\n", 2, "\"httpd\" has no value; expected \"name value\""),
        ("sshd -18\n", 1, "\"-18\" is not an oom_adj value (-17...15)"),
        ("a 1\nb 16\n", 2, "\"16\" is not an oom_adj value (-17...15)"),
        ("sshd minus\n", 1, "\"minus\" is not an oom_adj value (-17...15)"),
        ("sshd -17 extra\n", 1, "unexpected \"extra\" after the value"),
    ])
    func aBadLineIsNamedByItsNumber(text: String, line: Int, reason: String) {
        #expect(throws: ParseError(line: line, reason)) { try rules(text) }
    }

    @Test func aNameTheKernelWouldTruncateIsRefused() {
        #expect(throws: ParseError.self) { try rules("systemd-journald -17\n") }
    }

    @Test func thePrintedSectionLoadsAsValidRules() throws {
        let text = ImportOOMAdjustCommand.text(of: try rules("sshd -17\ncron -5\n"))
        struct Sections: Decodable {
            var oom_score_adj: OOMScoreAdjConfig
        }
        let config = try JSON.decode(Sections.self, from: text.utf8).oom_score_adj
        let validated = try OOMScoreAdjRules(validating: config)
        #expect(validated.rules.map(\.adj) == [-1000, -294])
        #expect(validated.rules.map(\.match.summary) == ["comm=sshd", "comm=cron"])
        #expect(validated.periodMs == 60_000)
    }
}

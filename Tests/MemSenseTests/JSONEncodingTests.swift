import MemSense
import TestSupport
import Testing

private func text(_ value: some Encodable, snakeCase: Bool = false, indented: Bool = false) throws -> String {
    String(decoding: try JSON.encode(value, snakeCase: snakeCase, indented: indented), as: UTF8.self)
}

/// One member whose key is `name` as given, to see what snake_case makes of it.
private struct Named: Encodable {
    let name: String

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: Key(stringValue: name))
    }
}

private struct Victim: Codable, Equatable {
    var pid: Int32
    var startTimeTicks: UInt64
    var comm: String
    var cmdline: [String]
    var cgroup: String?
    var score: Double
    var labels: [String: String]
    var history: [[Int64]]
}

@Suite struct JSONEncodingTests {
    @Test func keysAreSortedAndAbsentOptionalsLeftOut() throws {
        let victim = Victim(
            pid: 42, startTimeTicks: .max, comm: "java", cmdline: ["java", "-jar", "/srv/app.jar"], cgroup: nil,
            score: 0.93, labels: ["b": "2", "B": "1", "a/b": "0"], history: [[], [-1, 9_223_372_036_854_775_807]])
        #expect(
            try text(victim)
                == #"{"cmdline":["java","-jar","/srv/app.jar"],"comm":"java","history":[[],[-1,9223372036854775807]],"#
                + #""labels":{"B":"1","a/b":"0","b":"2"},"pid":42,"score":0.93,"startTimeTicks":18446744073709551615}"#)
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() throws {
        let value = "quote \" backslash \\ slash / tab \t newline \n return \r \u{8}\u{C}\u{0}\u{1F}\u{7F} é 😀 \u{2028}"
        #expect(
            try text([value])
                == #"["quote \" backslash \\ slash / tab \t newline \n return \r \b\f\u0000\u001f"#
                + "\u{7F} é 😀 \u{2028}\"]")
    }

    @Test(arguments: [
        (0.1, "0.1"), (3.0, "3"), (-0.0, "-0"), (0.0, "0"), (1e16, "1e+16"), (1e-7, "1e-07"), (100.0, "100"),
        (0.30000000000000004, "0.30000000000000004"), (Double.leastNonzeroMagnitude, "5e-324"),
        (123_456.789, "123456.789"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (-2.5e-300, "-2.5e-300"),
    ])
    func doublesAreWrittenShortestWithoutATrailingPointZero(value: Double, expected: String) throws {
        #expect(try text([value]) == "[\(expected)]")
        #expect(try JSON.decode([Double].self, from: JSON.encode([value])) == [value])
    }

    @Test func floatsAreWrittenAsTheirOwnShortestText() throws {
        #expect(try text([Float(0.1), Float(1e10), Float(2)]) == "[0.1,1e+10,2]")
    }

    @Test func randomDoublesRoundTripExactly() throws {
        var generator = SeededGenerator(seed: 8259)
        let values = (0..<2000).map { _ in Double(bitPattern: generator.next()) }.filter(\.isFinite)
        #expect(try JSON.decode([Double].self, from: JSON.encode(values)) == values)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aNonFiniteNumberIsAnEncodingErrorAtItsPath(value: Double) throws {
        do {
            _ = try JSON.encode([["ok": 1, "bad": value]])
            Issue.record("\(value) was encoded")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(ConfigIssue(codingPath: context.codingPath, "").path == "[0].bad")
            #expect(context.debugDescription.hasSuffix("cannot be written in JSON, which has no NaN or infinity."))
        }
    }

    @Test(arguments: [
        ("tMs", "t_ms"), ("oomScoreAdj", "oom_score_adj"), ("cpuIowaitTicks", "cpu_iowait_ticks"),
        ("myURLProperty", "my_url_property"), ("availableBytes", "available_bytes"), ("already_snake", "already_snake"),
        ("_leading", "_leading"), ("trailing_", "trailing_"), ("a1B", "a1_b"), ("x2y", "x2y"), ("ABC", "a_bc"),
        ("HTTPServer", "h_ttp_server"), ("aB", "a_b"), ("éÉa", "é_éa"), ("", ""),
    ])
    func snakeCaseSplitsWordsAsJSONEncoderDid(name: String, expected: String) throws {
        #expect(try text(Named(name: name), snakeCase: true) == "{\"\(expected)\":1}")
    }

    @Test func snakeCaseLeavesDictionaryKeysAsTheyAre() throws {
        struct Report: Encodable {
            var pressureFigures: [String: [String: Named]]
        }
        let report = Report(pressureFigures: ["someKey": ["MemTotal": Named(name: "someAvg10")]])
        #expect(try text(report, snakeCase: true) == #"{"pressure_figures":{"someKey":{"MemTotal":{"some_avg10":1}}}}"#)
        #expect(try text(report) == #"{"pressureFigures":{"someKey":{"MemTotal":{"someAvg10":1}}}}"#)
    }

    @Test func aKeyEncodedTwiceKeepsTheLaterValueAndAValueEncodingNothingIsAnEmptyObject() throws {
        struct Twice: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Named.Key.self)
                try container.encode(1, forKey: Named.Key(stringValue: "b"))
                try container.encode("first", forKey: Named.Key(stringValue: "a"))
                var again = encoder.container(keyedBy: Named.Key.self)
                try again.encode("second", forKey: Named.Key(stringValue: "a"))
            }
        }
        struct Nothing: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }
        #expect(try text(Twice()) == #"{"a":"second","b":1}"#)
        #expect(try text([Nothing()]) == "[{}]")
    }

    @Test func nestedAndSuperEncodersFillInTheirPlace() throws {
        struct Layered: Encodable {
            enum Keys: String, CodingKey { case inner, list, parent }
            enum InnerKeys: String, CodingKey { case value }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                let parent = container.superEncoder(forKey: .parent)
                try inner.encode(UInt64.max, forKey: .value)
                try list.encode(Int64.min)
                var nested = list.nestedUnkeyedContainer()
                try nested.encode(true)
                try list.encodeNil()
                var single = parent.singleValueContainer()
                try single.encode("late")
                #expect(ConfigIssue(codingPath: nested.codingPath, "").path == "list[1]")
            }
        }
        #expect(
            try text(Layered())
                == #"{"inner":{"value":18446744073709551615},"list":[-9223372036854775808,[true],null],"parent":"late"}"#
        )
    }

    @Test func indentedOutputIsLaidOutAsJSONEncoderPrettyPrintedIt() throws {
        struct Section: Encodable {
            var rules: [[String: Int]]
            var empty: [Int] = []
            var none: [String: Int] = [:]
        }
        let expected = """
            {
              "empty" : [

              ],
              "none" : {

              },
              "rules" : [
                {
                  "adj" : -1000,
                  "b" : 2
                }
              ]
            }
            """
        #expect(try text(Section(rules: [["b": 2, "adj": -1000]]), indented: true) == expected)
    }

    @Test func encodedValuesDecodeBackEqual() throws {
        let victim = Victim(
            pid: -1, startTimeTicks: 0, comm: "a \"b\"\n\u{1}", cmdline: [], cgroup: "/kubepods/pod-1",
            score: -1e-300, labels: [:], history: [[Int64.min, Int64.max]])
        #expect(try JSON.decode(Victim.self, from: JSON.encode(victim)) == victim)
        #expect(try JSON.decode(Victim.self, from: JSON.encode(victim, indented: true)) == victim)
    }
}

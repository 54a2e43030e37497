import MemSense
import Testing

/// The failure of decoding `text` as `T`: its kind, its JSON path and its description, e.g.
/// `typeMismatch a[0].b: Expected to decode Int but found a string instead.`; nil on success.
private func failure<T: Decodable>(_ type: T.Type, _ text: String) -> String? {
    func described(_ kind: String, _ context: DecodingError.Context, _ message: String) -> String {
        kind + " " + ConfigIssue(codingPath: context.codingPath, message).description
    }
    do {
        _ = try JSON.decode(type, from: text.utf8)
        return nil
    } catch let error as DecodingError {
        switch error {
        case .typeMismatch(_, let context): return described("typeMismatch", context, context.debugDescription)
        case .valueNotFound(_, let context): return described("valueNotFound", context, context.debugDescription)
        case .dataCorrupted(let context): return described("dataCorrupted", context, context.debugDescription)
        case .keyNotFound(let key, let context): return described("keyNotFound", context, "no \(key.stringValue)")
        @unknown default: return "\(error)"
        }
    } catch {
        return "\(error)"
    }
}

/// Decodes anything, keeping the JSON path it was decoded at.
private struct PathProbe: Decodable {
    let path: String

    init(from decoder: any Decoder) {
        path = ConfigIssue(codingPath: decoder.codingPath, "").path
    }
}

private struct Rule: Decodable, Equatable {
    var name: String
    var limit: UInt32
    var weight: Double?
}

private struct Section: Decodable, Equatable {
    var rules: [Rule]
    var labels: [String: String]
}

@Suite struct JSONDecodingTests {
    @Test func integersAreExactUpToTheLimitsOfTheirTypes() throws {
        let text = "[18446744073709551615, 0]"
        #expect(try JSON.decode([UInt64].self, from: text.utf8) == [.max, 0])
        let signed = "[-9223372036854775808, 9223372036854775807, -1]"
        #expect(try JSON.decode([Int64].self, from: signed.utf8) == [.min, .max, -1])
        #expect(try JSON.decode([Int8].self, from: "[-128, 127]".utf8) == [-128, 127])
        #expect(try JSON.decode(Int.self, from: "9007199254740993".utf8) == 9_007_199_254_740_993)
    }

    @Test func aWholeNumberWrittenWithAPointOrExponentIsAnInteger() throws {
        let text = "[1.0, 1e3, -2.50e1, 0.0e5, 12345678901234567890e-1, 1E+2]"
        #expect(try JSON.decode([Int64].self, from: text.utf8) == [1, 1000, -25, 0, 1_234_567_890_123_456_789, 100])
    }

    @Test(arguments: [
        ("UInt64", "[18446744073709551616]", "dataCorrupted [0]: Number 18446744073709551616 does not fit in UInt64."),
        ("UInt32", "[-1]", "dataCorrupted [0]: Number -1 does not fit in UInt32."),
        ("Int8", "[128]", "dataCorrupted [0]: Number 128 does not fit in Int8."),
        ("Int64", "[1e19]", "dataCorrupted [0]: Number 1e19 does not fit in Int64."),
        (
            "Int64", "[1e999999999999999999999]",
            "dataCorrupted [0]: Number 1e999999999999999999999 does not fit in Int64."
        ),
        ("Int64", "[1.5]", "dataCorrupted [0]: Number 1.5 is not a whole number."),
        ("Int64", "[25e-1]", "dataCorrupted [0]: Number 25e-1 is not a whole number."),
        ("Double", "[1e400]", "dataCorrupted [0]: Number 1e400 does not fit in Double."),
        ("Float", "[1e39]", "dataCorrupted [0]: Number 1e39 does not fit in Float."),
    ])
    func aNumberThatDoesNotFitItsTypeIsNamedAtItsPath(type: String, text: String, expected: String) {
        let found: String? =
            switch type {
            case "UInt64": failure([UInt64].self, text)
            case "UInt32": failure([UInt32].self, text)
            case "Int8": failure([Int8].self, text)
            case "Int64": failure([Int64].self, text)
            case "Double": failure([Double].self, text)
            default: failure([Float].self, text)
            }
        #expect(found == expected)
    }

    @Test func doublesReadBackTheValueWritten() throws {
        let text = "[0.1, 5e-324, 1.7976931348623157e308, -0, 2.5E-3, 1e-400]"
        let values = try JSON.decode([Double].self, from: text.utf8)
        #expect(values == [0.1, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0, 0.0025, 0])
        #expect(values[3].sign == .minus)
    }

    @Test func nestedObjectsArraysAndDictionariesDecode() throws {
        let text = #"""
            {"rules": [{"name": "sshd", "limit": 4294967295, "weight": 0.5}, {"name": "db", "limit": 0, "weight": null}],
             "labels": {"io.kubernetes.pod.name": "web", "a/b": ""}}
            """#
        #expect(
            try JSON.decode(Section.self, from: text.utf8)
                == Section(
                    rules: [Rule(name: "sshd", limit: .max, weight: 0.5), Rule(name: "db", limit: 0, weight: nil)],
                    labels: ["io.kubernetes.pod.name": "web", "a/b": ""]))
    }

    @Test(arguments: [
        (
            #"{"rules": [{"name": "a", "limit": "x"}], "labels": {}}"#,
            "typeMismatch rules[0].limit: Expected to decode UInt32 but found a string instead."
        ),
        (
            #"{"rules": [{"name": "a", "limit": 1}], "labels": {"k": 7}}"#,
            "typeMismatch labels.k: Expected to decode String but found a number instead."
        ),
        (
            #"{"rules": {}, "labels": {}}"#,
            "typeMismatch rules: Expected to decode Array<Any> but found an object instead."
        ),
        (
            #"{"rules": [true], "labels": {}}"#,
            "typeMismatch rules[0]: Expected to decode Dictionary<String, Any> but found a boolean instead."
        ),
        (
            #"{"rules": [{"name": null, "limit": 1}], "labels": {}}"#,
            "valueNotFound rules[0].name: Expected value of type String but found null instead."
        ),
        (
            #"{"rules": null, "labels": {}}"#,
            "valueNotFound rules: Expected unkeyed decoding container but found null instead."
        ),
        (#"{"rules": [{"limit": 1}], "labels": {}}"#, "keyNotFound rules[0]: no name"),
        (#"{"rules": []}"#, "keyNotFound : no labels"),
        ("[]", "typeMismatch : Expected to decode Dictionary<String, Any> but found an array instead."),
    ])
    func aValueOfTheWrongKindIsTheErrorJSONDecoderGaveAtItsPath(text: String, expected: String) {
        #expect(failure(Section.self, text) == expected)
    }

    @Test func everyContainerHandsDownTheRightCodingPath() throws {
        struct Probes: Decodable {
            var paths: [String] = []

            enum Keys: String, CodingKey { case outer, list }
            enum InnerKeys: String, CodingKey { case probe }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                let outer = try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .outer)
                var list = try container.nestedUnkeyedContainer(forKey: .list)
                var inner = try list.nestedUnkeyedContainer()
                paths.append(try outer.decode(PathProbe.self, forKey: .probe).path)
                paths.append(try inner.decode(PathProbe.self).path)
                paths.append(try list.decode(PathProbe.self).path)
                paths.append(ConfigIssue(codingPath: try container.superDecoder(forKey: .outer).codingPath, "").path)
                paths.append(ConfigIssue(codingPath: try list.superDecoder().codingPath, "").path)
            }
        }
        let text = #"{"outer": {"probe": 1}, "list": [[2], 3, 4]}"#
        #expect(
            try JSON.decode(Probes.self, from: text.utf8).paths == [
                "outer.probe", "list[0][0]", "list[1]", "outer", "list[2]",
            ])
    }

    @Test func anAbsentOrNullOptionalIsNilAndAnUnknownKeyIsListed() throws {
        struct Keys: Decodable {
            var all: [String]
            var weight: Double?
            var name: String?

            enum CodingKeys: String, CodingKey { case weight, name, zeta, alpha }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                all = container.allKeys.map(\.stringValue)
                weight = try container.decodeIfPresent(Double.self, forKey: .weight)
                name = try container.decodeIfPresent(String.self, forKey: .name)
            }
        }
        let keys = try JSON.decode(Keys.self, from: #"{"zeta": 1, "weight": null, "other": 2, "alpha": 3}"#.utf8)
        #expect(keys.all == ["zeta", "weight", "alpha"])  // the order written; `other` is not a key of the type
        #expect(keys.weight == nil && keys.name == nil)
    }

    @Test func anUnkeyedContainerStopsAtItsEndAndStaysOnAnElementThatFailed() throws {
        struct Pair: Decodable {
            var first: String
            var wrongThenRight: String
            var pastTheEnd: String?

            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                first = try container.decode(String.self)
                #expect((try? container.decode(Int.self)) == nil)
                #expect(try !container.decodeNil())
                wrongThenRight = try container.decode(String.self)
                #expect(container.isAtEnd && container.count == 2)
                pastTheEnd = try? container.decode(String.self)
            }
        }
        let pair = try JSON.decode(Pair.self, from: #"["a", "b"]"#.utf8)
        #expect([pair.first, pair.wrongThenRight] == ["a", "b"] && pair.pastTheEnd == nil)
        #expect(
            failure([Int].self, #"[1, null]"#)
                == "valueNotFound [1]: Expected value of type Int but found null instead.")
    }

    @Test func bytesFromAnyCollectionDecode() throws {
        let text = #"x{"a": [1]}y"#
        let bytes = Array(text.utf8)
        #expect(try JSON.decode([String: [Int]].self, from: bytes[1..<(bytes.count - 1)]) == ["a": [1]])
        #expect(try JSON.decode([Int].self, from: "[1,2]".utf8.lazy.map { $0 }) == [1, 2])
    }
}

import MemSense
import Testing

/// The syntax error `JSON.decode` reports for `text`, or nil when the text parses.
private func syntaxError(_ text: String) -> JSONSyntaxError? {
    do {
        _ = try JSON.decode(Bool.self, from: Array(text.utf8))
        return nil
    } catch DecodingError.dataCorrupted(let context) {
        #expect(context.codingPath.isEmpty)
        return context.underlyingError as? JSONSyntaxError
    } catch {
        return nil
    }
}

/// A text that is not JSON, what is wrong, and where: line, column, byte offset.
struct BadJSON: Sendable, CustomTestStringConvertible {
    let text: String
    let reason: String
    let line: Int
    let column: Int
    let byte: Int

    var testDescription: String { text.debugDescription }
}

@Suite struct JSONSyntaxTests {
    static let badTexts: [BadJSON] = [
        BadJSON(text: "", reason: "expected a value, found the end of the text", line: 1, column: 1, byte: 0),
        BadJSON(text: "{predictor", reason: "expected a key in double quotes, found 'p'", line: 1, column: 2, byte: 1),
        BadJSON(text: #"{"a": 1,}"#, reason: "expected a key in double quotes, found '}'", line: 1, column: 9, byte: 8),
        BadJSON(text: "[1,]", reason: "expected a value, found ']'", line: 1, column: 4, byte: 3),
        BadJSON(text: "[1 2]", reason: "expected ',' or ']' after an element, found '2'", line: 1, column: 4, byte: 3),
        BadJSON(text: #"{"a" 1}"#, reason: "expected ':' after the key, found '1'", line: 1, column: 6, byte: 5),
        BadJSON(
            text: #"{"a": 1 "b": 2}"#, reason: "expected ',' or '}' after a member, found '\"'", line: 1, column: 9,
            byte: 8),
        BadJSON(text: #"{"a": 1, "a": 2}"#, reason: #"duplicate key "a""#, line: 1, column: 10, byte: 9),
        BadJSON(text: "{'a': 1}", reason: "expected a key in double quotes, found '''", line: 1, column: 2, byte: 1),
        BadJSON(text: "// comment\n{}", reason: "expected a value, found '/'", line: 1, column: 1, byte: 0),
        BadJSON(
            text: "{} {}", reason: "expected the end of the text after the value, found '{'", line: 1, column: 4,
            byte: 3),
        BadJSON(text: "tru", reason: "expected `true`", line: 1, column: 1, byte: 0),
        BadJSON(text: "nul", reason: "expected `null`", line: 1, column: 1, byte: 0),
        BadJSON(text: "01", reason: "a number cannot start with 0 followed by a digit", line: 1, column: 2, byte: 1),
        BadJSON(
            text: "-", reason: "expected a digit after '-', found the end of the text", line: 1, column: 2, byte: 1),
        BadJSON(text: "+1", reason: "expected a value, found '+'", line: 1, column: 1, byte: 0),
        BadJSON(text: ".5", reason: "expected a value, found '.'", line: 1, column: 1, byte: 0),
        BadJSON(
            text: "1.", reason: "expected a digit after the decimal point, found the end of the text", line: 1,
            column: 3, byte: 2),
        BadJSON(
            text: "1e+", reason: "expected a digit after the exponent's 'e', found the end of the text", line: 1,
            column: 4, byte: 3),
        BadJSON(
            text: #""abc"#, reason: "the string is not closed before the end of the text", line: 1, column: 1, byte: 0),
        BadJSON(text: "\"a\tb\"", reason: "control character 0x09 in a string", line: 1, column: 3, byte: 2),
        BadJSON(text: #""\x""#, reason: #"invalid escape: \ followed by 'x'"#, line: 1, column: 2, byte: 1),
        BadJSON(
            text: #""\u12g4""#, reason: "expected four hex digits after \\u, found 'g'", line: 1, column: 6, byte: 5),
        BadJSON(
            text: #""\ud83d""#, reason: "high surrogate escape without a low surrogate escape after it", line: 1,
            column: 2, byte: 1),
        BadJSON(
            text: #""\ud83d\u0041""#, reason: "high surrogate escape without a low surrogate escape after it", line: 1,
            column: 2, byte: 1),
        BadJSON(
            text: #""\ude00""#, reason: "low surrogate escape without the high one before it", line: 1, column: 2,
            byte: 1),
        BadJSON(text: "{\n  \"a\": [1,\n    x]}", reason: "expected a value, found 'x'", line: 3, column: 5, byte: 17),
        BadJSON(text: "[\"é\", x]", reason: "expected a value, found 'x'", line: 1, column: 7, byte: 7),
    ]

    @Test(arguments: badTexts)
    func textThatIsNotJSONIsNamedWithWhatAndWhere(_ bad: BadJSON) throws {
        let error = try #require(syntaxError(bad.text))
        #expect(error.reason.hasPrefix(bad.reason))
        #expect([error.line, error.column, error.byteOffset] == [bad.line, bad.column, bad.byte])
    }

    @Test func theErrorDescriptionSaysLineColumnAndByte() throws {
        let error = try #require(syntaxError("{\n  \"a\" 1}"))
        #expect(error.description == "expected ':' after the key, found '1' at line 2, column 7 (byte 8)")
    }

    @Test func invalidUTF8InAStringIsRefusedAtItsByte() throws {
        let cases: [([UInt8], Int)] = [
            ([0x22, 0x61, 0xFF, 0x22], 2),  // a byte that never starts a character
            ([0x22, 0x80, 0x22], 1),  // a stray continuation byte
            ([0x22, 0xC0, 0xAF, 0x22], 1),  // an overlong '/'
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // a surrogate written as UTF-8
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // past U+10FFFF
            ([0x22, 0xE2, 0x82], 1),  // cut short by the end of the text
        ]
        for (bytes, offset) in cases {
            do {
                _ = try JSON.decode(String.self, from: bytes)
                Issue.record("\(bytes) should not parse")
            } catch DecodingError.dataCorrupted(let context) {
                let error = try #require(context.underlyingError as? JSONSyntaxError)
                #expect(error.reason.hasPrefix("invalid UTF-8"))
                #expect(error.byteOffset == offset)
            }
        }
    }

    @Test func everyEscapeIsReadIncludingSurrogatePairs() throws {
        let text = #"["\" \\ \/ \b \f \n \r \t", "caf\u00e9 \u00E9", "\ud83d\ude00", "\u0000", "plain é 😀 /"]"#
        let strings = try JSON.decode([String].self, from: text.utf8)
        #expect(strings == ["\" \\ / \u{8} \u{C} \n \r \t", "café é", "😀", "\u{0}", "plain é 😀 /"])
    }

    @Test func whitespaceAroundTokensAndALeadingByteOrderMarkAreAllowed() throws {
        let text = " \t\r\n{ \"a\" :\n[ 1 , 2 ]\t} \n"
        #expect(try JSON.decode([String: [Int]].self, from: text.utf8) == ["a": [1, 2]])
        #expect(try JSON.decode(Int.self, from: [0xEF, 0xBB, 0xBF] + Array("7".utf8)) == 7)
    }

    @Test func nestingIsBoundedWithoutRecursingPastTheBound() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let error = try #require(syntaxError(deep))
        #expect(error.reason == "more than 512 nested arrays and objects")
        #expect(error.byteOffset == 512)
        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        // 512 levels parse; decoding them as a Bool is then a type mismatch, not a syntax error.
        #expect(syntaxError(allowed) == nil)
    }

    @Test func anyValueMayStandAtTheTop() throws {
        #expect(try JSON.decode(Bool.self, from: " true ".utf8))
        #expect(try JSON.decode(Int?.self, from: "null".utf8) == nil)
        #expect(try JSON.decode(String.self, from: #""x""#.utf8) == "x")
        #expect(try JSON.decode(Double.self, from: "-0.5e1".utf8) == -5)
    }
}

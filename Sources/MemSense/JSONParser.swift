/// Reads JSON text (RFC 8259, UTF-8) into a `JSONValue`, refusing anything else with the line,
/// column and byte where it goes wrong: comments, trailing commas, single quotes, a leading zero,
/// a control character or invalid UTF-8 in a string, a lone surrogate escape, a key given twice
/// (one of them would be silently dropped), nesting deeper than `maximumDepth`.
///
///     {"kill_policy": {"protect": [{"comm": "sshd"}], "avoid": []}, "name": "caf\u00e9 \ud83d\ude00"}
struct JSONParser {
    /// Arrays and objects nest at most this deep (as JSONDecoder allowed); deeper text is refused
    /// rather than recursed into.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// The bytes of a string that has escapes, reused from one such string to the next.
    private var unescaped: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The one value `bytes` hold, with nothing but whitespace around it. A UTF-8 byte order
    /// mark before it is skipped, as RFC 8259 allows.
    static func value(parsing bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let parsed =
            bytes.withContiguousStorageIfAvailable { buffer in
                Result { () throws(JSONSyntaxError) in try value(parsingBuffer: buffer) }
            }
            ?? Array(bytes).withUnsafeBufferPointer { buffer in
                Result { () throws(JSONSyntaxError) in try value(parsingBuffer: buffer) }
            }
        return try parsed.get()
    }

    private static func value(parsingBuffer bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw parser.error("expected the end of the text after the value, found \(parser.found)")
        }
        return value
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        switch next {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("expected a value, found \(found)")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var object = JSONObject()
        skipWhitespace()
        if skip(UInt8(ascii: "}")) {
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            let keyOffset = position
            guard next == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(found)") }
            let key = try string()
            skipWhitespace()
            guard skip(UInt8(ascii: ":")) else { throw error("expected ':' after the key, found \(found)") }
            let member = try value()
            guard object.insert(member, forKey: key) else { throw error("duplicate key \"\(key)\"", at: keyOffset) }
            skipWhitespace()
            if skip(UInt8(ascii: ",")) { continue }
            guard skip(UInt8(ascii: "}")) else { throw error("expected ',' or '}' after a member, found \(found)") }
            depth -= 1
            return .object(object)
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if skip(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            if skip(UInt8(ascii: ",")) { continue }
            guard skip(UInt8(ascii: "]")) else { throw error("expected ',' or ']' after an element, found \(found)") }
            depth -= 1
            return .array(elements)
        }
    }

    /// Steps over the opening bracket or brace, counting the depth.
    private mutating func enterContainer() throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else {
            throw error("more than \(Self.maximumDepth) nested arrays and objects")
        }
        depth += 1
        position += 1
    }

    /// The string whose opening quote is at `position`; a string without escapes is made
    /// straight from the input bytes.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let openingQuote = position
        position += 1
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\\") {
            if bytes[position] == UInt8(ascii: "\"") {
                defer { position += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            try skipCharacter()
        }
        unescaped.removeAll(keepingCapacity: true)
        unescaped += bytes[start..<position]
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: unescaped, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try unescape()
            default:
                let characterStart = position
                try skipCharacter()
                unescaped += bytes[characterStart..<position]
            }
        }
        throw error("the string is not closed before the end of the text", at: openingQuote)
    }

    /// Steps over one character of a string: an ASCII byte other than a control character, or a
    /// multi-byte UTF-8 sequence that is valid (RFC 3629: no stray continuation byte, overlong
    /// form, surrogate or value past U+10FFFF).
    private mutating func skipCharacter() throws(JSONSyntaxError) {
        let lead = bytes[position]
        if lead < 0x20 {
            throw error("control character \(Self.hex(lead)) in a string (write it escaped, e.g. \\n or \\u001f)")
        }
        if lead < 0x80 {
            position += 1
            return
        }
        let length: Int
        let second: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: throw error("invalid UTF-8: byte \(Self.hex(lead)) cannot start a character")
        }
        guard position + length <= bytes.count, second.contains(bytes[position + 1]),
            bytes[(position + 2)..<(position + length)].allSatisfy({ (0x80...0xBF).contains($0) })
        else { throw error("invalid UTF-8: an incomplete or malformed \(length)-byte character") }
        position += length
    }

    /// Appends the character of the escape at `position` (`\n`, `\u00e9`, a surrogate pair
    /// `\ud83d\ude00`) to `unescaped`.
    private mutating func unescape() throws(JSONSyntaxError) {
        let escapeStart = position
        position += 1
        let letter = next
        position += 1
        let simple: UInt8? =
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            unescaped.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            position = escapeStart + 1
            throw error("invalid escape: \\ followed by \(found)", at: escapeStart)
        }
        var scalar = try hexQuad()
        if (0xDC00..<0xE000).contains(scalar) {
            throw error("low surrogate escape without the high one before it", at: escapeStart)
        }
        if (0xD800..<0xDC00).contains(scalar) {
            var low: UInt32 = 0
            if skip(UInt8(ascii: "\\")), skip(UInt8(ascii: "u")) { low = try hexQuad() }
            guard (0xDC00..<0xE000).contains(low) else {
                throw error("high surrogate escape without a low surrogate escape after it", at: escapeStart)
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        // Every value left is a scalar: surrogates were handled, and four hex digits and a pair stay below 0x110000.
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { unescaped.append($0) }
    }

    /// The four hex digits after `\u`.
    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit: UInt8
            switch next {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = next - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = next - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = next - UInt8(ascii: "A") + 10
            default: throw error("expected four hex digits after \\u, found \(found)")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as written.
    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = position
        _ = skip(UInt8(ascii: "-"))
        if skip(UInt8(ascii: "0")) {
            if Self.isDigit(next) { throw error("a number cannot start with 0 followed by a digit") }
        } else {
            try skipDigits(after: "'-'")
        }
        if skip(UInt8(ascii: ".")) { try skipDigits(after: "the decimal point") }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            if !skip(UInt8(ascii: "+")) { _ = skip(UInt8(ascii: "-")) }
            try skipDigits(after: "the exponent's 'e'")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func skipDigits(after what: String) throws(JSONSyntaxError) {
        guard Self.isDigit(next) else { throw error("expected a digit after \(what), found \(found)") }
        while Self.isDigit(next) { position += 1 }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes[position...].starts(with: expected) else {
            throw error("expected `\(word)`")
        }
        position += expected.count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    /// Steps over `byte` if it comes next.
    private mutating func skip(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    /// The byte at `position`, or 0 at the end (0 is never valid where a byte is looked at).
    private var next: UInt8 { position < bytes.count ? bytes[position] : 0 }

    /// What is at `position`, for an error: `'}'`, `byte 0x00`, or `the end of the text`.
    private var found: String {
        guard position < bytes.count else { return "the end of the text" }
        let byte = bytes[position]
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(Self.hex(byte))"
    }

    private func error(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(reason, at: offset ?? position, in: bytes)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (byte < 16 ? "0" : "") + digits
    }
}

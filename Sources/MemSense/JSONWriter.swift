/// Writes an encoded `JSONNode` tree as JSON text, byte for byte as JSONEncoder wrote it with
/// `.sortedKeys` and `.withoutEscapingSlashes`: keys sorted by their UTF-8 bytes (of a key
/// encoded twice, the last value), `/` and non-ASCII text as they are, and with `isIndented` the
/// layout of `.prettyPrinted` (two spaces, `"key" : value`).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private let isIndented: Bool
    private var depth = 0

    init(indented: Bool) {
        isIndented = indented
    }

    mutating func write(_ node: JSONNode) {
        switch node {
        case .null: bytes += "null".utf8
        case .bool(let value): bytes += (value ? "true" : "false").utf8
        case .number(let text): bytes += text.utf8
        case .string(let text): Self.append(string: text, to: &bytes)
        case .array(let array): write(array.elements)
        case .object(let object): write(object.members)
        case .deferred(let encoder): write(encoder.node ?? .object(JSONObjectNode()))
        }
    }

    private mutating func write(_ elements: [JSONNode]) {
        open(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            startItem(isFirst: index == 0)
            write(element)
        }
        close(UInt8(ascii: "]"))
    }

    private mutating func write(_ members: [(key: String, value: JSONNode)]) {
        open(UInt8(ascii: "{"))
        let order = members.indices.sorted { left, right in
            let (leftKey, rightKey) = (members[left].key.utf8, members[right].key.utf8)
            return leftKey.elementsEqual(rightKey) ? left < right : leftKey.lexicographicallyPrecedes(rightKey)
        }
        var isFirst = true
        for (position, index) in order.enumerated() {
            let member = members[index]
            if position + 1 < order.count, members[order[position + 1]].key.utf8.elementsEqual(member.key.utf8) {
                continue  // encoded again later: the later value wins
            }
            startItem(isFirst: isFirst)
            isFirst = false
            Self.append(string: member.key, to: &bytes)
            bytes += (isIndented ? " : " : ":").utf8
            write(member.value)
        }
        close(UInt8(ascii: "}"))
    }

    // Indented, an empty container is its brackets around a blank line, as JSONEncoder had it.

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        guard isIndented else { return }
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
    }

    private mutating func startItem(isFirst: Bool) {
        if !isFirst {
            bytes.append(UInt8(ascii: ","))
            if isIndented { bytes.append(UInt8(ascii: "\n")) }
        }
        if isIndented { indent() }
    }

    private mutating func close(_ bracket: UInt8) {
        if isIndented {
            bytes.append(UInt8(ascii: "\n"))
            depth -= 1
            indent()
        }
        bytes.append(bracket)
    }

    private mutating func indent() {
        bytes += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// `text` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, `\r`, `\b`,
    /// `\f` or `\u001f`, everything else (`/`, UTF-8) as it is.
    static func append(string text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() {
                let escape: [UInt8]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape = [UInt8(ascii: "\\"), byte]
                case 0x0A: escape = Array(#"\n"#.utf8)
                case 0x09: escape = Array(#"\t"#.utf8)
                case 0x0D: escape = Array(#"\r"#.utf8)
                case 0x08: escape = Array(#"\b"#.utf8)
                case 0x0C: escape = Array(#"\f"#.utf8)
                case 0..<0x20: escape = Array(#"\u00"#.utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
                default: continue
                }
                bytes += utf8[runStart..<index]
                bytes += escape
                runStart = index + 1
            }
            bytes += utf8[runStart...]
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

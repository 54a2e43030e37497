/// A strict well-formedness check of an XML document, for the SVG plots: one root element,
/// every tag closed in order, names by the XML name rule, attributes quoted and not repeated,
/// no `<` in attribute values, and every `&` the start of one of the five predefined entities
/// or a character reference. It returns the elements in document order with their attributes
/// and text, so that tests can look for the parts they expect.
struct XMLChecker {
    struct Element: Equatable {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    struct Failure: Error, Equatable {
        var offset: Int
        var reason: String
    }

    private(set) var elements: [Element] = []
    private let characters: [Character]
    private var index = 0

    init(_ text: String) throws(Failure) {
        characters = Array(text)
        try document()
    }

    /// The elements named `name` whose attribute `key` is `value`.
    func elements(_ name: String, _ key: String, _ value: String) -> [Element] {
        elements.filter { $0.name == name && $0.attributes[key] == value }
    }

    private func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

    private mutating func document() throws(Failure) {
        if starts(with: "<?xml") {
            guard let end = find("?>") else { throw fail("XML declaration not closed") }
            index = end + 2
        }
        skipMisc()
        guard peek == "<" else { throw fail("no root element") }
        try element()
        skipMisc()
        guard index == characters.count else { throw fail("content after the root element") }
    }

    private mutating func skipMisc() {
        while true {
            while let character = peek, character.isWhitespace { index += 1 }
            guard starts(with: "<!--"), let end = find("-->") else { return }
            index = end + 3
        }
    }

    private mutating func element() throws(Failure) {
        index += 1
        let name = try self.name()
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = skipSpace()
            if starts(with: "/>") {
                index += 2
                elements.append(Element(name: name, attributes: attributes))
                return
            }
            if peek == ">" {
                index += 1
                break
            }
            guard hadSpace else { throw fail("attributes of <\(name)> not separated by space") }
            let key = try self.name()
            skipSpace()
            guard peek == "=" else { throw fail("attribute \(key) without =") }
            index += 1
            skipSpace()
            guard let quote = peek, quote == "\"" || quote == "'" else { throw fail("attribute \(key) not quoted") }
            index += 1
            var value = ""
            while let character = peek, character != quote {
                guard character != "<" else { throw fail("< in attribute \(key)") }
                value.append(try characterOrEntity())
            }
            guard peek == quote else { throw fail("attribute \(key) not closed") }
            index += 1
            guard attributes.updateValue(value, forKey: key) == nil else { throw fail("attribute \(key) twice") }
        }
        let position = elements.count
        elements.append(Element(name: name, attributes: attributes))
        while true {
            guard let character = peek else { throw fail("<\(name)> not closed") }
            if starts(with: "</") {
                index += 2
                let closing = try self.name()
                guard closing == name else { throw fail("</\(closing)> closes <\(name)>") }
                skipSpace()
                guard peek == ">" else { throw fail("</\(name) not ended by >") }
                index += 1
                return
            } else if starts(with: "<!--") {
                guard let end = find("-->") else { throw fail("comment not closed") }
                index = end + 3
            } else if character == "<" {
                try element()
            } else {
                elements[position].text.append(try characterOrEntity())
            }
        }
    }

    private mutating func characterOrEntity() throws(Failure) -> Character {
        guard let character = peek else { throw fail("unexpected end") }
        index += 1
        guard character == "&" else { return character }
        guard let end = characters[index...].firstIndex(of: ";") else { throw fail("& without ;") }
        let entity = String(characters[index..<end])
        index = end + 1
        let named: [String: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        if let value = named[entity] { return value }
        let code: UInt32? =
            entity.hasPrefix("#x")
            ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
        guard let code, let scalar = Unicode.Scalar(code) else { throw fail("unknown entity &\(entity);") }
        return Character(scalar)
    }

    private mutating func name() throws(Failure) -> String {
        let start = index
        while let character = peek,
            character.isLetter || character == "_" || character == ":"
                || (index > start && (character.isNumber || character == "-" || character == "."))
        {
            index += 1
        }
        guard index > start else { throw fail("expected a name") }
        return String(characters[start..<index])
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while let character = peek, character.isWhitespace { index += 1 }
        return index > start
    }

    private var peek: Character? { index < characters.count ? characters[index] : nil }

    private func starts(with prefix: String) -> Bool {
        characters[index...].starts(with: prefix)
    }

    private func find(_ marker: String) -> Int? {
        var position = index
        while position < characters.count {
            if characters[position...].starts(with: marker) { return position }
            position += 1
        }
        return nil
    }
}

/// A `Decoder` over one parsed `JSONValue` and its place in the document (`codingPath`), for
/// `JSON.decode`. It is its own single-value container.
///
/// Failures are the standard library's `DecodingError` with the coding path of the value, worded
/// as JSONDecoder worded them, so configuration problems keep their JSON paths and messages:
/// `.typeMismatch` ("Expected to decode Double but found a string instead."), `.valueNotFound`
/// for null, `.keyNotFound`, and `.dataCorrupted` for a number that does not fit its type.
final class JSONValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw mismatch([String: Any].self, container: "keyed")
        }
        return KeyedDecodingContainer(JSONKeyedDecodingContainer<Key>(object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw mismatch([Any].self, container: "unkeyed")
        }
        return JSONUnkeyedDecodingContainer(elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(type) }
        return bool
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let string) = value else { throw mismatch(type) }
        return string
    }

    func decode(_ type: Double.Type) throws -> Double { try floatingPoint() }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint() }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: self)
    }

    private func integer<T: FixedWidthInteger>() throws -> T {
        let text = try numberText(T.self)
        guard let integer: T = JSONNumber.integer(text) else {
            let isWhole = Double(text).map { $0 == $0.rounded() } ?? false
            throw corrupted(
                isWhole ? "Number \(text) does not fit in \(T.self)." : "Number \(text) is not a whole number.")
        }
        return integer
    }

    private func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>() throws -> T {
        let text = try numberText(T.self)
        guard let number = T(text), number.isFinite else {
            throw corrupted("Number \(text) does not fit in \(T.self).")
        }
        return number
    }

    private func numberText(_ type: Any.Type) throws -> String {
        guard case .number(let text) = value else { throw mismatch(type) }
        return text
    }

    /// Null where a value of `type` is needed is `.valueNotFound`; any other kind of value is a
    /// `.typeMismatch`.
    private func mismatch(_ type: Any.Type, container: String? = nil) -> DecodingError {
        if value == .null {
            let wanted = container.map { "\($0) decoding container" } ?? "value of type \(type)"
            return .valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "Expected \(wanted) but found null instead."))
        }
        return .typeMismatch(
            type,
            DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "Expected to decode \(type) but found \(value.kindDescription) instead."))
    }

    private func corrupted(_ description: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: description))
    }
}

/// An `Encoder` that builds the `JSONNode` of one value at its place in the document
/// (`codingPath`), for `JSON.encode`. It is its own single-value container.
///
/// A value that encodes nothing becomes `{}`, and a NaN or infinite number is an
/// `EncodingError.invalidValue` at its path, as with JSONEncoder.
final class JSONValueEncoder: Encoder, SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Whether the keys of the objects below are converted with `SnakeCase`.
    let isSnakeCase: Bool
    /// Whether this value's own keys are: not those of a `[String: Value]`, whose keys are data
    /// (cgroup paths, file names), not property names.
    private let convertsOwnKeys: Bool
    private(set) var node: JSONNode?

    init(codingPath: [any CodingKey], isSnakeCase: Bool, isDictionary: Bool = false) {
        self.codingPath = codingPath
        self.isSnakeCase = isSnakeCase
        convertsOwnKeys = isSnakeCase && !isDictionary
    }

    /// The node of `value` encoded at `codingPath`.
    static func node(encoding value: some Encodable, codingPath: [any CodingKey], isSnakeCase: Bool) throws -> JSONNode
    {
        let encoder = JSONValueEncoder(
            codingPath: codingPath, isSnakeCase: isSnakeCase, isDictionary: value is any StringKeyedDictionary)
        try value.encode(to: encoder)
        return encoder.node ?? .object(JSONObjectNode())
    }

    /// A finite number as JSON writes it; NaN and infinities are an error at `codingPath`.
    static func number<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T, codingPath: [any CodingKey]) throws
        -> JSONNode
    {
        guard let text = JSONNumber.text(of: value) else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "\(value) cannot be written in JSON, which has no NaN or infinity."))
        }
        return .number(text)
    }

    /// The key as written: snake_case when asked for, except in a dictionary.
    func name(of key: some CodingKey) -> String {
        convertsOwnKeys ? SnakeCase.key(key.stringValue) : key.stringValue
    }

    /// Several calls share one object, as with JSONEncoder (a class and its superclass encode
    /// into the same container).
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObjectNode
        if case .object(let existing) = node {
            object = existing
        } else {
            object = JSONObjectNode()
            node = .object(object)
        }
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<Key>(object, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArrayNode
        if case .array(let existing) = node {
            array = existing
        } else {
            array = JSONArrayNode()
            node = .array(array)
        }
        return JSONUnkeyedEncodingContainer(array, codingPath: codingPath, isSnakeCase: isSnakeCase)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() { node = .null }
    func encode(_ value: Bool) { node = .bool(value) }
    func encode(_ value: String) { node = .string(value) }
    func encode(_ value: Double) throws { node = try Self.number(value, codingPath: codingPath) }
    func encode(_ value: Float) throws { node = try Self.number(value, codingPath: codingPath) }
    func encode(_ value: Int) { node = .integer(value) }
    func encode(_ value: Int8) { node = .integer(value) }
    func encode(_ value: Int16) { node = .integer(value) }
    func encode(_ value: Int32) { node = .integer(value) }
    func encode(_ value: Int64) { node = .integer(value) }
    func encode(_ value: UInt) { node = .integer(value) }
    func encode(_ value: UInt8) { node = .integer(value) }
    func encode(_ value: UInt16) { node = .integer(value) }
    func encode(_ value: UInt32) { node = .integer(value) }
    func encode(_ value: UInt64) { node = .integer(value) }

    func encode<T: Encodable>(_ value: T) throws {
        node = try Self.node(encoding: value, codingPath: codingPath, isSnakeCase: isSnakeCase)
    }
}

/// `[String: Value]`, recognised at run time so that its keys are left as they are.
protocol StringKeyedDictionary {}

extension Dictionary: StringKeyedDictionary where Key == String {}

/// Encodes the members of one JSON object for `JSONValueEncoder`.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    private let object: JSONObjectNode
    private let encoder: JSONValueEncoder

    init(_ object: JSONObjectNode, encoder: JSONValueEncoder) {
        self.object = object
        self.encoder = encoder
    }

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) { add(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { add(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { add(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try add(number: value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try add(number: value, key) }
    mutating func encode(_ value: Int, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { add(.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { add(.integer(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        add(
            try JSONValueEncoder.node(
                encoding: value, codingPath: codingPath + [key], isSnakeCase: encoder.isSnakeCase), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        superEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        superEncoder(forKey: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(at: AnyCodingKey.superKey, named: encoder.name(of: AnyCodingKey.superKey))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(at: key, named: encoder.name(of: key))
    }

    /// An encoder whose value, whatever it encodes later, is the member `name`.
    private func superEncoder(at key: any CodingKey, named name: String) -> JSONValueEncoder {
        let nested = JSONValueEncoder(codingPath: codingPath + [key], isSnakeCase: encoder.isSnakeCase)
        object.members.append((name, .deferred(nested)))
        return nested
    }

    private func add(number value: some BinaryFloatingPoint & CustomStringConvertible, _ key: Key) throws {
        add(try JSONValueEncoder.number(value, codingPath: codingPath + [key]), key)
    }

    private func add(_ node: JSONNode, _ key: Key) {
        object.members.append((encoder.name(of: key), node))
    }
}

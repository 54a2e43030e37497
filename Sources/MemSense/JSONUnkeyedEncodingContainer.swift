/// Encodes the elements of one JSON array, in order, for `JSONValueEncoder`.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    private let array: JSONArrayNode
    let codingPath: [any CodingKey]
    private let isSnakeCase: Bool

    init(_ array: JSONArrayNode, codingPath: [any CodingKey], isSnakeCase: Bool) {
        self.array = array
        self.codingPath = codingPath
        self.isSnakeCase = isSnakeCase
    }

    var count: Int { array.elements.count }

    mutating func encodeNil() { array.elements.append(.null) }
    mutating func encode(_ value: Bool) { array.elements.append(.bool(value)) }
    mutating func encode(_ value: String) { array.elements.append(.string(value)) }
    mutating func encode(_ value: Double) throws {
        array.elements.append(try JSONValueEncoder.number(value, codingPath: nextPath))
    }
    mutating func encode(_ value: Float) throws {
        array.elements.append(try JSONValueEncoder.number(value, codingPath: nextPath))
    }
    mutating func encode(_ value: Int) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int8) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int16) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int32) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int64) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt8) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt16) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt32) { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt64) { array.elements.append(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(
            try JSONValueEncoder.node(encoding: value, codingPath: nextPath, isSnakeCase: isSnakeCase))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        superEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        superEncoder().unkeyedContainer()
    }

    /// An encoder whose value, whatever it encodes later, is the next element.
    mutating func superEncoder() -> any Encoder {
        let nested = JSONValueEncoder(codingPath: nextPath, isSnakeCase: isSnakeCase)
        array.elements.append(.deferred(nested))
        return nested
    }

    /// The path of the element encoded next.
    private var nextPath: [any CodingKey] { codingPath + [AnyCodingKey(intValue: count)] }
}

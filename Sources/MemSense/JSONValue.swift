/// One parsed JSON value, what `JSONParser` makes of the text and `JSONValueDecoder` reads.
///
/// A number keeps the text it was written with (`18446744073709551615`, `1e-7`), so that each
/// Swift type converts it exactly once and says so when it does not fit.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// How a type mismatch names what was found: "Expected to decode Double but found a string
    /// instead." (the wording JSONDecoder used, which configuration messages quote).
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// The members of a JSON object, by key, and the keys in the order they were written (so that
/// problems are listed in file order).
struct JSONObject: Equatable {
    private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    subscript(key: String) -> JSONValue? { values[key] }

    /// Adds a member; false when the key is already there (the parser refuses duplicate keys).
    mutating func insert(_ value: JSONValue, forKey key: String) -> Bool {
        guard values.updateValue(value, forKey: key) == nil else { return false }
        keys.append(key)
        return true
    }
}

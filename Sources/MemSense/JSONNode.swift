/// A value being encoded, which `JSONWriter` turns into text once it is complete. Objects and
/// arrays are shared by reference: a container hands its node to the nested encoders that
/// fill it in.
enum JSONNode {
    case null
    case bool(Bool)
    /// The number as it is written: `42`, `-0.25`, `1e+16`.
    case number(String)
    case string(String)
    case array(JSONArrayNode)
    case object(JSONObjectNode)
    /// Whatever a `superEncoder()` encodes, read when the tree is written.
    case deferred(JSONValueEncoder)

    /// The JSON text of an integer, exact at any size.
    static func integer(_ value: some FixedWidthInteger) -> JSONNode {
        .number(String(value))
    }
}

/// The elements of an array being encoded.
final class JSONArrayNode {
    var elements: [JSONNode] = []
}

/// The members of an object being encoded, in the order they were encoded; `JSONWriter` sorts
/// them.
final class JSONObjectNode {
    var members: [(key: String, value: JSONNode)] = []
}

/// Any key of a JSON object, or the position of an array element: the keys a section does not
/// know, and the path entries the JSON coder adds for elements (`[2]` in a `ConfigIssue` path).
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    /// An element's position; its string form is the one JSONDecoder gave, `Index 2`.
    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    /// The key under which `superEncoder()` and `superDecoder()` put a superclass's values.
    static let superKey = AnyCodingKey(stringValue: "super")
}

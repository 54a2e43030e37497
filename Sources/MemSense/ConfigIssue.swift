/// One problem of a configuration, at the JSON path of the bad value, e.g.
/// `kill_policy.protect[2].comm_regex: invalid regex "(": Unmatched ( or \(`.
public struct ConfigIssue: Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// A path from a decoder: keys joined with dots, array indices in brackets.
    public init(codingPath: [any CodingKey], _ message: String) {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        self.init(path: path, message)
    }

    public var description: String { "\(path): \(message)" }
}

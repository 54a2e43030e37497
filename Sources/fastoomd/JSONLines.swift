import FoundationEssentials

/// The one JSON encoding of everything fastoomd prints or logs: sorted keys, snake_case,
/// one line per value.
enum JSONLines {
    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            return #"{"error":"unencodable value"}"#
        }
    }
}

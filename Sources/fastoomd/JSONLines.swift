import MemSense

/// The one JSON encoding of everything fastoomd prints or logs: sorted keys, snake_case,
/// one line per value.
enum JSONLines {
    static func line(_ value: some Encodable) -> String {
        do {
            return String(decoding: try JSON.encode(value, snakeCase: true), as: UTF8.self)
        } catch {
            return #"{"error":"unencodable value"}"#
        }
    }
}

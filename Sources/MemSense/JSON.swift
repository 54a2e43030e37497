/// fastoomd's JSON coder: `Codable` values to and from JSON text (RFC 8259, UTF-8), in place of
/// Foundation's JSONEncoder and JSONDecoder, which took 3.5 MB of a daemon binary that
/// must fit in its locked memory. The configuration, the event log, traces and `--json` output
/// all go through it, in production and in tests.
///
/// It writes what JSONEncoder wrote with `.sortedKeys` and `.withoutEscapingSlashes`, and reads
/// what JSONDecoder read, failing with the same `DecodingError`s at the same coding paths. It is
/// stricter about text that is not JSON: trailing commas and duplicate keys are refused.
public enum JSON {
    /// The `T` that `bytes` hold. Text that is not JSON is `DecodingError.dataCorrupted` at the
    /// empty path, described with its line, column and byte (its `underlyingError` is the
    /// `JSONSyntaxError`); a value of the wrong kind is a `DecodingError` at the value's path.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        let value: JSONValue
        do {
            value = try JSONParser.value(parsing: bytes)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
        return try JSONValueDecoder(value, codingPath: []).decode(type)
    }

    /// `value` as JSON text: keys sorted, integers exact, other numbers in their shortest form
    /// that reads back the same (`0.1`, `1e+16`; `3` for 3.0).
    /// - Parameters:
    ///   - snakeCase: property names converted as `SnakeCase` does (`tMs` → `t_ms`); the keys of
    ///     a `[String: Value]` are left as they are.
    ///   - indented: one member or element per line, indented by two spaces.
    /// - Throws: `EncodingError.invalidValue` for NaN or an infinity, at its coding path.
    public static func encode(_ value: some Encodable, snakeCase: Bool = false, indented: Bool = false) throws
        -> [UInt8]
    {
        var writer = JSONWriter(indented: indented)
        writer.write(try JSONValueEncoder.node(encoding: value, codingPath: [], isSnakeCase: snakeCase))
        return writer.bytes
    }
}

/// Text that is not JSON (RFC 8259), and where: the line and column (1-based; the column counts
/// characters, as an editor does) and the byte offset (0-based) of the first byte that is wrong.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public let line: Int
    public let column: Int
    public let byteOffset: Int

    /// The error at `offset` in `bytes`, its line and column counted from the start.
    init(_ reason: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // not a UTF-8 continuation byte: a new character
                column += 1
            }
        }
        self.reason = reason
        self.line = line
        self.column = column
        byteOffset = offset
    }

    /// `expected ':' after a key, found '}' at line 3, column 14 (byte 52)`
    public var description: String {
        "\(reason) at line \(line), column \(column) (byte \(byteOffset))"
    }
}

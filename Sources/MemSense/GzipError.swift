/// Why a gzip or deflate stream could not be decoded. Every case names the byte offset in the
/// compressed input where the problem was found, so a damaged file can be looked at with a hex dump.
public enum GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended inside a header, a block or a trailer.
    case truncated(offset: Int)
    /// A member does not start with the magic bytes 1f 8b, or uses a method other than deflate (8).
    case notGzip(offset: Int)
    /// A header field or a deflate block breaks RFC 1951 / 1952 (reserved bits, bad lengths, codes).
    case invalid(offset: Int, reason: String)
    /// The CRC-32 of a member's data (or of its header, with FHCRC) is not the one it records.
    case crcMismatch(offset: Int, expected: UInt32, actual: UInt32)
    /// ISIZE, the member's length modulo 2^32, disagrees with the bytes decoded.
    case sizeMismatch(offset: Int, expected: UInt32, actual: UInt32)
    /// The output would exceed the limit the caller set; a guard against decompression bombs.
    case tooLarge(limitBytes: Int)

    public var description: String {
        switch self {
        case .truncated(let offset): "truncated gzip stream at byte \(offset)"
        case .notGzip(let offset): "not a gzip member at byte \(offset)"
        case .invalid(let offset, let reason): "invalid gzip stream at byte \(offset): \(reason)"
        case .crcMismatch(let offset, let expected, let actual):
            "CRC mismatch at byte \(offset): recorded \(hex(expected)), computed \(hex(actual))"
        case .sizeMismatch(let offset, let expected, let actual):
            "size mismatch at byte \(offset): recorded \(expected) bytes, decoded \(actual)"
        case .tooLarge(let limit): "gzip stream decodes to more than \(limit) bytes"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}

/// Decodes gzip files (RFC 1952): one or more members, each a header, a deflate stream and a
/// trailer whose CRC-32 and length are checked.
public enum GzipReader {
    /// The most a trace may decode to by default: far above any recording, far below harm.
    public static let defaultLimitBytes = 1 << 30

    /// The decoded bytes of every member of `input`.
    public static func decompress(
        _ input: UnsafeBufferPointer<UInt8>, limitBytes: Int = defaultLimitBytes
    ) throws(GzipError) -> [UInt8] {
        var output: [UInt8] = []
        try decompress(input, into: &output, limitBytes: limitBytes)
        return output
    }

    /// Appends the decoded bytes of every member of `input` to `output`. On an error, `output`
    /// keeps what was decoded before it, so a cut-off recording can still be read up to the cut.
    public static func decompress(
        _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], limitBytes: Int = defaultLimitBytes
    ) throws(GzipError) {
        output.reserveCapacity(min(limitBytes, input.count * 8))
        var offset = 0
        repeat {
            offset = try member(input, at: offset, into: &output, limitBytes: limitBytes)
        } while offset < input.count
    }

    private static let flagHeaderCRC: UInt8 = 2
    private static let flagExtra: UInt8 = 4
    private static let flagName: UInt8 = 8
    private static let flagComment: UInt8 = 16

    /// Decodes the member at `start` and returns the offset after its trailer.
    private static func member(
        _ input: UnsafeBufferPointer<UInt8>, at start: Int, into output: inout [UInt8], limitBytes: Int
    ) throws(GzipError) -> Int {
        guard input.count - start >= 10 else { throw .truncated(offset: input.count) }
        guard input[start] == 0x1F, input[start + 1] == 0x8B else { throw .notGzip(offset: start) }
        guard input[start + 2] == 8 else {
            throw .invalid(offset: start + 2, reason: "compression method \(input[start + 2]), not deflate (8)")
        }
        let flags = input[start + 3]
        guard flags & 0xE0 == 0 else { throw .invalid(offset: start + 3, reason: "reserved header flags set") }
        var offset = start + 10
        if flags & flagExtra != 0 {
            guard input.count - offset >= 2 else { throw .truncated(offset: input.count) }
            offset += 2 + Int(littleEndian(input, at: offset, bytes: 2))
            guard offset <= input.count else { throw .truncated(offset: input.count) }
        }
        for flag in [flagName, flagComment] where flags & flag != 0 {
            guard let end = input[offset...].firstIndex(of: 0) else { throw .truncated(offset: input.count) }
            offset = end + 1
        }
        if flags & flagHeaderCRC != 0 {
            guard input.count - offset >= 2 else { throw .truncated(offset: input.count) }
            let recorded = littleEndian(input, at: offset, bytes: 2)
            let computed = CRC32.checksum(UnsafeBufferPointer(rebasing: input[start..<offset])) & 0xFFFF
            guard recorded == computed else {
                throw .crcMismatch(offset: offset, expected: recorded, actual: computed)
            }
            offset += 2
        }
        let dataStart = output.count
        offset = try Inflate.decode(input, at: offset, into: &output, limitBytes: limitBytes)
        guard input.count - offset >= 8 else { throw .truncated(offset: input.count) }
        let recordedCRC = littleEndian(input, at: offset, bytes: 4)
        let computedCRC = output[dataStart...].withUnsafeBufferPointer { CRC32.checksum($0) }
        guard recordedCRC == computedCRC else {
            throw .crcMismatch(offset: offset, expected: recordedCRC, actual: computedCRC)
        }
        let recordedSize = littleEndian(input, at: offset + 4, bytes: 4)
        let decodedSize = UInt32(truncatingIfNeeded: output.count - dataStart)
        guard recordedSize == decodedSize else {
            throw .sizeMismatch(offset: offset + 4, expected: recordedSize, actual: decodedSize)
        }
        return offset + 8
    }

    /// The little-endian number in `bytes` bytes at `offset`; the caller checked they exist.
    private static func littleEndian(_ input: UnsafeBufferPointer<UInt8>, at offset: Int, bytes: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in (0..<bytes).reversed() { value = value << 8 | UInt32(input[offset + index]) }
        return value
    }
}

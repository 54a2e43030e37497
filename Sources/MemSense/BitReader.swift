/// Reads a deflate stream bit by bit, least significant bit first, from a byte buffer. Every
/// read is bounds-checked: running out of input throws `GzipError.truncated` with the offset
/// where the input ended, never reads past it.
struct BitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to load into `buffer`.
    private var position: Int
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, startingAt offset: Int) {
        self.bytes = bytes
        self.position = offset
    }

    /// The offset of the byte that holds the next unread bit; after the last block, once
    /// aligned, the first byte after the stream.
    var offset: Int { position - bufferedBits / 8 }

    /// The next `count` (0...32) bits as a number.
    mutating func bits(_ count: Int) throws(GzipError) -> Int {
        if bufferedBits < count {
            refill()
            guard bufferedBits >= count else { throw .truncated(offset: bytes.count) }
        }
        let value = Int(buffer & ((1 << UInt64(count)) - 1))
        buffer >>= UInt64(count)
        bufferedBits -= count
        return value
    }

    /// The next symbol of `table`.
    mutating func symbol(_ table: HuffmanTable) throws(GzipError) -> Int {
        if bufferedBits < table.maximumLength { refill() }
        let entry = Int(table.entries[Int(buffer & ((1 << UInt64(table.maximumLength)) - 1))])
        let length = entry & 15
        guard length != 0, length <= bufferedBits else {
            if bufferedBits < table.maximumLength { throw .truncated(offset: bytes.count) }
            throw .invalid(offset: offset, reason: "no Huffman code matches the input")
        }
        buffer >>= UInt64(length)
        bufferedBits -= length
        return entry >> 4
    }

    /// Skips to the next byte boundary and returns the bit buffer's whole bytes to the input,
    /// so that a stored block is then read byte by byte with `takeBytes(_:)`.
    mutating func alignToByte() {
        position -= bufferedBits / 8
        buffer = 0
        bufferedBits = 0
    }

    /// The next `count` bytes; only after `alignToByte()`.
    mutating func takeBytes(_ count: Int) throws(GzipError) -> UnsafeBufferPointer<UInt8> {
        guard count <= bytes.count - position else { throw .truncated(offset: bytes.count) }
        defer { position += count }
        return UnsafeBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    private mutating func refill() {
        while bufferedBits <= 56, position < bytes.count {
            buffer |= UInt64(bytes[position]) << UInt64(bufferedBits)
            position += 1
            bufferedBits += 8
        }
    }
}

/// Compresses bytes into one gzip member (RFC 1952), incrementally: `append(_:)` as data comes,
/// `finish()` once, and `takeOutput()` whenever compressed bytes should go to a file.
///
/// It emits fixed-Huffman deflate blocks with a greedy LZ77 (one hash-table candidate per
/// position, 32 KiB window): no dynamic codes, so the code stays short, yet the repetitive text of
/// a trace still shrinks several times over.
public struct GzipWriter {
    private var window: [UInt8] = []
    /// How many bytes at the start of `window` are history, already compressed.
    private var historyCount = 0
    /// The last position in `window` at which each 3-byte hash was seen, or -1.
    private var head = [Int32](repeating: -1, count: 1 << hashBits)
    private var bits = BitWriter()
    private var crc = CRC32()
    private var inputCount = 0
    public private(set) var isFinished = false

    private static let hashBits = 15
    private static let blockBytes = 64 * 1024
    private static let literalCodes = Deflate.reversedCodes(lengths: Deflate.fixedLiteralLengths)
    private static let distanceCodes = Deflate.reversedCodes(lengths: Deflate.fixedDistanceLengths)
    /// The length code index (0...28) of each match length 3...258.
    private static let lengthCodeOfLength: [UInt8] = (0...Deflate.maximumMatchLength).map { length in
        UInt8(Deflate.lengthBase.lastIndex { Int($0) <= length } ?? 0)
    }

    public init() {
        bits.output = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
    }

    /// Adds `bytes` to the member; compresses whole blocks as they fill.
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(!isFinished, "GzipWriter.append after finish")
        crc.update(bytes)
        inputCount += bytes.count
        window.append(contentsOf: bytes)
        while window.count - historyCount >= Self.blockBytes {
            compressBlock(end: historyCount + Self.blockBytes, isFinal: false)
        }
    }

    /// Compresses what is left as the final block and writes the trailer (CRC-32, ISIZE).
    public mutating func finish() {
        guard !isFinished else { return }
        compressBlock(end: window.count, isFinal: true)
        bits.flushToByte()
        for value in [crc.value, UInt32(truncatingIfNeeded: inputCount)] {
            withUnsafeBytes(of: value.littleEndian) { bits.output.append(contentsOf: $0) }
        }
        isFinished = true
    }

    /// The compressed bytes produced since the last call.
    public mutating func takeOutput() -> [UInt8] {
        defer { bits.output.removeAll(keepingCapacity: true) }
        return bits.output
    }

    /// `bytes` as one complete gzip member.
    public static func compress(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var writer = GzipWriter()
        writer.append(bytes)
        writer.finish()
        return writer.takeOutput()
    }

    /// Encodes `window[historyCount..<end]` as one fixed-Huffman block, then, unless it is the
    /// final one, keeps the last 32 KiB as history for the next block.
    private mutating func compressBlock(end: Int, isFinal: Bool) {
        bits.write(isFinal ? 1 : 0, count: 1)
        bits.write(1, count: 2)
        var position = historyCount
        while position < end {
            let match = longestMatch(at: position, end: end)
            if match.length >= 3 {
                writeMatch(length: match.length, distance: match.distance)
                for inserted in position..<(position + match.length) { insertHash(at: inserted, end: end) }
                position += match.length
            } else {
                writeSymbol(Int(window[position]))
                position += 1
            }
        }
        writeSymbol(Deflate.endOfBlock)
        // Nothing follows the final block, so its history need not be kept.
        guard !isFinal else { return }
        let dropped = max(0, end - Deflate.windowBytes)
        window.removeFirst(dropped)
        historyCount = end - dropped
        head = head.map { $0 >= dropped ? $0 - Int32(dropped) : -1 }
    }

    /// The candidate from the hash table at `position`, if it matches, and records `position`.
    private mutating func longestMatch(at position: Int, end: Int) -> (length: Int, distance: Int) {
        guard end - position >= 3 else { return (0, 0) }
        let hash = Self.hash(window[position], window[position + 1], window[position + 2])
        let candidate = Int(head[hash])
        head[hash] = Int32(position)
        guard candidate >= 0, position - candidate <= Deflate.windowBytes else { return (0, 0) }
        let limit = min(Deflate.maximumMatchLength, end - position)
        var length = 0
        while length < limit, window[candidate + length] == window[position + length] { length += 1 }
        return (length, position - candidate)
    }

    private mutating func insertHash(at position: Int, end: Int) {
        guard end - position >= 3 else { return }
        head[Self.hash(window[position], window[position + 1], window[position + 2])] = Int32(position)
    }

    private static func hash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        let key = UInt32(first) | UInt32(second) << 8 | UInt32(third) << 16
        return Int((key &* 2_654_435_761) >> UInt32(32 - hashBits))
    }

    private mutating func writeSymbol(_ symbol: Int) {
        bits.write(Self.literalCodes[symbol], count: Int(Deflate.fixedLiteralLengths[symbol]))
    }

    private mutating func writeMatch(length: Int, distance: Int) {
        let lengthCode = Int(Self.lengthCodeOfLength[length])
        writeSymbol(257 + lengthCode)
        bits.write(length - Int(Deflate.lengthBase[lengthCode]), count: Int(Deflate.lengthExtraBits[lengthCode]))
        let distanceCode = Deflate.distanceBase.lastIndex { Int($0) <= distance } ?? 0
        bits.write(Self.distanceCodes[distanceCode], count: 5)
        bits.write(
            distance - Int(Deflate.distanceBase[distanceCode]), count: Int(Deflate.distanceExtraBits[distanceCode]))
    }
}

/// Packs bit fields least significant bit first into bytes, as deflate sends them.
private struct BitWriter {
    var output: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: Int, count bitCount: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bitCount
        while count >= 8 {
            output.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    /// Pads the last byte with zero bits.
    mutating func flushToByte() {
        if count > 0 { output.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
    }
}

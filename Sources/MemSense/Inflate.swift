/// A deflate decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// It decodes from a whole buffer rather than a stream because traces are small (a few MB once
/// decoded) and a buffer keeps every read bounds-checked in one place (`BitReader`). Output is
/// capped by the caller, so a hostile stream cannot make it allocate without bound.
public enum Inflate {
    /// Decodes the deflate stream that starts at `offset` of `input`, appending to `output`, and
    /// returns the offset of the first byte after it. On an error, `output` keeps what was
    /// decoded before it.
    public static func decode(
        _ input: UnsafeBufferPointer<UInt8>, at offset: Int, into output: inout [UInt8], limitBytes: Int
    ) throws(GzipError) -> Int {
        var reader = BitReader(input, startingAt: offset)
        let streamStart = output.count
        var isFinal = false
        while !isFinal {
            isFinal = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                try storedBlock(&reader, into: &output, limitBytes: limitBytes)
            case 1:
                try codes(
                    &reader, literals: HuffmanTable.fixedLiterals, distances: HuffmanTable.fixedDistances,
                    into: &output, streamStart: streamStart, limitBytes: limitBytes)
            case 2:
                let (literals, distances) = try dynamicTables(&reader)
                try codes(
                    &reader, literals: literals, distances: distances, into: &output, streamStart: streamStart,
                    limitBytes: limitBytes)
            default:
                throw .invalid(offset: reader.offset, reason: "reserved block type 3")
            }
        }
        reader.alignToByte()
        return reader.offset
    }

    /// A stored block: LEN, its one's complement NLEN, then LEN raw bytes.
    private static func storedBlock(
        _ reader: inout BitReader, into output: inout [UInt8], limitBytes: Int
    ) throws(GzipError) {
        reader.alignToByte()
        let headerOffset = reader.offset
        let length = try reader.bits(16)
        let complement = try reader.bits(16)
        guard length == ~complement & 0xFFFF else {
            throw .invalid(offset: headerOffset, reason: "stored block length \(length) does not match its complement")
        }
        guard length <= limitBytes - output.count else { throw .tooLarge(limitBytes: limitBytes) }
        reader.alignToByte()
        output.append(contentsOf: try reader.takeBytes(length))
    }

    /// Reads the code lengths of a dynamic block and builds its two codes.
    private static func dynamicTables(
        _ reader: inout BitReader
    ) throws(GzipError) -> (literals: HuffmanTable, distances: HuffmanTable) {
        let headerOffset = reader.offset
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .invalid(offset: headerOffset, reason: "\(literalCount) literal or \(distanceCount) distance codes")
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[Deflate.codeLengthOrder[index]] = UInt8(try reader.bits(3))
        }
        let codeLengthCode = try HuffmanTable.validated(lengths: codeLengthLengths, offset: headerOffset)
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbolOffset = reader.offset
            let symbol = try reader.symbol(codeLengthCode)
            var repeated: UInt8 = 0
            var times = 1
            switch symbol {
            case 0...15:
                repeated = UInt8(symbol)
            case 16:
                guard let previous = lengths.last else {
                    throw .invalid(offset: symbolOffset, reason: "repeat of a code length before the first")
                }
                repeated = previous
                times = 3 + (try reader.bits(2))
            case 17:
                times = 3 + (try reader.bits(3))
            default:
                times = 11 + (try reader.bits(7))
            }
            guard lengths.count + times <= literalCount + distanceCount else {
                throw .invalid(offset: symbolOffset, reason: "code lengths run past the codes")
            }
            lengths.append(contentsOf: repeatElement(repeated, count: times))
        }
        guard lengths[Deflate.endOfBlock] != 0 else {
            throw .invalid(offset: headerOffset, reason: "dynamic block without an end-of-block code")
        }
        return (
            try HuffmanTable.validated(lengths: Array(lengths[..<literalCount]), offset: headerOffset),
            try HuffmanTable.validated(lengths: Array(lengths[literalCount...]), offset: headerOffset)
        )
    }

    /// Decodes literals and matches up to the end-of-block code.
    private static func codes(
        _ reader: inout BitReader, literals: HuffmanTable, distances: HuffmanTable, into output: inout [UInt8],
        streamStart: Int, limitBytes: Int
    ) throws(GzipError) {
        while true {
            let symbolOffset = reader.offset
            let symbol = try reader.symbol(literals)
            if symbol < Deflate.endOfBlock {
                guard output.count < limitBytes else { throw .tooLarge(limitBytes: limitBytes) }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == Deflate.endOfBlock { return }
            let lengthCode = symbol - 257
            guard lengthCode < Deflate.lengthBase.count else {
                throw .invalid(offset: symbolOffset, reason: "invalid length code \(symbol)")
            }
            let length =
                Int(Deflate.lengthBase[lengthCode]) + (try reader.bits(Int(Deflate.lengthExtraBits[lengthCode])))
            let distanceCode = try reader.symbol(distances)
            guard distanceCode < Deflate.distanceBase.count else {
                throw .invalid(offset: symbolOffset, reason: "invalid distance code \(distanceCode)")
            }
            let distance =
                Int(Deflate.distanceBase[distanceCode])
                + (try reader.bits(Int(Deflate.distanceExtraBits[distanceCode])))
            guard distance <= output.count - streamStart else {
                throw .invalid(offset: symbolOffset, reason: "distance \(distance) reaches before the stream")
            }
            guard length <= limitBytes - output.count else { throw .tooLarge(limitBytes: limitBytes) }
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }
}

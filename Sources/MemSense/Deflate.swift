/// The constants of the deflate format (RFC 1951, section 3.2.5-3.2.6), shared by `Inflate` and
/// `GzipWriter` so that both sides read the same tables.
enum Deflate {
    /// The base match length of length codes 257...285, and their extra bits.
    static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    static let lengthExtraBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// The base distance of distance codes 0...29, and their extra bits.
    static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtraBits: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block sends the lengths of the code-length code.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static let endOfBlock = 256
    static let maximumMatchLength = 258
    static let windowBytes = 32768

    /// The code lengths of the fixed literal/length code (block type 1).
    static let fixedLiteralLengths: [UInt8] =
        Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112) + Array(repeating: 7, count: 24)
        + Array(repeating: 8, count: 8)
    /// The fixed distance code: 30 usable codes of 5 bits.
    static let fixedDistanceLengths: [UInt8] = Array(repeating: 5, count: 30)

    /// The canonical code of each symbol (RFC 1951, 3.2.2) given its code length, bit-reversed
    /// because deflate sends Huffman codes most significant bit first into an LSB-first stream.
    /// Symbols of length 0 get 0. Lengths must be 0...15.
    static func reversedCodes(lengths: [UInt8]) -> [Int] {
        var countPerLength = [Int](repeating: 0, count: 16)
        for length in lengths { countPerLength[Int(length)] += 1 }
        countPerLength[0] = 0
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + countPerLength[length - 1]) << 1
            nextCode[length] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            defer { nextCode[Int(length)] += 1 }
            var reversed = 0
            var rest = nextCode[Int(length)]
            for _ in 0..<length {
                reversed = (reversed << 1) | (rest & 1)
                rest >>= 1
            }
            return reversed
        }
    }
}

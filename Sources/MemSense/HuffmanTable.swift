/// A canonical Huffman code of deflate, as a table indexed by the next `maximumLength` input bits
/// (least significant bit first): each entry holds the symbol and the length of its code.
///
/// The table is complete for every bit pattern, so decoding is one lookup; patterns that no
/// code starts with hold 0 and decode as an error, which is how hostile codes are refused.
struct HuffmanTable {
    /// `symbol << 4 | codeLength`, or 0 where no code matches.
    let entries: [UInt16]
    let maximumLength: Int

    /// The code of lengths read from a stream at `offset`, refused when over-subscribed (more
    /// codes than bit patterns). An incomplete code is accepted; its unused patterns decode as errors.
    static func validated(lengths: [UInt8], offset: Int) throws(GzipError) -> HuffmanTable {
        var countPerLength = [Int](repeating: 0, count: 16)
        for length in lengths { countPerLength[Int(length)] += 1 }
        var left = 1
        for length in 1...15 {
            left = (left << 1) - countPerLength[length]
            guard left >= 0 else { throw .invalid(offset: offset, reason: "over-subscribed Huffman code") }
        }
        return HuffmanTable(lengths: lengths)
    }

    /// Builds the code from the code length (0...15, 0 = unused) of each symbol.
    init(lengths: [UInt8]) {
        maximumLength = lengths.max().map(Int.init) ?? 0
        var table = [UInt16](repeating: 0, count: 1 << maximumLength)
        for (symbol, code) in Deflate.reversedCodes(lengths: lengths).enumerated() where lengths[symbol] > 0 {
            let bits = Int(lengths[symbol])
            let entry = UInt16(symbol << 4 | bits)
            for index in stride(from: code, to: table.count, by: 1 << bits) { table[index] = entry }
        }
        entries = table
    }

    static let fixedLiterals = HuffmanTable(lengths: Deflate.fixedLiteralLengths)
    static let fixedDistances = HuffmanTable(lengths: Deflate.fixedDistanceLengths)
}

import MemSense
import TestSupport
import Testing

/// Two members built with Python's zlib: the first with every optional header field (FEXTRA,
/// FNAME, FCOMMENT, FHCRC) and a fixed-Huffman block, the second with a stored block.
private let twoMembers: [UInt8] = [
    0x1f, 0x8b, 0x08, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x04, 0x00, 0x61, 0x62, 0x01, 0x02, 0x74, 0x2e,
    0x6a, 0x73, 0x6f, 0x6e, 0x6c, 0x00, 0x61, 0x20, 0x63, 0x6f, 0x6d, 0x6d, 0x65, 0x6e, 0x74, 0x00, 0x2e, 0x1d,
    0x4b, 0x4b, 0x2c, 0x2e, 0xc9, 0xcf, 0xcf, 0x4d, 0x51, 0x28, 0x29, 0x4a, 0x4c, 0x4e, 0x55, 0x48, 0x1b, 0xe5,
    0xe2, 0xe6, 0x72, 0x01, 0x00, 0x6c, 0xb5, 0x8b, 0xed, 0x2d, 0x01, 0x00, 0x00, 0x1f, 0x8b, 0x08, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0x01, 0x0f, 0x00, 0xf0, 0xff, 0x73, 0x74, 0x6f, 0x72, 0x65, 0x64, 0x20, 0x00,
    0xff, 0x20, 0x62, 0x79, 0x74, 0x65, 0x73, 0x6a, 0x78, 0x9c, 0x4b, 0x0f, 0x00, 0x00, 0x00,
]
private let twoMembersText =
    Array(String(repeating: "fastoomd trace ", count: 20).utf8) + [10]
    + Array("stored ".utf8) + [0, 0xff] + Array(" bytes".utf8)

private func decompress(_ bytes: [UInt8], limitBytes: Int = GzipReader.defaultLimitBytes) throws(GzipError)
    -> [UInt8]
{
    try bytes.withUnsafeBufferPointer { (input) throws(GzipError) in
        try GzipReader.decompress(input, limitBytes: limitBytes)
    }
}

private func compress(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { GzipWriter.compress($0) }
}

private func gzipError(_ bytes: [UInt8]) -> GzipError? {
    do {
        _ = try decompress(bytes)
        return nil
    } catch {
        return error
    }
}

@Test func gzipReadsEveryHeaderFieldFixedAndStoredBlocksAndConcatenatedMembers() throws {
    #expect(try decompress(twoMembers) == twoMembersText)
}

@Test func gzipCRC32MatchesTheStandardCheckValue() {
    let check = Array("123456789".utf8).withUnsafeBufferPointer { CRC32.checksum($0) }
    #expect(check == 0xCBF4_3926)
}

@Test(arguments: [0, 1, 2, 3, 100, 65535, 65536, 65537, 200_000])
func gzipWriterOutputReadsBackToTheSameBytes(count: Int) throws {
    var random = SeededGenerator(seed: UInt64(count))
    let noise = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    let words = ["MemTotal:", " ", "kB\n", "0", "1", "42", "pgscan_kswapd ", "\"", "\\"]
    var text: [UInt8] = []
    while text.count < count { text += Array(words[Int.random(in: 0..<words.count, using: &random)].utf8) }
    #expect(try decompress(compress(noise)) == noise)
    #expect(try decompress(compress(text)) == text)
}

@Test func gzipWriterShrinksRepetitiveTraceText() throws {
    let trace = try PlainFile.contents(
        of: FixturePaths.trace("fast-spike-fast-s1.jsonl.gz"), limitBytes: GzipReader.defaultLimitBytes)
    let text = try decompress(trace)
    var writer = GzipWriter()
    for start in stride(from: 0, to: text.count, by: 5000) {
        text[start..<min(start + 5000, text.count)].withUnsafeBufferPointer { writer.append($0) }
    }
    writer.finish()
    let written = writer.takeOutput()
    #expect(try decompress(written) == text)
    #expect(written.count * 4 < text.count)
}

@Test func gzipTruncatedStreamNamesTheByteWhereItEnded() {
    for cut in [0, 5, 12, 40, 70, 99, 104] {
        #expect(gzipError(Array(twoMembers[..<cut])) == .truncated(offset: cut))
    }
}

@Test func gzipTruncatedStreamKeepsWhatWasDecoded() {
    var output: [UInt8] = []
    let cut = Array(twoMembers[..<95])
    #expect(throws: GzipError.truncated(offset: 95)) {
        try cut.withUnsafeBufferPointer { (input) throws(GzipError) in
            try GzipReader.decompress(input, into: &output)
        }
    }
    #expect(output.starts(with: twoMembersText[..<301]))
}

@Test func gzipCorruptedTrailerIsACRCMismatch() {
    var corrupted = twoMembers
    corrupted[60] ^= 0x01
    #expect(gzipError(corrupted) == .crcMismatch(offset: 59, expected: 0xED8B_B46C, actual: 0xED8B_B56C))
    #expect(String(describing: gzipError(corrupted)!).hasPrefix("CRC mismatch at byte 59"))
}

@Test func gzipCorruptedHeaderIsCaughtByItsHeaderCRC() {
    var corrupted = twoMembers
    corrupted[20] = UInt8(ascii: "X")
    guard case .crcMismatch(offset: 34, _, _) = gzipError(corrupted) else {
        Issue.record("expected a header CRC mismatch, got \(String(describing: gzipError(corrupted)))")
        return
    }
}

@Test func gzipRejectsWhatIsNotGzip() {
    #expect(gzipError(Array("{\"fastoomd_trace\": 1}".utf8)) == .notGzip(offset: 0))
    #expect(gzipError(twoMembers + [0x1f, 0x8c] + Array(repeating: 0, count: 20)) == .notGzip(offset: 105))
}

@Test func gzipRefusesOutputBeyondTheLimit() {
    #expect(throws: GzipError.tooLarge(limitBytes: 100)) { try decompress(twoMembers, limitBytes: 100) }
    let zeros = compress([UInt8](repeating: 0, count: 1 << 20))
    #expect(throws: GzipError.tooLarge(limitBytes: 1000)) { try decompress(zeros, limitBytes: 1000) }
}

@Test func gzipRandomCorruptionNeverCrashes() throws {
    let trace = try PlainFile.contents(
        of: FixturePaths.trace("fast-spike-fast-s1.jsonl.gz"), limitBytes: GzipReader.defaultLimitBytes)
    let sample = Array(trace[..<4000])
    var random = SeededGenerator(seed: 7)
    var failures = 0
    for _ in 0..<300 {
        var damaged = sample
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            damaged[Int.random(in: 10..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        }
        if gzipError(damaged) != nil { failures += 1 }
    }
    #expect(failures == 300)
}

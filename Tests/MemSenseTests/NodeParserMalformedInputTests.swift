import MemSense
import Testing

/// The node parsers, so that one table of bad inputs can run through each.
enum NodeParser: String, CaseIterable, Sendable {
    case memInfo, vmStat, cpuStat, pressure, zoneInfo

    func parse(_ bytes: [UInt8]) throws(ParseError) {
        switch self {
        case .memInfo: _ = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        case .vmStat: _ = try NodeFixture.parse(bytes, VMStat.init(parsing:))
        case .cpuStat: _ = try NodeFixture.parse(bytes, CPUStat.init(parsing:))
        case .pressure: _ = try NodeFixture.parse(bytes, PressureFile.init(parsing:))
        case .zoneInfo: _ = try NodeFixture.parse(bytes, ZoneInfo.init(parsing:))
        }
    }

    /// A real file of this kind from the fixtures.
    var fixturePath: (source: String, variant: String, path: String)? {
        switch self {
        case .memInfo: ("local-6.18", "idle-shell", "proc/meminfo")
        case .vmStat: ("go-sysinfo", "ubuntu-17.10", "proc/vmstat")
        case .cpuStat: ("gopsutil", "stat-vm-steal-time", "proc/stat")
        case .pressure: ("local-6.18", "idle-shell", "proc/pressure/io")
        case .zoneInfo: nil
        }
    }
}

struct MalformedCase: CustomTestStringConvertible, Sendable {
    let parser: NodeParser
    let what: String
    let bytes: [UInt8]
    let line: Int

    init(_ parser: NodeParser, _ what: String, _ text: String, line: Int) {
        self.init(parser, what, Array(text.utf8), line: line)
    }

    init(_ parser: NodeParser, _ what: String, _ bytes: [UInt8], line: Int) {
        self.parser = parser
        self.what = what
        self.bytes = bytes
        self.line = line
    }

    var testDescription: String { "\(parser.rawValue): \(what)" }
}

let malformedCases: [MalformedCase] = [
    MalformedCase(.memInfo, "truncated line", "MemTotal:       3742148 kB\nMemFree:", line: 2),
    MalformedCase(.memInfo, "missing value", "MemTotal:       3742148 kB\nMemFree:      kB\n", line: 2),
    MalformedCase(.memInfo, "key without colon", "MemTotal 3742148 kB\n", line: 1),
    MalformedCase(.memInfo, "20-digit value", "MemTotal: 99999999999999999999 kB\n", line: 1),
    MalformedCase(.memInfo, "kB value past 2^64 bytes", "MemTotal: 18014398509481984 kB\n", line: 1),
    MalformedCase(.memInfo, "unknown unit", "MemTotal: 3742148 MB\n", line: 1),
    MalformedCase(.memInfo, "text after the unit", "MemTotal: 3742148 kB kB\n", line: 1),
    MalformedCase(.memInfo, "negative value", "MemTotal: 3742148 kB\nMemFree: -5 kB\n", line: 2),
    MalformedCase(.memInfo, "garbage", "\u{7F}ELF\u{2}\u{1}\u{1}\0\0\0", line: 1),
    MalformedCase(
        .memInfo, "non-UTF-8 key", Array("MemTotal: 1 kB\n".utf8) + [0xFF, 0xFE, 0x3A, 0x20, 0x31, 0x0A], line: 2),
    MalformedCase(.memInfo, "no MemTotal", "MemFree: 225472 kB\n", line: 0),
    MalformedCase(.memInfo, "empty file", "", line: 0),
    MalformedCase(.vmStat, "truncated line", "pgmajfault 507162\npgscan_kswapd", line: 2),
    MalformedCase(.vmStat, "two values", "pgmajfault 507162 12\n", line: 1),
    MalformedCase(.vmStat, "20-digit value", "nr_free_pages 1\npgmajfault 99999999999999999999\n", line: 2),
    MalformedCase(.vmStat, "non-UTF-8 key", [0x70, 0xC3, 0x28, 0x20, 0x31, 0x0A], line: 1),
    MalformedCase(.vmStat, "colon form of meminfo", "MemTotal: 3742148 kB\n", line: 1),
    MalformedCase(.vmStat, "empty file", "", line: 0),
    MalformedCase(.cpuStat, "three columns", "cpu  10 20 30\n", line: 1),
    MalformedCase(.cpuStat, "garbage column", "cpu  10 20 30 40\ncpu0 10 2x 30 40\n", line: 2),
    MalformedCase(.cpuStat, "cpu with a non-numeric id", "cpu  10 20 30 40\ncpuA 10 20 30 40\n", line: 2),
    MalformedCase(.cpuStat, "20-digit column", "cpu  10 20 30 99999999999999999999\n", line: 1),
    MalformedCase(
        .cpuStat, "non-UTF-8 column", [0x63, 0x70, 0x75, 0x20, 0x31, 0x20, 0xFF, 0x20, 0x33, 0x20, 0x34], line: 1),
    MalformedCase(.cpuStat, "bad procs_blocked", "cpu  1 2 3 4\nprocs_blocked\n", line: 2),
    MalformedCase(.cpuStat, "no cpu line", "intr 8885917 17 0\nctxt 38014093\n", line: 0),
    MalformedCase(.cpuStat, "empty file", "", line: 0),
    MalformedCase(
        .pressure, "truncated line", "some avg10=0.00 avg60=0.00 avg300=0.00 total=1\nfull avg10=0.00 avg", line: 2),
    MalformedCase(.pressure, "missing total", "some avg10=0.00 avg60=0.00 avg300=0.00\n", line: 1),
    MalformedCase(.pressure, "fields out of order", "some avg60=0.00 avg10=0.00 avg300=0.00 total=1\n", line: 1),
    MalformedCase(.pressure, "garbage average", "some avg10=abc avg60=0.00 avg300=0.00 total=1\n", line: 1),
    MalformedCase(
        .pressure, "20-digit total", "some avg10=0.00 avg60=0.00 avg300=0.00 total=99999999999999999999\n", line: 1),
    MalformedCase(.pressure, "unknown line", "aggr avg10=0.00 avg60=0.00 avg300=0.00 total=1\n", line: 1),
    MalformedCase(.pressure, "empty file", "", line: 0),
    MalformedCase(.zoneInfo, "low without pages", "Node 0, zone      DMA\n        low\n", line: 2),
    MalformedCase(.zoneInfo, "empty file", "", line: 0),
]

@Suite struct NodeParserMalformedInputTests {
    @Test(arguments: malformedCases)
    func malformedInputThrowsAParseErrorNamingTheLine(_ input: MalformedCase) {
        let error = #expect(throws: ParseError.self) { try input.parser.parse(input.bytes) }
        #expect(error?.line == input.line)
        #expect(error?.reason.isEmpty == false)
    }

    /// Every prefix of a real file (as a read racing a writer, or a short read, could leave it)
    /// either parses or throws a ParseError whose line is within the prefix; nothing traps.
    @Test(arguments: NodeParser.allCases.filter { $0.fixturePath != nil })
    func everyPrefixOfARealFileParsesOrThrows(_ parser: NodeParser) throws {
        let fixture = try #require(parser.fixturePath)
        let bytes = try NodeFixture.bytes(fixture.source, fixture.variant, fixture.path)
        for length in 0...bytes.count {
            let prefix = Array(bytes[..<length])
            do {
                try parser.parse(prefix)
            } catch {
                let lineCount = prefix.count(where: { $0 == UInt8(ascii: "\n") }) + 1
                #expect(error.line <= lineCount, "prefix of \(length) bytes")
            }
        }
    }
}

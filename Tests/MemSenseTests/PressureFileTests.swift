import MemSense
import Testing

/// The `some` line of one fixture pressure file and the `full` total (nil without a `full` line).
struct PressureCase: CustomTestStringConvertible, Sendable {
    let source: String
    let variant: String
    let resource: String
    let someAvg10: Double
    let someAvg60: Double
    let someAvg300: Double
    let someTotalUs: UInt64
    let fullTotalUs: UInt64?

    var testDescription: String { "\(source)/\(variant) \(resource)" }
}

let pressureCases: [PressureCase] = [
    // sysstat's memory-stall episode: some avg10 0.00 -> 3.12 -> 21.06 -> 99.80 -> 23.00.
    PressureCase(
        source: "sysstat", variant: "psi-series-1", resource: "memory", someAvg10: 0, someAvg60: 0, someAvg300: 0,
        someTotalUs: 0, fullTotalUs: 0),
    PressureCase(
        source: "sysstat", variant: "psi-series-2", resource: "memory", someAvg10: 3.12, someAvg60: 1.40,
        someAvg300: 0.03, someTotalUs: 16030, fullTotalUs: 7200),
    PressureCase(
        source: "sysstat", variant: "psi-series-3", resource: "memory", someAvg10: 21.06, someAvg60: 14.31,
        someAvg300: 3.80, someTotalUs: 24037, fullTotalUs: 9803),
    PressureCase(
        source: "sysstat", variant: "psi-series-4", resource: "memory", someAvg10: 99.80, someAvg60: 70.16,
        someAvg300: 38.70, someTotalUs: 56879, fullTotalUs: 12037),
    PressureCase(
        source: "sysstat", variant: "psi-series-5", resource: "memory", someAvg10: 23.00, someAvg60: 3.00,
        someAvg300: 0.36, someTotalUs: 103_290, fullTotalUs: 45780),
    // Before 5.13 /proc/pressure/cpu has no `full` line.
    PressureCase(
        source: "node_exporter", variant: "pressure-cpu-without-full", resource: "cpu", someAvg10: 0, someAvg60: 0,
        someAvg300: 0, someTotalUs: 14_036_781, fullTotalUs: nil),
    PressureCase(
        source: "node_exporter", variant: "pressure-cpu-without-full", resource: "io", someAvg10: 0.18,
        someAvg60: 0.34, someAvg300: 0.10, someTotalUs: 159_886_802, fullTotalUs: 159_229_614),
    PressureCase(
        source: "node_exporter", variant: "collector-fixtures", resource: "cpu", someAvg10: 0, someAvg60: 0,
        someAvg300: 0, someTotalUs: 14_036_781, fullTotalUs: 0),
    PressureCase(
        source: "local-6.18", variant: "idle-shell", resource: "memory", someAvg10: 0, someAvg60: 0, someAvg300: 0,
        someTotalUs: 3034, fullTotalUs: 2307),
    PressureCase(
        source: "local-6.18", variant: "idle-shell", resource: "io", someAvg10: 0, someAvg60: 0.25, someAvg300: 0.35,
        someTotalUs: 5_714_666, fullTotalUs: 5_487_653),
    PressureCase(
        source: "local-6.18", variant: "idle-shell", resource: "cpu", someAvg10: 0.33, someAvg60: 1.45,
        someAvg300: 1.73, someTotalUs: 13_972_857, fullTotalUs: 0),
    PressureCase(
        source: "local-6.18", variant: "memcg-near-limit", resource: "memory", someAvg10: 0, someAvg60: 0,
        someAvg300: 0, someTotalUs: 8048, fullTotalUs: 6511),
    PressureCase(
        source: "local-6.18", variant: "memcg-after-oom-kill", resource: "memory", someAvg10: 0, someAvg60: 0,
        someAvg300: 0, someTotalUs: 10897, fullTotalUs: 8729),
    PressureCase(
        source: "local-6.18", variant: "process-edge-cases", resource: "cpu", someAvg10: 1.59, someAvg60: 1.06,
        someAvg300: 1.51, someTotalUs: 15_510_543, fullTotalUs: 0),
]

@Suite struct PressureFileTests {
    @Test(arguments: pressureCases)
    func fixtureStallLinesAreRead(_ expected: PressureCase) throws {
        let bytes = try NodeFixture.bytes(expected.source, expected.variant, "proc/pressure/" + expected.resource)
        let pressure = try #require(try NodeFixture.parse(bytes, PressureFile.init(parsing:)).pressure)
        #expect(abs(pressure.someAvg10 - expected.someAvg10) < 1e-9)
        #expect(abs(pressure.someAvg60 - expected.someAvg60) < 1e-9)
        #expect(abs(pressure.someAvg300 - expected.someAvg300) < 1e-9)
        #expect(pressure.someTotalUs == expected.someTotalUs)
        #expect(pressure.full?.totalUs == expected.fullTotalUs)
        #expect(try NodeFixture.parse(bytes, PressureFile.someTotalUs(parsing:)) == expected.someTotalUs)
    }

    @Test func irqFileWithOnlyAFullLineHasNoPressureButKeepsTheFullStall() throws {
        let bytes = try NodeFixture.bytes("node_exporter", "collector-fixtures", "proc/pressure/irq")
        #expect(bytes.last != UInt8(ascii: "\n"))
        let file = try NodeFixture.parse(bytes, PressureFile.init(parsing:))
        #expect(file.some == nil)
        #expect(file.full == Pressure.Stall(avg10: 0, avg60: 0, avg300: 0, totalUs: 8494))
        #expect(file.pressure == nil)
        #expect(try NodeFixture.parse(bytes, PressureFile.someTotalUs(parsing:)) == nil)
    }

    @Test func someLineWithoutItsTotalIsAnErrorWithItsLine() {
        #expect(throws: ParseError(line: 2, "expected `some ... total=N`")) {
            try NodeFixture.parse(
                text: "full avg10=0.00 avg60=0.00 avg300=0.00 total=1\nsome avg10=0.00 avg60=0.00 avg300=0.00\n",
                PressureFile.someTotalUs(parsing:))
        }
    }
}

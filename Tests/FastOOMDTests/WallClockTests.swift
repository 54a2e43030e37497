import Testing

@testable import fastoomd

@Test(arguments: [
    (0, "1970-01-01T00:00:00.000Z"),
    (-1, "1969-12-31T23:59:59.999Z"),
    (1_795_923_000_123, "2026-11-29T03:30:00.123Z"),
    (1_709_210_096_007, "2024-02-29T12:34:56.007Z"),
    (1_709_251_200_000, "2024-03-01T00:00:00.000Z"),
    (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
])
func wallClockWritesAndParsesTheSameISOTime(unixMs: Int64, text: String) {
    #expect(WallClock.iso8601(unixMs) == text)
    #expect(WallClock.parseISO8601(text) == unixMs)
}

@Test(arguments: ["2026-11-29T24:00Z", "2026-00-10", "2026-11-29T03:30:00.12Z", "2026/11/29", "2026-11-29T0330"])
func wallClockRefusesMalformedTimes(text: String) {
    #expect(WallClock.parseISO8601(text) == nil)
}

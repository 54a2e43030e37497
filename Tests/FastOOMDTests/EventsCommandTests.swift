import Testing

@testable import fastoomd

private let nowMs: Int64 = 1_795_923_000_123

@Test(arguments: [
    ("2026-11-29T03:30:00.123Z", 1_795_923_000_123),
    ("2026-11-29T03:30:00Z", 1_795_923_000_000),
    ("2026-11-29", 1_795_910_400_000),
    ("1795923000", 1_795_923_000_000),
    ("0", 0),
    ("90s", nowMs - 90_000),
    ("10m", nowMs - 600_000),
    ("2h", nowMs - 7_200_000),
    ("1d", nowMs - 86_400_000),
])
func sinceAcceptsISOTimesUnixSecondsAndTimeAgo(text: String, expectedMs: Int64) throws {
    #expect(try EventsCommand.sinceMs(parsing: text, nowMs: nowMs) == expectedMs)
}

@Test(arguments: ["", "m", "10x", "-5m", "1.5h", "yesterday", "2026-13-01", "99999999999999999999s"])
func sinceRejectsAnythingElse(text: String) {
    #expect(throws: UsageError.self) { try EventsCommand.sinceMs(parsing: text, nowMs: nowMs) }
}

@Test func eventsRejectsUnknownOptionsAndArguments() {
    #expect(throws: UsageError.self) { try EventsCommand.run(["--tail"]) }
    #expect(throws: UsageError.self) { try EventsCommand.run(["events.jsonl"]) }
}

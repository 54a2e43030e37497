import Glibc
import MemSense
import TestSupport
import Testing

@testable import fastoomd

private func contents(_ path: String) throws -> String {
    String(decoding: try PlainFile.contents(of: path, limitBytes: 1 << 20), as: UTF8.self)
}

private func appendRaw(_ text: String, to path: String) throws {
    let file = try PlainFile(appendingTo: path)
    try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(FileWriteError) in try file.write(buffer) }
    try file.close()
}

/// Every event of the log at `path` read without following, and the notices given.
private func readAll(_ path: String) throws -> (events: [Event], notices: [String]) {
    var notices: [String] = []
    var events: [Event] = []
    try EventTail(path: path) { notices.append($0) }.run(follow: false, wait: { false }) { events.append($0.event) }
    return (events, notices)
}

@Test func eventLineHasSortedSnakeCaseKeysAndNoAbsentParts() throws {
    let log = EventLog(path: nil, toStandardOutput: false)
    let line = String(decoding: try #require(log.line(EventSamples.kill)), as: UTF8.self)
    let expected =
        #"{"dry_run":false,"event":"kill","exit_ms":35,"freed_bytes":1050000000,"signal":"SIGKILL","#
        + #""t_ms":86400250,"target":"/kubepods/burstable/pod7","#
        + #""trigger":{"available_bytes":52428800,"memory_some_stall_share":0.25,"previous_state":"warning","#
        + #""probability":0.93,"reasons":["available 3.1% < 5%"],"state":"critical","total_bytes":1677721600},"#
        + #""victim":{"cgroup":"/kubepods/burstable/pod7","cmdline":["stress-ng","--vm","1"],"#
        + #""comm":"stress \"ng\"","freeable_bytes":1000000000,"oom_score":900,"oom_score_adj":0,"pid":4242,"#
        + #""rss_bytes":1073741824,"start_time_ticks":123456,"uid":1000},"wall_ms":1795923000123}"# + "\n"
    #expect(line == expected)
    let small = String(decoding: try #require(log.line(EventSamples.small(3))), as: UTF8.self)
    #expect(small == #"{"event":"state_changed","t_ms":10003,"target":"node","wall_ms":1795923003000}"# + "\n")
}

@Test func eventsWrittenToTheLogReadBackEqual() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        let written = [EventSamples.kill, EventSamples.small(1), Event(.stopped, wallMs: 0, tMs: 0, message: "bye\n")]
        let log = EventLog(path: path, toStandardOutput: false) { Issue.record("unexpected report: \($0)") }
        for event in written { log.write(event) }
        let read = try readAll(path)
        #expect(read.events == written)
        #expect(read.notices.isEmpty)
        #expect(try contents(path).split(separator: "\n").count == 3)
    }
}

@Test func rotationKeepsAtMostKeepOldFilesAndSplitsNoLine() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        // 74-byte lines: two fit in 160 bytes, a third starts a new file.
        let log = EventLog(path: path, rotation: .init(maxBytes: 160, keep: 2), toStandardOutput: false) {
            Issue.record("unexpected report: \($0)")
        }
        for number in 0..<9 { log.write(EventSamples.small(Int64(number))) }
        #expect(access(path + ".3", F_OK) != 0)
        var events: [Event] = []
        for file in [path + ".2", path + ".1", path] {
            let text = try contents(file)
            #expect(text.utf8.count <= 160)
            #expect(text.hasSuffix("\n"))
            events += try readAll(file).events
        }
        // Files of 2, 2 and 1 lines: the newest five events, none lost in between, in order.
        #expect(events == (4..<9).map { EventSamples.small(Int64($0)) })
    }
}

@Test func lineCutByACrashIsClosedAndTheNextEventReads() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        let cut = #"{"event":"kill","t_ms":12,"tar"#
        try appendRaw(#"{"event":"started","t_ms":1,"wall_ms":1795923000000}"# + "\n" + cut, to: path)
        EventLog(path: path, toStandardOutput: false).write(EventSamples.small(2))
        let expectedTail = cut + "\n" + #"{"event":"state_changed","t_ms":10002,"target":"node","#
        #expect(try contents(path).contains(expectedTail))
        let read = try readAll(path)
        #expect(read.events == [Event(.started, wallMs: 1_795_923_000_000, tMs: 1), EventSamples.small(2)])
        #expect(read.notices == ["\(path):2: skipped a line that is not an event (not JSON)"])
    }
}

@Test func logThatEndsCleanlyGetsNoExtraLineBreak() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        EventLog(path: path, toStandardOutput: false).write(EventSamples.small(1))
        EventLog(path: path, toStandardOutput: false).write(EventSamples.small(2))
        let lines = try contents(path).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
    }
}

@Test(arguments: [("/events.jsonl", ENOTDIR), ("/missing/events.jsonl", ENOENT)])
func unwritableLogIsReportedOnceAndDoesNotStopWriting(suffix: String, errno expected: Int32) throws {
    try withTemporaryDirectory { directory in
        let notADirectory = directory + "/plain"
        try appendRaw("", to: notADirectory)
        let path = (expected == ENOTDIR ? notADirectory : directory) + suffix
        var reports: [String] = []
        let log = EventLog(path: path, toStandardOutput: false) { reports.append($0) }
        log.write(EventSamples.small(1))
        log.write(EventSamples.small(2))
        #expect(reports == ["event log: \(FileWriteError(path: path, errno: expected))"])
        if expected == ENOENT {
            #expect(mkdir(directory + "/missing", 0o755) == 0)
            log.write(EventSamples.small(3))
            #expect(try readAll(path).events == [EventSamples.small(3)])
            unlink(path)
            rmdir(directory + "/missing")
        }
    }
}

@Test func fullDiskIsReportedOnceAndWritingGoesOn() {
    var reports: [String] = []
    let log = EventLog(path: "/dev/full", toStandardOutput: false) { reports.append($0) }
    for number in 0..<3 { log.write(EventSamples.small(Int64(number))) }
    #expect(reports == ["event log: \(FileWriteError(path: "/dev/full", errno: ENOSPC))"])
}

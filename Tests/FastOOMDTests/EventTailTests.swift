import Glibc
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// The follower driven step by step: `steps[n]` runs in the n-th wait (after the n-th poll),
/// and the follower stops after the last one.
private func follow(
    _ path: String, sinceMs: Int64? = nil, steps: [() -> Void]
) throws -> (lines: [String], events: [Event], notices: [String]) {
    var notices: [String] = []
    var logged: [LoggedEvent] = []
    var step = 0
    let tail = EventTail(path: path, sinceMs: sinceMs) { notices.append($0) }
    try tail.run(
        follow: true,
        wait: {
            guard step < steps.count else { return false }
            steps[step]()
            step += 1
            return true
        }
    ) { logged.append($0) }
    return (logged.map(\.line), logged.map(\.event), notices)
}

private func appendRaw(_ text: String, to path: String) {
    let file = try? PlainFile(appendingTo: path)
    try? Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(FileWriteError) in try file?.write(buffer) }
}

@Test func garbageLinesAreSkippedWithANoticeNamingFileAndLine() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        appendRaw(
            #"{"event":"started","t_ms":1,"wall_ms":5}"# + "\nnot json\n\n"
                + #"{"event":"exploded","t_ms":2,"wall_ms":6}"# + "\n" + #"{"t_ms":3,"wall_ms":7}"# + "\n"
                + #"{"event":"stopped","t_ms":4,"wall_ms":8}"# + "\n",
            to: path)
        let result = try follow(path, steps: [])
        #expect(result.events == [Event(.started, wallMs: 5, tMs: 1), Event(.stopped, wallMs: 8, tMs: 4)])
        #expect(
            result.notices == [
                "\(path):2: skipped a line that is not an event (not JSON)",
                "\(path):4: skipped a line that is not an event (bad value at \"event\")",
                "\(path):5: skipped a line that is not an event (no \"event\")",
            ])
    }
}

@Test func partialLastLineIsHeldUntilItsNewlineArrives() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        appendRaw(#"{"event":"started","t_ms":1,"#, to: path)
        let result = try follow(
            path, steps: [{ appendRaw(#""wall_ms":5}"#, to: path) }, { appendRaw("\n", to: path) }])
        #expect(result.lines == [#"{"event":"started","t_ms":1,"wall_ms":5}"#])
        #expect(result.notices.isEmpty)
    }
}

@Test func followerSeesEventsAppendedAfterItStartedAndAcrossRotations() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        // Two 74-byte lines per file.
        let log = EventLog(path: path, rotation: .init(maxBytes: 160, keep: 1), toStandardOutput: false)
        log.write(EventSamples.small(0))
        let result = try follow(
            path,
            steps: [
                // 2 rotates the file while 1, not yet read, is in it: 1 is now in FILE.1.
                {
                    log.write(EventSamples.small(1))
                    log.write(EventSamples.small(2))
                },
                // 4 rotates again, and the file that held 0 and 1 is gone (keep 1).
                {
                    log.write(EventSamples.small(3))
                    log.write(EventSamples.small(4))
                },
                { log.write(EventSamples.small(5)) },
            ])
        #expect(result.events == (0...5).map { EventSamples.small(Int64($0)) })
        #expect(result.notices.isEmpty)
    }
}

@Test func followerWaitsForTheLogToAppear() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        let log = EventLog(path: path, toStandardOutput: false)
        let result = try follow(path, steps: [{}, { log.write(EventSamples.small(1)) }])
        #expect(result.events == [EventSamples.small(1)])
    }
}

@Test func missingLogWithoutFollowIsAnErrorNamingThePath() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        #expect(throws: ReadError.notFound(path: path)) {
            try EventTail(path: path).run(follow: false, wait: { false }) { _ in }
        }
    }
}

@Test func followerRereadsALogTruncatedInPlace() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        let log = EventLog(path: path, toStandardOutput: false)
        log.write(EventSamples.small(1))
        log.write(EventSamples.small(2))
        let result = try follow(
            path,
            steps: [
                {
                    truncate(path, 0)
                    appendRaw(#"{"event":"started","t_ms":1,"wall_ms":5}"# + "\n", to: path)
                }
            ])
        #expect(result.events == [EventSamples.small(1), EventSamples.small(2), Event(.started, wallMs: 5, tMs: 1)])
    }
}

@Test func sinceLeavesOutEarlierEvents() throws {
    try withTemporaryDirectory { directory in
        let path = directory + "/events.jsonl"
        let log = EventLog(path: path, toStandardOutput: false)
        for number in 0..<4 { log.write(EventSamples.small(Int64(number))) }
        let result = try follow(path, sinceMs: EventSamples.small(2).wallMs, steps: [])
        #expect(result.events == [EventSamples.small(2), EventSamples.small(3)])
    }
}

/// The fields of /proc/PID/stat that identify a process and place it in its family:
///
///     16941 (x) S 1 (y z) S 16937 16892 5194 0 -1 4194304 205 0 0 0 0 0 0 0 20 0 1 0 847786 ...
///
/// A process may rename itself to anything of up to 15 bytes, `)`, spaces and newlines
/// included (above, the comm is `x) S 1 (y z`), so the comm runs from the first `(` to the
/// LAST `)` of the file, and the numbered fields are counted after that `)`.
public struct ProcessStat: Sendable, Equatable {
    public var pid: Int32
    public var comm: String
    public var state: Character
    public var parentPID: Int32
    public var processGroupID: Int32
    public var sessionID: Int32
    /// Field 22: clock ticks (USER_HZ) after boot at which the process started.
    public var startTimeTicks: UInt64

    public init(
        pid: Int32, comm: String, state: Character, parentPID: Int32, processGroupID: Int32, sessionID: Int32,
        startTimeTicks: UInt64
    ) {
        self.pid = pid
        self.comm = comm
        self.state = state
        self.parentPID = parentPID
        self.processGroupID = processGroupID
        self.sessionID = sessionID
        self.startTimeTicks = startTimeTicks
    }

    /// Fields 3 (state) to 22 (start time) are the first 20 after the comm.
    private static let fieldsAfterComm = 20

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")),
            let close = bytes.lastIndex(of: UInt8(ascii: ")")), close > open
        else { throw ParseError(line: 1, "no (comm) in parentheses") }
        var head = ByteLine(UnsafeBufferPointer(rebasing: bytes[..<open]))
        guard let pidField = head.nextField(), let pid = Self.int32(pidField), head.nextField() == nil else {
            throw ParseError(line: 1, "no pid before the comm")
        }
        let tail = bytes[(close + 1)...]
        let end = tail.firstIndex(of: ByteLine.newline) ?? bytes.endIndex
        var line = ByteLine(UnsafeBufferPointer(rebasing: bytes[(close + 1)..<end]))
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(Self.fieldsAfterComm)
        while fields.count < Self.fieldsAfterComm, let field = line.nextField() { fields.append(field) }
        guard fields.count == Self.fieldsAfterComm else {
            throw ParseError(line: 1, "\(fields.count) fields after the comm; the start time is the 20th")
        }
        guard fields[0].count == 1, let stateByte = fields[0].first else {
            throw ParseError(line: 1, "the state is not one letter")
        }
        guard let parent = Self.int32(fields[1]), let group = Self.int32(fields[2]),
            let session = Self.int32(fields[3])
        else { throw ParseError(line: 1, "ppid, pgrp or session is not a pid") }
        guard let start = KernelNumber.uint64(fields[19]) else {
            throw ParseError(line: 1, "the start time (field 22) is not a number")
        }
        self.init(
            pid: pid,
            comm: String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self),
            state: Character(Unicode.Scalar(stateByte)), parentPID: parent, processGroupID: group,
            sessionID: session, startTimeTicks: start)
    }

    /// A pid: a non-negative number that fits pid_t.
    static func int32(_ field: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let value = KernelNumber.uint64(field), value <= UInt64(Int32.max) else { return nil }
        return Int32(value)
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Calendar arithmetic for event times, in UTC, without Foundation: Unix milliseconds to
/// ISO 8601 and back (Howard Hinnant's days-from-civil algorithm).
enum WallClock {
    /// The wall clock now, in Unix milliseconds (clock_gettime(CLOCK_REALTIME)). This is the
    /// only place fastoomd reads the wall clock: for an event's `wall_ms` and for a relative
    /// `--since`. Everything else takes time as an argument, so tests and replays choose it.
    static func nowMs() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// `2026-11-28T03:30:00.123Z`.
    static func iso8601(_ unixMs: Int64) -> String {
        let totalSeconds = unixMs >= 0 ? unixMs / 1000 : (unixMs - 999) / 1000
        let millis = unixMs - totalSeconds * 1000
        let days = totalSeconds >= 0 ? totalSeconds / 86400 : (totalSeconds - 86399) / 86400
        let secondsOfDay = totalSeconds - days * 86400
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.mmm]][Z]` (UTC) into Unix milliseconds.
    static func parseISO8601(_ text: String) -> Int64? {
        let characters = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= characters.count else { return nil }
            var value: Int64 = 0
            for byte in characters[start..<(start + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard characters.count >= 10, characters[4] == 45, characters[7] == 45,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var milliseconds = days(fromYear: year, month: month, day: day) * 86_400_000
        var rest = Array(characters[10...])
        if rest.last == UInt8(ascii: "Z") { rest.removeLast() }
        if rest.isEmpty { return milliseconds }
        guard rest.count >= 6, rest[0] == UInt8(ascii: "T") || rest[0] == UInt8(ascii: " "), rest[3] == 58,
            let hour = number(11, 2), let minute = number(14, 2), hour < 24, minute < 60
        else { return nil }
        milliseconds += (hour * 3600 + minute * 60) * 1000
        if rest.count >= 9 {
            guard rest[6] == 58, let second = number(17, 2), second < 61 else { return nil }
            milliseconds += second * 1000
            if rest.count > 9 {
                guard rest[9] == 46, rest.count == 13, let millis = number(20, 3) else { return nil }
                milliseconds += millis
            }
        } else if rest.count != 6 {
            return nil
        }
        return milliseconds
    }

    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719468
        let era = (shifted >= 0 ? shifted : shifted - 146096) / 146097
        let dayOfEra = shifted - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

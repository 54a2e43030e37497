/// A byte count for people, in the largest binary unit that keeps it exact or at least 10:
/// `512 MiB`, `1536 MiB`, `3 GiB`, `700 KiB`, `12 B`.
struct ByteCount: CustomStringConvertible {
    let bytes: UInt64

    init(_ bytes: UInt64) { self.bytes = bytes }

    var description: String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = bytes
        var unit = 0
        while unit < units.count - 1 {
            let next = value / 1024
            guard next >= 10 || (next >= 1 && value % 1024 == 0) else { break }
            value = next
            unit += 1
        }
        return "\(value) \(units[unit])"
    }
}

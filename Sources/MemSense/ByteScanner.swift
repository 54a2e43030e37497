#if canImport(Glibc)
    import Glibc
#endif

/// Walks the bytes of a kernel text file line by line and field by field, without copying.
///
/// Every parser in MemSense reads through this one type, so the rules for whitespace,
/// numbers and overflow are written once.
public struct ByteScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// The 1-based number of the line that `nextLine()` returned last (0 before the first).
    public private(set) var lineNumber = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next line without its newline, or nil at the end. A last line without a newline
    /// is returned like any other; an empty file has no lines.
    public mutating func nextLine() -> ByteLine? {
        guard position < bytes.count, let base = bytes.baseAddress else { return nil }
        let start = position
        // memchr finds the newline many bytes at a time: a fifth of a /proc/vmstat parse otherwise.
        let end =
            memchr(base + start, Int32(ByteLine.newline), bytes.count - start)
            .map { UnsafeRawPointer(base).distance(to: $0) } ?? bytes.count
        position = end + 1
        lineNumber += 1
        return ByteLine(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
}

/// One line of a kernel text file, split into fields on spaces and tabs.
public struct ByteLine {
    static let newline = UInt8(ascii: "\n")
    public let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    public var isBlank: Bool {
        bytes.allSatisfy(ByteLine.isSpace)
    }

    /// The next run of bytes that are not spaces or tabs, or nil when none is left.
    public mutating func nextField() -> UnsafeBufferPointer<UInt8>? {
        while position < bytes.count, ByteLine.isSpace(bytes[position]) { position += 1 }
        guard position < bytes.count else { return nil }
        let start = position
        while position < bytes.count, !ByteLine.isSpace(bytes[position]) { position += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<position])
    }

    /// The bytes after the current position with leading spaces and tabs skipped.
    public mutating func rest() -> UnsafeBufferPointer<UInt8> {
        while position < bytes.count, ByteLine.isSpace(bytes[position]) { position += 1 }
        let start = position
        position = bytes.count
        return UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

/// Numbers written by the kernel, parsed straight from bytes.
public enum KernelNumber {
    /// A non-negative decimal integer such as `24684092`; nil for anything else, including a
    /// sign, an empty field or a value that does not fit in 64 bits.
    public static func uint64(_ field: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !field.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// A decimal integer with an optional leading `-`, such as an oom_score_adj of `-1000`.
    public static func int64(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        if first == UInt8(ascii: "-") {
            guard let magnitude = uint64(UnsafeBufferPointer(rebasing: field.dropFirst())),
                magnitude <= UInt64(Int64.max) + 1
            else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard let magnitude = uint64(field), magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// A non-negative fixed-point decimal such as PSI's `12.34`; nil for anything else.
    public static func decimal(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let dot = field.firstIndex(of: UInt8(ascii: ".")) else {
            return uint64(field).map(Double.init)
        }
        let whole = UnsafeBufferPointer(rebasing: field[..<dot])
        let fraction = UnsafeBufferPointer(rebasing: field[(dot + 1)...])
        guard let wholeValue = uint64(whole), let fractionValue = uint64(fraction), fraction.count <= 18 else {
            return nil
        }
        var scale: UInt64 = 1
        for _ in 0..<fraction.count { scale *= 10 }
        // One division of the exact scaled integer, so that `1.36` reads as the double nearest
        // 1.36 and not as 1 + 0.36's rounding error.
        let (scaled, overflow1) = wholeValue.multipliedReportingOverflow(by: scale)
        let (exact, overflow2) = scaled.addingReportingOverflow(fractionValue)
        if !overflow1, !overflow2, exact < 1 << 53 { return Double(exact) / Double(scale) }
        return Double(wholeValue) + Double(fractionValue) / Double(scale)
    }

    /// Whether `field` spells `text` exactly, compared byte by byte (no allocation).
    public static func field(_ field: UnsafeBufferPointer<UInt8>, equals text: StaticString) -> Bool {
        guard field.count == text.utf8CodeUnitCount else { return false }
        guard let base = field.baseAddress else { return true }
        // memcmp compares words at a time, without a branch per byte: keys are compared on every line.
        return memcmp(base, text.utf8Start, field.count) == 0
    }
}

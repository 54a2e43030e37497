/// Swift numbers to and from the text of JSON numbers, exactly: an integer is never routed
/// through a `Double` (which holds integers exactly only up to 2^53).
enum JSONNumber {
    /// The integer `text` denotes, or nil when it is not a whole number or does not fit in `T`:
    /// `-12` and `18446744073709551615` as written, `1.0` and `1e3` too (JSONDecoder took them),
    /// but not `2.5` or `25e-1`.
    static func integer<T: FixedWidthInteger>(_ text: String) -> T? {
        if let plain = T(text) { return plain }
        // A point or an exponent: the digits without the point, and the power of ten scaling them.
        var digits: [UInt8] = []
        var exponent = 0
        var isNegative = false
        var isFraction = false
        var bytes = text.utf8[...]
        while let byte = bytes.popFirst(), byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            switch byte {
            case UInt8(ascii: "-"): isNegative = true
            case UInt8(ascii: "."): isFraction = true
            default:
                digits.append(byte &- UInt8(ascii: "0"))
                if isFraction { exponent -= 1 }
            }
        }
        if !bytes.isEmpty {
            // The exponent; one too large for an Int is far out of every integer type's range.
            guard let power = Int(Substring(bytes)) else { return nil }
            let (sum, overflow) = exponent.addingReportingOverflow(power)
            guard !overflow else { return nil }
            exponent = sum
        }
        while exponent < 0, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        guard exponent >= 0 else { return nil }
        if digits.allSatisfy({ $0 == 0 }) { return 0 }
        // Any nonzero digit followed by 40 zeros is past 2^128.
        guard digits.count + exponent <= 40 else { return nil }
        var value: T = 0
        for digit in digits + repeatElement(0, count: exponent) {
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, digitOverflow) =
                isNegative ? shifted.subtractingReportingOverflow(T(digit)) : shifted.addingReportingOverflow(T(digit))
            guard !shiftOverflow, !digitOverflow else { return nil }
            value = next
        }
        return value
    }

    /// The shortest text that reads back as `value` (Swift's `description`), without the `.0`
    /// that JSONEncoder left off whole numbers: `0.25`, `1e-07`, `1e+16`, `3`, `-0`. Nil for NaN
    /// and infinities, which JSON cannot write.
    static func text<T: BinaryFloatingPoint & CustomStringConvertible>(of value: T) -> String? {
        guard value.isFinite else { return nil }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

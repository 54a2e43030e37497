extension UInt64 {
    /// `self + other`, or `UInt64.max` where that overflows: summed kernel counters from a
    /// hostile or corrupt file must not trap.
    func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

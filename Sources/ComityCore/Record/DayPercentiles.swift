/// Median and 90th percentile of a list of day counts, by the nearest-rank method.
///
/// The nearest-rank p-th percentile of n sorted values is the value at rank ⌈p × n / 100⌉
/// (ranks counted from 1): always one of the values observed, never an interpolation, so
/// "90th percentile: 45 days" means at least 90 % of the replies came within 45 days and
/// one of them took exactly 45. The median is the 50th percentile in this sense (of 4 values,
/// the 2nd).
///
///     DayPercentiles.nearestRank(50, of: [3, 10, 40, 5]) // 5
public enum DayPercentiles {
    /// The nearest-rank `percent`-th percentile of `days`; nil for an empty list.
    public static func nearestRank(_ percent: Int, of days: [UInt16]) -> Int? {
        guard !days.isEmpty else { return nil }
        return Int(nearestRank(percent, ofSorted: days.sorted()))
    }

    /// The same, of a list already sorted in ascending order (not empty).
    static func nearestRank(_ percent: Int, ofSorted sorted: [UInt16]) -> UInt16 {
        let rank = (percent * sorted.count + 99) / 100
        return sorted[max(rank, 1) - 1]
    }
}

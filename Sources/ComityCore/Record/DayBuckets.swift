/// The ranges of days a response-time chart groups replies into.
public struct DayBucket: Codable, Sendable, Hashable {
    /// The bucket's label, e.g. "31–60".
    public var label: String
    /// The first day in it.
    public var from: Int
    /// The last day in it; nil for the open-ended last bucket.
    public var to: Int?

    /// 0–30, 31–60, 61–90, 91–180, 181–365 and over 365 days.
    public static let standard: [DayBucket] = [
        DayBucket(label: "0–30", from: 0, to: 30), DayBucket(label: "31–60", from: 31, to: 60),
        DayBucket(label: "61–90", from: 61, to: 90), DayBucket(label: "91–180", from: 91, to: 180),
        DayBucket(label: "181–365", from: 181, to: 365), DayBucket(label: "over 365", from: 366, to: nil),
    ]

    public func contains(_ days: Int) -> Bool { days >= from && (to.map { days <= $0 } ?? true) }

    /// How many of `days` fall in each of `buckets`, in order.
    public static func counts(_ days: [UInt16], in buckets: [DayBucket] = standard) -> [Int] {
        var counts = [Int](repeating: 0, count: buckets.count)
        for d in days {
            if let i = buckets.firstIndex(where: { $0.contains(Int(d)) }) { counts[i] += 1 }
        }
        return counts
    }
}

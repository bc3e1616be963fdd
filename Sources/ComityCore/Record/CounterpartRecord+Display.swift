/// How the record's numbers are written in its documents, the same in text, CSV and HTML.
extension CounterpartRecord {
    /// `count` as a percentage of `total` to one decimal ("33.3%"), from whole numbers (half
    /// up); nil when `total` is 0: a share of nothing is not 0 %.
    public static func percent(_ count: Int, of total: Int) -> String? {
        guard total > 0 else { return nil }
        let tenths = (count * 2000 + total) / (total * 2)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// A share rounded as the record keeps it (0.333), or nil.
    public static func shareText(_ share: Double?) -> String? {
        share.map { fixed($0, places: 3) }
    }

    /// Follow-ups per substantive reply to two decimals ("1.50"), or nil.
    public static func ratioText(_ ratio: Double?) -> String? {
        ratio.map { fixed($0, places: 2) }
    }

    /// A non-negative value already rounded to `places` decimals, written with exactly that many.
    static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let units = Int((value * Double(scale)).rounded())
        let fraction = String(units % scale)
        return "\(units / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// What the scope covers, in words: "all counterparts, all channels, requests sent or received up to 2024-01-10".
    public var scopeText: String {
        var parts: [String] = []
        parts.append(scope.counterpart.map { "counterpart \($0)" } ?? "all counterparts")
        parts.append(scope.channel.map { "the \($0.rawValue) channel" } ?? "all channels")
        switch (scope.from, scope.to) {
        case let (from?, to?): parts.append("requests sent or received from \(from.iso) to \(min(to, asOf).iso)")
        case let (from?, nil): parts.append("requests sent or received from \(from.iso) to \(asOf.iso)")
        case let (nil, to?): parts.append("requests sent or received up to \(min(to, asOf).iso)")
        case (nil, nil): parts.append("requests sent or received up to \(asOf.iso)")
        }
        return parts.joined(separator: ", ")
    }

    /// The sentences every format carries about what the figures mean and what they leave out.
    public var notes: [String] {
        var notes = [
            "Sent: requests we sent the counterpart, and its answers to them. Received: requests the counterpart sent us, and our answers to them. A request counts in the year it was sent, or received.",
            "Days are calendar days from the day sent or received (day 0). Acknowledgement: the first reply of any kind or the recorded move to acknowledged, whichever came first. Medians and 90th percentiles by nearest rank, over the requests answered by \(asOf.iso); those not yet answered are counted apart.",
            "Shares are of all replies of that side. Open: requests open on \(asOf.iso); overdue: those past their response due date, as the stall report counts them: with them for requests sent, with us for requests received. Follow-ups: those we sent the counterpart, not internal talking points.",
        ]
        if ourState == nil {
            notes.append("This desk's own state is not recorded (the setting our-state), so every request counts as one we sent and none as received.")
        }
        if withheld > 0 {
            notes.append("\(withheld) request(s) above the reader's clearance are left out of every figure.")
        }
        return notes
    }

    /// The sentence when nothing is shown, true of the data whatever it holds.
    public var emptyText: String {
        withheld > 0
            ? "No request in this scope is within the reader's clearance."
            : "No request sent or received is in this scope."
    }
}

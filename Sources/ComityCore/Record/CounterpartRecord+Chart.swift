/// The bar chart of days to the first substantive reply, laid out for an inline SVG: one bar a
/// bucket and one for the requests with no substantive reply yet, each labelled with its count
/// and its range, so the chart reads in grey print and without colour.
extension CounterpartRecord {
    /// The chart's size and margins, in SVG user units.
    enum ChartLayout {
        static let width = 460
        static let height = 190
        static let left = 10
        static let top = 24
        static let plotHeight = 120
        static let barWidth = 46
        static let gap = 18
    }

    /// The geometry and words of one counterpart's chart.
    func chart(_ c: Counterpart) -> TemplateValue {
        typealias L = ChartLayout
        let counts = c.substantiveDays + [c.noSubstantiveReply]
        let labels = buckets.map(\.label) + ["none yet"]
        let highest = max(counts.max() ?? 0, 1)
        let baseline = L.top + L.plotHeight
        let bars: [TemplateValue] = counts.indices.map { i in
            let height = counts[i] * L.plotHeight / highest
            let x = L.left + i * (L.barWidth + L.gap)
            return .object([
                "x": .number(x), "y": .number(baseline - height), "width": .number(L.barWidth), "height": .number(height),
                "labelX": .number(x + L.barWidth / 2), "countY": .number(baseline - height - 6), "labelY": .number(baseline + 18),
                "count": .number(counts[i]), "label": .text(labels[i]),
                "pending": .flag(i == counts.count - 1),
            ])
        }
        let described = zip(labels, counts).map { label, count in
            label == "none yet" ? "no substantive reply yet: \(count)" : "\(label) days: \(count)"
        }.joined(separator: "; ")
        return .object([
            "width": .number(L.width), "height": .number(L.height), "baseline": .number(baseline), "left": .number(L.left),
            "axisEnd": .number(L.left + counts.count * (L.barWidth + L.gap) - L.gap),
            "captionY": .number(baseline + 40),
            "description": .text("Days to first substantive reply, requests sent to \(c.name): \(described)."),
            "bars": .list(bars),
        ])
    }
}

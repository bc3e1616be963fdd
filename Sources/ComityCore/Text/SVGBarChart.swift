/// A grouped bar chart laid out for an inline SVG, drawn by `templates/shared/bar-chart.svg`:
/// one group of bars a category, one bar a series, each bar filled with its series' pattern and
/// labelled with its count, and a legend naming each pattern, so the chart reads in grey print
/// and without colour. `table` is the same figures for a screen reader, to set beside it.
///
///     let chart = SVGBarChart(id: "age", title: "Open requests by age",
///                             categories: ["0–30", "31–60"],
///                             series: [.init(name: "Ours", fill: .hatched, values: [1, 0])])
///     chart.context   // the template's values
public struct SVGBarChart: Sendable {
    /// How a series' bars are filled: told apart by their pattern, not by colour alone.
    public enum Fill: String, Sendable, CaseIterable {
        case hatched, dotted, crossed
    }

    public struct Series: Sendable {
        public var name: String
        public var fill: Fill
        /// One value a category.
        public var values: [Int]

        public init(name: String, fill: Fill, values: [Int]) {
            self.name = name
            self.fill = fill
            self.values = values
        }
    }

    /// Unique in the page: the chart's patterns and title are named after it.
    public var id: String
    /// What the chart shows, in a sentence: its accessible name and the table's caption.
    public var title: String
    /// The head of the table's first column ("Days since sent or received").
    public var categoryHead: String
    public var categories: [String]
    public var series: [Series]
    /// The width of one bar, and the narrowest a group may be so its label fits under it.
    public var barWidth: Int
    public var minimumGroupWidth: Int

    public init(
        id: String, title: String, categoryHead: String = "", categories: [String], series: [Series], barWidth: Int = 34,
        minimumGroupWidth: Int = 100
    ) {
        self.id = id
        self.title = title
        self.categoryHead = categoryHead
        self.categories = categories
        self.series = series
        self.barWidth = barWidth
        self.minimumGroupWidth = minimumGroupWidth
    }

    /// The chart's size and margins, in SVG user units.
    enum Layout {
        static let left = 10
        static let top = 24
        static let plotHeight = 100
        static let barGap = 3
        static let groupGap = 16
        static let legendLine = 18
    }

    /// The geometry and words of the chart and its table.
    public var context: TemplateValue {
        typealias L = Layout
        let bars = series.count
        let barsWidth = bars * barWidth + (bars - 1) * L.barGap
        let group = max(barsWidth, minimumGroupWidth)
        let plotWidth = categories.count * (group + L.groupGap) - L.groupGap
        let highest = max(series.flatMap(\.values).max() ?? 0, 1)
        let baseline = L.top + L.plotHeight
        var drawn: [TemplateValue] = []
        var labels: [TemplateValue] = []
        for (c, category) in categories.enumerated() {
            let groupX = L.left + c * (group + L.groupGap)
            labels.append(.object(["x": .number(groupX + group / 2), "y": .number(baseline + 16), "text": .text(category)]))
            for (s, line) in series.enumerated() {
                let value = c < line.values.count ? line.values[c] : 0
                let height = value * L.plotHeight / highest
                let x = groupX + (group - barsWidth) / 2 + s * (barWidth + L.barGap)
                drawn.append(.object([
                    "x": .number(x), "y": .number(baseline - height), "width": .number(barWidth), "height": .number(height),
                    "fill": .text("\(id)-\(line.fill.rawValue)"), "count": .number(value),
                    "countX": .number(x + barWidth / 2), "countY": .number(baseline - height - 5),
                ]))
            }
        }
        let legendTop = baseline + 36
        let legend: [TemplateValue] = series.enumerated().map { s, line in
            let y = legendTop + s * L.legendLine
            return .object(["x": .number(L.left), "y": .number(y), "textX": .number(L.left + 20), "textY": .number(y + 11),
                            "fill": .text("\(id)-\(line.fill.rawValue)"), "name": .text(line.name)])
        }
        let fills = Set(series.map(\.fill))
        let patterns: [TemplateValue] = Fill.allCases.filter(fills.contains).map { fill in
            .object(["id": .text("\(id)-\(fill.rawValue)"), "hatched": .flag(fill == .hatched), "dotted": .flag(fill == .dotted),
                     "crossed": .flag(fill == .crossed)])
        }
        let described = categories.enumerated().map { c, category in
            "\(category) — " + series.map { "\($0.name): \(c < $0.values.count ? $0.values[c] : 0)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        return .object([
            "chartID": .text(id), "title": .text(title), "description": .text("\(title). \(described)."),
            "width": .number(L.left * 2 + plotWidth), "height": .number(legendTop + series.count * L.legendLine + 4),
            "left": .number(L.left), "baseline": .number(baseline), "axisEnd": .number(L.left + plotWidth),
            "patterns": .list(patterns), "bars": .list(drawn), "labels": .list(labels), "legend": .list(legend),
            "table": table,
        ])
    }

    /// The figures as rows of a table: a category a row, a series a column.
    var table: TemplateValue {
        .object([
            "caption": .text(title), "categoryHead": .text(categoryHead),
            "heads": .list(series.map { .text($0.name) }),
            "rows": .list(categories.enumerated().map { c, category in
                .object(["label": .text(category),
                         "cells": .list(series.map { .number(c < $0.values.count ? $0.values[c] : 0) })])
            }),
        ])
    }
}

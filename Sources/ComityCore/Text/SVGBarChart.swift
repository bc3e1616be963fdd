/// A grouped bar chart laid out for an inline SVG, and the text table that goes beside it.
///
/// Comity draws its charts itself, with no script: Swift works out the geometry and the
/// partial `shared/bar-chart.html` draws it. Each series is filled with a pattern of its own
/// (hatched, dotted, cross-hatched, plain) as well as a colour, every bar carries its count,
/// every group its label, and a legend names the series, so the chart reads in grey print and
/// without colour; the table beside it gives the same numbers to a screen reader.
///
///     let chart = SVGBarChart(id: "open-CN", title: "Open requests by age, China",
///                             categoryHeader: "Days open", categories: ["0–30", "31–60"],
///                             series: [.init(label: "sent", pattern: .hatched), .init(label: "received", pattern: .dotted)],
///                             values: [[2, 1], [0, 3]])
///     context["chart"] = chart.templateValue
public struct SVGBarChart: Sendable, Hashable {
    /// How a series' bars are filled; the partial defines one SVG pattern of each.
    public enum Pattern: String, Sendable, Hashable, CaseIterable {
        case hatched, dotted, crossed, plain
    }

    /// One series: a bar in every group.
    public struct Series: Sendable, Hashable {
        public var label: String
        public var pattern: Pattern
        public init(label: String, pattern: Pattern) {
            self.label = label
            self.pattern = pattern
        }
    }

    /// Unique in the page: the prefix of the chart's element ids.
    public var id: String
    /// What the chart shows, as its caption and the first words of its SVG title.
    public var title: String
    /// The heading of the table's first column (what the categories are).
    public var categoryHeader: String
    public var categories: [String]
    public var series: [Series]
    /// `values[category][series]`.
    public var values: [[Int]]

    public init(id: String, title: String, categoryHeader: String, categories: [String], series: [Series], values: [[Int]]) {
        precondition(values.count == categories.count && values.allSatisfy { $0.count == series.count }, "one value per category and series")
        self.id = id
        self.title = title
        self.categoryHeader = categoryHeader
        self.categories = categories
        self.series = series
        self.values = values
    }

    /// Sizes and margins, in SVG user units.
    enum Layout {
        static let left = 10
        static let top = 24
        static let plotHeight = 120
        static let barWidth = 30
        static let barGap = 2
        static let groupGap = 22
        static let swatch = 12
        /// A generous width of one character at the legend's font size, so labels never overlap.
        static let characterWidth = 7
        /// The same under the bars, where labels are centred and share the gap between groups.
        static let labelCharacterWidth = 6
    }

    /// Everything the partial draws: the SVG's geometry, its words, and the table.
    public var templateValue: TemplateValue {
        typealias L = Layout
        let groupWidth = series.count * L.barWidth + (series.count - 1) * L.barGap
        let highest = max(values.joined().max() ?? 0, 1)
        let baseline = L.top + L.plotHeight
        var bars: [TemplateValue] = []
        var labels: [TemplateValue] = []
        // Each group's slot is wide enough for its bars and for the longest label under them.
        let slot = max(groupWidth, (categories.map(\.count).max() ?? 0) * L.labelCharacterWidth)
        for (c, row) in values.enumerated() {
            let slotX = L.left + c * (slot + L.groupGap)
            let groupX = slotX + (slot - groupWidth) / 2
            for (s, value) in row.enumerated() {
                let height = value * L.plotHeight / highest
                let x = groupX + s * (L.barWidth + L.barGap)
                bars.append(.object([
                    "x": .number(x), "y": .number(baseline - height), "width": .number(L.barWidth), "height": .number(height),
                    "labelX": .number(x + L.barWidth / 2), "countY": .number(baseline - height - 5),
                    "count": .number(value), "pattern": .text(series[s].pattern.rawValue),
                ]))
            }
            labels.append(.object(["x": .number(slotX + slot / 2), "label": .text(categories[c])]))
        }
        let plotEnd = L.left + categories.count * (slot + L.groupGap) - L.groupGap
        let legendY = baseline + 34
        var legend: [TemplateValue] = []
        var x = L.left
        for s in series {
            legend.append(.object([
                "x": .number(x), "y": .number(legendY - L.swatch + 2), "size": .number(L.swatch),
                "textX": .number(x + L.swatch + 4), "textY": .number(legendY), "label": .text(s.label), "pattern": .text(s.pattern.rawValue),
            ]))
            x += L.swatch + 4 + s.label.count * L.characterWidth + 14
        }
        let width = max(plotEnd, x) + L.left
        let described = zip(categories, values).map { category, row in
            "\(category): " + zip(series, row).map { "\($0.label) \($1)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        return .object([
            "id": .text(id), "width": .number(width), "height": .number(legendY + 12),
            "left": .number(L.left), "baseline": .number(baseline), "axisEnd": .number(plotEnd), "labelY": .number(baseline + 16),
            "title": .text(title), "description": .text("\(title). \(described)."),
            "bars": .list(bars), "categories": .list(labels), "legend": .list(legend),
            "headers": .list(([categoryHeader] + series.map(\.label)).map { .text($0) }),
            "rows": .list(zip(categories, values).map { category, row in
                .object(["label": .text(category), "cells": .list(row.map { .number($0) })])
            }),
        ])
    }
}

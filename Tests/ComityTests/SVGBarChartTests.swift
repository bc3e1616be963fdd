import Testing
@testable import ComityCore

/// The bar chart's geometry and words: the tallest bar fills the plot, bars scale to it, a
/// group's slot fits its label, and the SVG's title and table carry every number.
@Suite struct SVGBarChartTests {
    static let chart = SVGBarChart(
        id: "open-CN", title: "Open requests, China", categoryHeader: "Open",
        categories: ["with them (sent)", "with us (received)"],
        series: [.init(label: "not overdue", pattern: .plain), .init(label: "overdue", pattern: .crossed)],
        values: [[4, 2], [1, 0]])

    static func object(_ value: TemplateValue) throws -> [String: TemplateValue] {
        guard case .object(let fields) = value else { throw Failure() }
        return fields
    }

    static func list(_ value: TemplateValue?) throws -> [TemplateValue] {
        guard case .list(let items)? = value else { throw Failure() }
        return items
    }

    static func number(_ value: TemplateValue?) throws -> Int {
        guard case .number(let n)? = value else { throw Failure() }
        return n
    }

    struct Failure: Error {}

    @Test func barsScaleToTheTallest() throws {
        let chart = try Self.object(Self.chart.templateValue)
        let bars = try Self.list(chart["bars"]).map(Self.object)
        #expect(bars.count == 4)
        let heights = try bars.map { try Self.number($0["height"]) }
        #expect(heights == [120, 60, 30, 0])
        let baseline = try Self.number(chart["baseline"])
        #expect(try bars.allSatisfy { try Self.number($0["y"]) + Self.number($0["height"]) == baseline })
        #expect(try bars.map { try Self.number($0["count"]) } == [4, 2, 1, 0])
        // Each bar is filled with its series' pattern, not told apart by colour alone.
        #expect(bars.map { $0["pattern"] } == [.text("plain"), .text("crossed"), .text("plain"), .text("crossed")])
    }

    @Test func labelsHaveRoomAndEveryNumberIsInWords() throws {
        let chart = try Self.object(Self.chart.templateValue)
        let labels = try Self.list(chart["categories"]).map(Self.object)
        let centres = try labels.map { try Self.number($0["x"]) }
        // "with us (received)" is 18 characters at 6 units each: the centres are at least that far apart.
        #expect(centres[1] - centres[0] >= 18 * 6)
        #expect(chart["description"] == .text("Open requests, China. with them (sent): not overdue 4, overdue 2; with us (received): not overdue 1, overdue 0."))
        let rows = try Self.list(chart["rows"]).map(Self.object)
        #expect(rows.map { $0["cells"] } == [.list([.number(4), .number(2)]), .list([.number(1), .number(0)])])
        #expect(chart["headers"] == .list([.text("Open"), .text("not overdue"), .text("overdue")]))
        #expect(try Self.number(chart["width"]) >= Self.number(chart["axisEnd"]))
    }

    @Test func anAllZeroChartDrawsNoBarAndDividesByNothing() throws {
        let empty = SVGBarChart(id: "x", title: "Nothing", categoryHeader: "Days", categories: ["0–30"],
                                series: [.init(label: "sent", pattern: .hatched)], values: [[0]])
        let bars = try Self.list(Self.object(empty.templateValue)["bars"]).map(Self.object)
        #expect(try Self.number(bars.first?["height"]) == 0)
    }
}

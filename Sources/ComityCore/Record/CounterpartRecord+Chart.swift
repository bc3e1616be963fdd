/// The charts of one counterpart in the HTML record, each a grouped bar chart with its table
/// (`SVGBarChart`): how fast each side gave its first substantive reply, how long the open
/// requests of each side have been open, and the balance of open requests each way.
extension CounterpartRecord {
    static let theirSeries = SVGBarChart.Series(label: "requests sent (their replies)", pattern: .hatched)
    static let ourSeries = SVGBarChart.Series(label: "requests received (our replies)", pattern: .dotted)

    func charts(_ c: Counterpart) -> [SVGBarChart] {
        let labels = buckets.map(\.label)
        let answers = SVGBarChart(
            id: "answers-\(c.code)", title: "Days to the first substantive reply, \(c.name)", categoryHeader: "Days",
            categories: labels + ["none yet"], series: [Self.theirSeries, Self.ourSeries],
            values: Array(zip(c.theirDays.buckets + [c.theirDays.noSubstantiveReply], c.ourDays.buckets + [c.ourDays.noSubstantiveReply]).map { [$0, $1] }))
        let open = SVGBarChart(
            id: "open-\(c.code)", title: "Open requests by days since sent or received, \(c.name)", categoryHeader: "Days open",
            categories: labels,
            series: [.init(label: "sent, open with them", pattern: .hatched), .init(label: "received, open with us", pattern: .dotted)],
            values: Array(zip(c.openWithThemByAge, c.openWithUsByAge).map { [$0, $1] }))
        let theirs = c.total.theirs
        let ours = c.total.ours
        let balance = SVGBarChart(
            id: "balance-\(c.code)", title: "Open requests each way, \(c.name)", categoryHeader: "Open",
            categories: ["with them (sent)", "with us (received)"],
            series: [.init(label: "not overdue", pattern: .plain), .init(label: "overdue", pattern: .crossed)],
            values: [[theirs.open - theirs.overdue, theirs.overdue], [ours.open - ours.overdue, ours.overdue]])
        return [answers, open, balance]
    }
}

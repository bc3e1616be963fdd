/// The brief's ledger as its HTML and XML templates show it, with its two charts: the open
/// requests by age each way, and the balance each way (open, overdue, without a substantive reply).
/// In both, our requests are hatched and the counterpart's dotted, and every bar carries its count.
extension StallReport {
    func ledgerContext(_ ledger: Ledger) -> TemplateValue {
        let b = ledger.balance
        return .object([
            "counterpart": .text(ledger.counterpart), "counterpartName": .text(ledger.counterpartName),
            "balance": .text(b.sentence),
            "withheldNote": withheld > 0 ? .text("The \(withheld) item(s) above the reader's clearance are not counted.") : .flag(false),
            "owedToUs": .object([
                "title": .text(ledger.owedToUsTitle), "outstanding": .number(b.oursOpen), "overdue": .number(b.oursOverdue),
                "withoutSubstantiveReply": .number(b.oursWithoutSubstantiveReply),
                "oldestWithoutSubstantiveReply": b.oldestWithoutSubstantiveReply.map(Self.date) ?? .flag(false),
            ]),
            "owedByUs": .object([
                "title": .text(ledger.owedByUsTitle), "outstanding": .number(b.theirsPending), "overdue": .number(b.theirsOverdue),
                "withoutSubstantiveReply": .number(b.theirsWithoutSubstantiveReply),
            ]),
            "ages": .list(ledger.ageBuckets.indices.map { i in
                let bucket = ledger.ageBuckets[i]
                return .object(["label": .text(bucket.label), "from": .number(bucket.from), "to": bucket.to.map(TemplateValue.number) ?? .flag(false),
                                "owedToUs": .number(ledger.owedToUsByAge[i]), "owedByUs": .number(ledger.owedByUsByAge[i])])
            }),
            "ageChart": ledger.ageChart.templateValue,
            "balanceChart": ledger.balanceChart.templateValue,
        ])
    }
}

extension StallReport.Ledger {
    /// Open requests by days since we sent them, or received theirs.
    public var ageChart: SVGBarChart {
        SVGBarChart(
            id: "age-\(counterpart)", title: "Open requests with \(counterpartName) by days since sent or received",
            categoryHeader: "Days", categories: ageBuckets.map(\.label),
            series: [.init(label: owedToUsTitle, pattern: .hatched), .init(label: owedByUsTitle, pattern: .dotted)],
            values: zip(owedToUsByAge, owedByUsByAge).map { [$0, $1] })
    }

    /// The balance each way: how many are open, overdue, and without a substantive reply.
    public var balanceChart: SVGBarChart {
        let b = balance
        return SVGBarChart(
            id: "balance-\(counterpart)", title: "The balance with \(counterpartName) each way",
            categoryHeader: "Requests", categories: ["open", "overdue", "no substantive reply"],
            series: [.init(label: owedToUsTitle, pattern: .hatched), .init(label: owedByUsTitle, pattern: .dotted)],
            values: [[b.oursOpen, b.theirsPending], [b.oursOverdue, b.theirsOverdue],
                     [b.oursWithoutSubstantiveReply, b.theirsWithoutSubstantiveReply]])
    }
}

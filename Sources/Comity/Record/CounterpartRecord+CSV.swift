/// The counterparts' record as CSV, written as the export writes its tables: a byte order
/// mark, the classification mark on a line of its own, a header row, CRLF line ends, and
/// every text cell neutralised so a spreadsheet never runs it as a formula. One row per
/// counterpart, channel, year and direction, as the tables show them.
extension CounterpartRecord {
    public var csv: String {
        let header = ["counterpart", "counterpart_name"] + Self.columnTitles.map { $0.csv }
            + ["non_committal_share", "premise_rejected_share", "refusal_share"]
        var lines = ["\u{FEFF}" + classification.markEnglish, header.map(InterchangeCSV.cell).joined(separator: ",")]
        for c in counterparts {
            let lead = [CSVCellText.neutralised(c.code), CSVCellText.neutralised(c.name)]
            for row in c.rows {
                for direction in Self.directions(row.figures, always: false) {
                    lines.append((lead + [row.channel.rawValue, String(row.year)] + csvCells(row.figures, direction)).map(InterchangeCSV.cell).joined(separator: ","))
                }
            }
            for direction in Self.directions(c.total, always: true) {
                lines.append((lead + ["all", "all"] + csvCells(c.total, direction)).map(InterchangeCSV.cell).joined(separator: ","))
            }
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// The cells after channel and year: counts as numbers, figures that cannot be given (and
    /// follow-ups on a line of requests received: they are ours only) empty.
    func csvCells(_ f: Figures, _ direction: Direction) -> [String] {
        func number(_ n: Int?) -> String { n.map(String.init) ?? "" }
        let outgoing = direction == .outgoing
        let a = outgoing ? f.theirs : f.ours
        return [
            Self.label(direction), String(outgoing ? f.sent : f.received), String(a.acknowledged),
            number(a.daysToAcknowledgementMedian), number(a.daysToAcknowledgementP90),
            String(a.substantivelyAnswered), number(a.daysToSubstantiveReplyMedian), number(a.daysToSubstantiveReplyP90),
            String(a.replies), String(a.nonCommittalReplies), String(a.premiseRejectedReplies), String(a.refusals),
            String(a.open), String(a.overdue), outgoing ? String(f.followUps) : "",
            outgoing ? Self.ratioText(f.followUpsPerSubstantiveReply) ?? "" : "",
            Self.shareText(a.nonCommittalShare) ?? "", Self.shareText(a.premiseRejectedShare) ?? "", Self.shareText(a.refusalShare) ?? "",
        ]
    }
}

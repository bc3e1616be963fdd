/// The counterparts' record as CSV, written as the export writes its tables: a byte order
/// mark, the classification mark on a line of its own, a header row, CRLF line ends, and
/// every text cell neutralised so a spreadsheet never runs it as a formula.
extension CounterpartRecord {
    public var csv: String {
        let header = ["counterpart", "counterpart_name"] + Self.columnTitles.map { $0.csv }
            + ["non_committal_share", "premise_rejected_share", "refusal_share"]
        var lines = ["\u{FEFF}" + classification.markEnglish, header.map(InterchangeCSV.cell).joined(separator: ",")]
        for c in counterparts {
            let lead = [CSVCellText.neutralised(c.code), CSVCellText.neutralised(c.name)]
            for row in c.rows {
                lines.append((lead + [row.channel.rawValue, String(row.year)] + csvCells(row.figures)).map(InterchangeCSV.cell).joined(separator: ","))
            }
            lines.append((lead + ["all", "all"] + csvCells(c.total)).map(InterchangeCSV.cell).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// The cells after channel and year: counts as numbers, figures that cannot be given (and
    /// those about requests received, which are not recorded yet) empty.
    func csvCells(_ f: Figures) -> [String] {
        func number(_ n: Int?) -> String { n.map(String.init) ?? "" }
        let incoming = incomingRecorded
        return [
            String(f.sent), incoming ? String(f.received) : "", String(f.acknowledged),
            number(f.daysToAcknowledgementMedian), number(f.daysToAcknowledgementP90),
            String(f.substantivelyAnswered), number(f.daysToSubstantiveReplyMedian), number(f.daysToSubstantiveReplyP90),
            String(f.replies), String(f.nonCommittalReplies), String(f.premiseRejectedReplies), String(f.refusals),
            String(f.overdueWithThem), incoming ? String(f.overdueWithUs) : "", String(f.followUps),
            Self.ratioText(f.followUpsPerSubstantiveReply) ?? "",
            Self.shareText(f.nonCommittalShare) ?? "", Self.shareText(f.premiseRejectedShare) ?? "", Self.shareText(f.refusalShare) ?? "",
        ]
    }
}

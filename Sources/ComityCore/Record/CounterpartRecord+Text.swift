/// The counterparts' record as plain text: the mark, the title, what the figures mean, then a
/// paragraph and a table per counterpart.
extension CounterpartRecord {
    public var text: String {
        var out: [String] = [classification.markEnglish, "\(title.uppercased()) — as of \(asOf.iso)", "Scope: \(scopeText)."]
        out += notes
        if counterparts.isEmpty {
            out += ["", emptyText]
        }
        for c in counterparts {
            out += ["", "\(TerminalText.shown(c.name)) (\(c.code))"]
            out.append("  " + Self.summary(c.total, incoming: incomingRecorded))
            let bars = zip(buckets, c.substantiveDays).map { "\($0.0.label): \($0.1)" } + ["none yet: \(c.noSubstantiveReply)"]
            out.append("  Days to first substantive reply: " + bars.joined(separator: ", "))
            var table = TextTable(headers: Self.columnTitles.map { $0.text })
            for row in c.rows { table.rows.append(["\(row.channel.rawValue)", "\(row.year)"] + Self.cells(row.figures, incoming: incomingRecorded)) }
            table.rows.append(["all", "all"] + Self.cells(c.total, incoming: incomingRecorded))
            out += table.rendered.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 }
        }
        out += ["", classification.markEnglish]
        return out.joined(separator: "\n") + "\n"
    }

    /// One counterpart's figures in a sentence.
    static func summary(_ f: Figures, incoming: Bool) -> String {
        var parts = ["\(f.sent) sent", incoming ? "\(f.received) received" : "received: not recorded"]
        parts.append(f.acknowledged == 0
            ? "none acknowledged"
            : "\(f.acknowledged) acknowledged (median \(ComityCore.dayCount(f.daysToAcknowledgementMedian!)), 90th percentile \(ComityCore.dayCount(f.daysToAcknowledgementP90!)))")
        parts.append(f.substantivelyAnswered == 0
            ? "no substantive reply"
            : "\(f.substantivelyAnswered) with a substantive reply (median \(ComityCore.dayCount(f.daysToSubstantiveReplyMedian!)), 90th percentile \(ComityCore.dayCount(f.daysToSubstantiveReplyP90!)))")
        if f.replies == 0 {
            parts.append("no reply")
        } else {
            parts.append("\(f.replies) \(f.replies == 1 ? "reply" : "replies"): \(f.nonCommittalReplies) non-committal (\(percent(f.nonCommittalReplies, of: f.replies)!)), \(f.premiseRejectedReplies) rejecting the premise (\(percent(f.premiseRejectedReplies, of: f.replies)!)), \(f.refusals) refusing (\(percent(f.refusals, of: f.replies)!))")
        }
        parts.append("overdue with them \(f.overdueWithThem), with us " + (incoming ? "\(f.overdueWithUs)" : "not recorded"))
        parts.append(ratioText(f.followUpsPerSubstantiveReply).map { "\(f.followUps) follow-up(s), \($0) per substantive reply" }
            ?? "\(f.followUps) follow-up(s), no substantive reply to set them against")
        return parts.joined(separator: "; ") + "."
    }

    /// The columns of the tables (text, CSV, HTML), with their CSV names.
    public static let columnTitles: [(text: String, csv: String)] = [
        ("Channel", "channel"), ("Year", "year"), ("Sent", "sent"), ("Received", "received"),
        ("Ack'd", "acknowledged"), ("Ack median", "days_to_acknowledgement_median"), ("Ack p90", "days_to_acknowledgement_p90"),
        ("Answered", "substantively_answered"), ("Answer median", "days_to_substantive_reply_median"),
        ("Answer p90", "days_to_substantive_reply_p90"), ("Replies", "replies"), ("Non-committal", "non_committal"),
        ("Premise rejected", "premise_rejected"), ("Refused", "refusals"), ("Overdue (them)", "overdue_with_them"),
        ("Overdue (us)", "overdue_with_us"), ("Follow-ups", "follow_ups"), ("Per answer", "follow_ups_per_substantive_reply"),
    ]

    /// The cells of one row after channel and year, as the text table shows them.
    static func cells(_ f: Figures, incoming: Bool) -> [String] {
        func days(_ d: Int?) -> String { d.map(String.init) ?? "—" }
        func share(_ n: Int) -> String { percent(n, of: f.replies).map { "\(n) (\($0))" } ?? "\(n)" }
        let notRecorded = "—"
        return ["\(f.sent)", incoming ? "\(f.received)" : notRecorded, "\(f.acknowledged)", days(f.daysToAcknowledgementMedian), days(f.daysToAcknowledgementP90),
                "\(f.substantivelyAnswered)", days(f.daysToSubstantiveReplyMedian), days(f.daysToSubstantiveReplyP90),
                "\(f.replies)", share(f.nonCommittalReplies), share(f.premiseRejectedReplies), share(f.refusals),
                "\(f.overdueWithThem)", incoming ? "\(f.overdueWithUs)" : notRecorded, "\(f.followUps)", ratioText(f.followUpsPerSubstantiveReply) ?? "—"]
    }
}

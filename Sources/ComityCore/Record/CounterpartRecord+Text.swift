/// The counterparts' record as plain text: the mark, the title, what the figures mean, then
/// two sentences (sent, received), the charts' counts and a table per counterpart.
extension CounterpartRecord {
    public var text: String {
        var out: [String] = [classification.markEnglish, "\(title.uppercased()) — as of \(asOf.iso)", "Scope: \(scopeText)."]
        out += notes
        if counterparts.isEmpty {
            out += ["", emptyText]
        }
        for c in counterparts {
            out += ["", "\(TerminalText.shown(c.name)) (\(c.code))"]
            out.append("  " + Self.summary(c.total, .outgoing))
            out.append("  " + Self.summary(c.total, .incoming))
            out.append("  Days to their first substantive reply: " + bucketText(c.theirDays.buckets, last: "none yet: \(c.theirDays.noSubstantiveReply)"))
            out.append("  Days to our first substantive reply: " + bucketText(c.ourDays.buckets, last: "none yet: \(c.ourDays.noSubstantiveReply)"))
            out.append("  Open with them by days since sent: " + bucketText(c.openWithThemByAge))
            out.append("  Open with us by days since received: " + bucketText(c.openWithUsByAge))
            var table = TextTable(headers: Self.columnTitles.map { $0.text })
            table.rows = tableRows(c)
            out += table.rendered.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 }
        }
        out += ["", classification.markEnglish]
        return out.joined(separator: "\n") + "\n"
    }

    /// "0–30: 1, 31–60: 0, …" for counts a bucket, with an optional last part.
    func bucketText(_ counts: [Int], last: String? = nil) -> String {
        (zip(buckets, counts).map { "\($0.0.label): \($0.1)" } + [last].compactMap { $0 }).joined(separator: ", ")
    }

    /// The table's rows of one counterpart: per channel and year a line for the requests sent
    /// and one for those received, each only when there are any; then both lines of the total.
    func tableRows(_ c: Counterpart) -> [[String]] {
        var rows: [[String]] = []
        for row in c.rows {
            for direction in Self.directions(row.figures, always: false) {
                rows.append([row.channel.rawValue, "\(row.year)"] + Self.cells(row.figures, direction))
            }
        }
        for direction in Self.directions(c.total, always: true) {
            rows.append(["all", "all"] + Self.cells(c.total, direction))
        }
        return rows
    }

    /// The directions a group's table shows: those with requests, or both.
    package static func directions(_ f: Figures, always: Bool) -> [Direction] {
        [Direction.outgoing, .incoming].filter { always || ($0 == .outgoing ? f.sent : f.received) > 0 }
    }

    /// The word for a direction in the tables and CSV.
    package static func label(_ direction: Direction) -> String { direction == .outgoing ? "sent" : "received" }

    /// One side's figures in a sentence: theirs to the requests we sent, or ours to those received.
    static func summary(_ f: Figures, _ direction: Direction) -> String {
        let outgoing = direction == .outgoing
        let count = outgoing ? f.sent : f.received
        let a = outgoing ? f.theirs : f.ours
        var parts = ["\(outgoing ? "Sent" : "Received"): \(count) request\(count == 1 ? "" : "s")"]
        if count > 0 {
            // Given only when some were answered: the percentiles of none are nil.
            func spread(_ median: Int?, _ p90: Int?) -> String {
                "(median \(ComityCore.dayCount(median ?? 0)), 90th percentile \(ComityCore.dayCount(p90 ?? 0)))"
            }
            let ack = spread(a.daysToAcknowledgementMedian, a.daysToAcknowledgementP90)
            let answer = spread(a.daysToSubstantiveReplyMedian, a.daysToSubstantiveReplyP90)
            switch (outgoing, a.acknowledged) {
            case (true, 0): parts.append("none acknowledged")
            case (true, let n): parts.append("\(n) acknowledged \(ack)")
            case (false, 0): parts.append("none acknowledged by us")
            case (false, let n): parts.append("we acknowledged \(n) \(ack)")
            }
            switch (outgoing, a.substantivelyAnswered) {
            case (true, 0): parts.append("no substantive reply")
            case (true, let n): parts.append("\(n) with a substantive reply \(answer)")
            case (false, 0): parts.append("no substantive reply from us")
            case (false, let n): parts.append("we gave \(n) a substantive reply \(answer)")
            }
            let from = outgoing ? "" : " from us"
            if a.replies == 0 {
                parts.append("no reply\(from)")
            } else {
                parts.append("\(a.replies) \(a.replies == 1 ? "reply" : "replies")\(from): \(a.nonCommittalReplies) non-committal (\(percent(a.nonCommittalReplies, of: a.replies)!)), \(a.premiseRejectedReplies) rejecting the premise (\(percent(a.premiseRejectedReplies, of: a.replies)!)), \(a.refusals) refusing (\(percent(a.refusals, of: a.replies)!))")
            }
            parts.append("\(a.open) open, \(a.overdue) overdue with \(outgoing ? "them" : "us")")
            if outgoing {
                parts.append(ratioText(f.followUpsPerSubstantiveReply).map { "\(f.followUps) follow-up(s), \($0) per substantive reply" }
                    ?? "\(f.followUps) follow-up(s), no substantive reply to set them against")
            }
        }
        return parts.joined(separator: "; ") + "."
    }

    /// The columns of the tables (text, CSV, HTML), with their CSV names.
    public static let columnTitles: [(text: String, csv: String)] = [
        ("Channel", "channel"), ("Year", "year"), ("Direction", "direction"), ("Requests", "requests"),
        ("Ack'd", "acknowledged"), ("Ack median", "days_to_acknowledgement_median"), ("Ack p90", "days_to_acknowledgement_p90"),
        ("Answered", "substantively_answered"), ("Answer median", "days_to_substantive_reply_median"),
        ("Answer p90", "days_to_substantive_reply_p90"), ("Replies", "replies"), ("Non-committal", "non_committal"),
        ("Premise rejected", "premise_rejected"), ("Refused", "refusals"), ("Open", "open"), ("Overdue", "overdue"),
        ("Follow-ups", "follow_ups"), ("Per answer", "follow_ups_per_substantive_reply"),
    ]

    /// The cells of one direction of a row after channel and year, as the text table shows them;
    /// follow-ups are ours only, so a dash on a line of requests received.
    static func cells(_ f: Figures, _ direction: Direction) -> [String] {
        let outgoing = direction == .outgoing
        let a = outgoing ? f.theirs : f.ours
        func days(_ d: Int?) -> String { d.map(String.init) ?? "—" }
        func share(_ n: Int) -> String { percent(n, of: a.replies).map { "\(n) (\($0))" } ?? "\(n)" }
        return [label(direction), "\(outgoing ? f.sent : f.received)", "\(a.acknowledged)", days(a.daysToAcknowledgementMedian), days(a.daysToAcknowledgementP90),
                "\(a.substantivelyAnswered)", days(a.daysToSubstantiveReplyMedian), days(a.daysToSubstantiveReplyP90),
                "\(a.replies)", share(a.nonCommittalReplies), share(a.premiseRejectedReplies), share(a.refusals),
                "\(a.open)", "\(a.overdue)", outgoing ? "\(f.followUps)" : "—", outgoing ? ratioText(f.followUpsPerSubstantiveReply) ?? "—" : "—"]
    }
}

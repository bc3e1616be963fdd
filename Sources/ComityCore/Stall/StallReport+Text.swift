/// The stall report as plain text for a terminal or an e-mail; every value from the record is
/// shown as `TerminalText` shows it (`shown`), so a line break in a subject cannot forge a line.
extension StallReport {
    public var text: String {
        var out: [String] = []
        let mark = classification.markEnglish
        out.append(mark)
        out.append("\(title.uppercased()) — as of \(asOf.iso)")
        if let e = engagement {
            out.append("\(shown(e.title)) (\(e.level.rawValue)), \(e.place.isEmpty ? "" : shown(e.place) + ", ")\(e.startDate.longEnglishSpan(to: e.endDate)): \(dayCount(e.daysUntil)) away")
        }
        var scopeParts: [String] = []
        if let c = scope.counterpart { scopeParts.append("counterpart \(c)") }
        if let c = scope.caseID { scopeParts.append("case \(c)") }
        if !scopeParts.isEmpty { out.append("Scope: " + scopeParts.joined(separator: ", ")) }
        if let day = scope.asRecorded { out.append("As recorded at the end of \(day.iso): later entries and corrections left out.") }
        let categories = summary.byCategory.map { "\($0.count) \($0.category.rawValue)" }.joined(separator: ", ")
        out.append("\(summary.outstanding) request(s) listed, \(summary.stalled) stalled\(categories.isEmpty ? "" : " (\(categories))"); ball with them: \(summary.ballWithThem), with us: \(summary.ballWithUs)")
        if showsDirections {
            let (o, i) = (summary.outgoing, summary.incoming)
            out.append("Owed to us: \(o.outstanding) (\(o.stalled) stalled, \(o.overdue) overdue); owed by us: \(i.outstanding) (\(i.stalled) stalled, \(i.overdue) overdue)")
        }
        if withheld > 0 { out.append("\(withheld) item(s) above your clearance withheld.") }
        if groups.isEmpty { out.append(""); out.append(withheld > 0 ? "Nothing within your clearance is stalled." : "Nothing is stalled.") }
        out.append(contentsOf: overviewLines)
        if let ledger { out.append(contentsOf: ledgerLines(ledger)) }
        for group in groups {
            out.append("")
            out.append("\(shown(group.counterpartName)) (\(group.counterpart))")
            guard engagement != nil || group.isTwoWay else {
                for a in group.findings { out.append(contentsOf: Self.lines(a, asOf: asOf)) }
                continue
            }
            for side in Self.sides(group) {
                out.append("  \(shown(side.title))\(engagement == nil ? "" : " (oldest first)"):")
                if side.findings.isEmpty { out.append(engagement == nil ? "    Nothing stalled." : "    Nothing outstanding.") }
                for a in side.findings { out.append(contentsOf: Self.lines(a, asOf: asOf)) }
            }
        }
        out.append("")
        out.append(mark)
        return out.joined(separator: "\n") + "\n"
    }

    /// The summary's lists: the most severe findings, the engagements ahead, the counts by counterpart.
    var overviewLines: [String] {
        var out: [String] = []
        if !overview.mostSevere.isEmpty {
            out.append("")
            out.append("Most severe:")
            for h in overview.mostSevere {
                out.append("  \(h.reference)  \(h.counterpart)  \(h.category?.rawValue ?? "-")  \(h.severity?.rawValue ?? "-")  \(h.direction == .incoming ? "received" : "sent") \(dayCount(h.daysSinceSent)) ago")
            }
        }
        if !overview.engagements.isEmpty {
            out.append("")
            out.append("Engagements ahead:")
            for e in overview.engagements {
                out.append("  \(e.id)  \(e.startDate.longEnglishSpan(to: e.endDate)), in \(dayCount(e.daysUntil))  \(shown(e.title))")
            }
        }
        if groups.count > 1 {
            out.append("")
            out.append("By counterpart:")
            for c in overview.counterparts.prefix(Overview.leadingCounterpartCount) {
                let categories = c.byCategory.map { "\($0.count) \($0.category.rawValue)" }.joined(separator: ", ")
                out.append("  \(c.counterpart)  \(c.stalled) stalled of \(c.outstanding)\(categories.isEmpty ? "" : " (\(categories))")")
            }
            let rest = overview.counterparts.dropFirst(Overview.leadingCounterpartCount)
            if !rest.isEmpty {
                out.append("  \(rest.count) other counterparts  \(rest.map(\.stalled).reduce(0, +)) stalled of \(rest.map(\.outstanding).reduce(0, +))")
            }
        }
        return out
    }

    /// Whether the report speaks of both directions: a brief always, a stall report when it holds a
    /// request that came to us.
    var showsDirections: Bool { engagement != nil || summary.incoming.outstanding > 0 }

    /// The brief's ledger: the balance in a sentence, then the open requests by age each way.
    func ledgerLines(_ ledger: Ledger) -> [String] {
        var out = ["", "Ledger with \(shown(ledger.counterpartName))", "  " + shown(ledger.balance.sentence)]
        if withheld > 0 { out.append("  The \(withheld) item(s) above your clearance are not counted.") }
        out.append("  Open requests by days since sent or received:")
        var table = TextTable(headers: ["Days"] + ledger.ageBuckets.map(\.label))
        table.rows.append([ledger.owedToUsTitle] + ledger.owedToUsByAge.map(String.init))
        table.rows.append([ledger.owedByUsTitle] + ledger.owedByUsByAge.map(String.init))
        out.append(contentsOf: table.rendered.split(separator: "\n").map { "    " + $0 })
        return out
    }

    static func lines(_ a: Assessment, asOf: CalendarDate) -> [String] {
        a.direction == .incoming ? incomingLines(a, asOf: asOf) : outgoingLines(a, asOf: asOf)
    }

    /// A request that came to us: received, not sent; our replies, our clock, our next step and
    /// the reply letter it needs, and the line to take if the counterpart raises it.
    static func incomingLines(_ a: Assessment, asOf: CalendarDate) -> [String] {
        let head = a.category.map { "\($0.rawValue.uppercased()), severity \(a.severity?.rawValue ?? "-")" } ?? "outstanding, not stalled"
        var lines = ["  \(shown(a.reference))  \(head)  ball with \(a.ballWith == .them ? shown(a.counterpartName) : "us")"]
        lines.append("    \(shown(a.subject))")
        lines.append("    Case \(shown(a.caseID)) — \(shown(a.caseTitle))")
        let from = a.fromAuthorityName.map { "\(shown($0)) (\(shown(a.fromAuthority ?? "")))" } ?? "-"
        lines.append("    From \(from), \(shown(a.counterpartName)), to \(shown(a.toAuthorityName)) (\(shown(a.toAuthority))); state \(stateName(a))")
        if a.categories.count > 1 { lines.append("    Also: " + a.categories.dropFirst().map(\.rawValue).joined(separator: ", ")) }
        let last = a.lastReplyDate.map { "our last reply \($0.iso), \(a.lastReplyKind!.rawValue) (\(dayCount(a.daysSinceLastReply!)) ago)" } ?? "no reply from us yet"
        let substantive = a.daysSinceLastSubstantiveReply.map { "our last substantive reply \(dayCount($0)) ago" } ?? "no substantive reply from us yet"
        lines.append("    Received \(a.sentDate.iso) (\(dayCount(a.daysSinceSent)) ago); \(last); \(substantive)")
        lines.append("    " + (a.responseDue.map { due in
            "Our answer due \(due.iso)" + (due < asOf ? " (passed \(dayCount(due.days(until: asOf))) ago)" : "")
        } ?? "No response clock running"))
        if let next = a.nextDue { lines.append("    Next date: \(next.what) on \(next.date.iso) (in \(dayCount(next.daysLeft)))") }
        if let limit = a.hardLimit { lines.append(hardLimitLine(limit)) }
        lines.append("    Our next step: \(shown(a.nextStep))")
        if let letter = a.replyLetter { lines.append("    Reply letter: \(letter.title)") }
        if a.engagement != nil { lines.append("    Line to take if raised: \(shown(a.talkingPoint))") }
        return lines
    }

    static func outgoingLines(_ a: Assessment, asOf: CalendarDate) -> [String] {
        let head = a.category.map { "\($0.rawValue.uppercased()), severity \(a.severity?.rawValue ?? "-")" } ?? "outstanding, not stalled"
        var lines = ["  \(shown(a.reference))  \(head)  ball with \(a.ballWith == .them ? shown(a.counterpartName) : "us")"]
        lines.append("    \(shown(a.subject))")
        lines.append("    Case \(shown(a.caseID)) — \(shown(a.caseTitle))")
        lines.append("    To \(shown(a.toAuthorityName)) (\(shown(a.toAuthority))), \(shown(a.counterpartName)); state \(a.state.rawValue)")
        if a.categories.count > 1 { lines.append("    Also: " + a.categories.dropFirst().map(\.rawValue).joined(separator: ", ")) }
        let last = a.lastReplyDate.map { "last reply \($0.iso), \(a.lastReplyKind!.rawValue) (\(dayCount(a.daysSinceLastReply!)) ago)" } ?? "no reply"
        let substantive = a.daysSinceLastSubstantiveReply.map { "last substantive reply \(dayCount($0)) ago" } ?? "no substantive reply ever"
        lines.append("    Sent \(a.sentDate.iso) (\(dayCount(a.daysSinceSent)) ago); \(last); \(substantive)")
        let followUps = a.followUpsSent == 0 ? "No follow-up sent yet" : "\(a.followUpsSent) follow-up(s) sent, last \(a.lastFollowUp!.kind.rawValue) on \(a.lastFollowUp!.date.iso)"
        let due = a.responseDue.map { due in
            "response due \(due.iso)" + (due < asOf ? " (passed \(dayCount(due.days(until: asOf))) ago)" : "")
        } ?? "no response clock running"
        lines.append("    \(followUps); \(due)")
        if let next = a.nextDue { lines.append("    Next date: \(next.what) on \(next.date.iso) (in \(dayCount(next.daysLeft)))") }
        if let limit = a.hardLimit { lines.append(hardLimitLine(limit)) }
        lines.append("    Next step: \(a.nextStep)")
        if a.engagement != nil || a.recommendedStep == .talkingPoints {
            lines.append("    Talking point: \(shown(a.talkingPoint))")
        }
        return lines
    }
}

extension StallReport {
    static func hardLimitLine(_ limit: Assessment.DueItem) -> String {
        "    Hard limit: \(limit.what) on \(limit.date.iso) (\(limit.daysLeft >= 0 ? "in \(dayCount(limit.daysLeft))" : "passed \(dayCount(-limit.daysLeft)) ago"))"
    }
}

private func shown(_ value: String) -> String { TerminalText.shown(value) }

/// Computes every clock of a request as of a date.
///
/// The response clock counts the legal basis's period (or the channel's default) from the
/// sent date, or from the latest resend; a supplement request stops it until we answer.
/// Ordinary reminders do not touch it.
public struct RequestClocks: Sendable {
    public var clocks: [RequestClock]
    /// The response due date, when the response clock runs.
    public var responseDue: CalendarDate?
    /// Twice the response period: "very overdue" after this.
    public var veryOverdueFrom: CalendarDate?
    public var responseStopped: Bool

    public init(dossier: Dossier, asOf: CalendarDate, settings: StallSettings, calendar: HolidayCalendar, engagement: Engagement?) {
        var clocks: [RequestClock] = []
        var responseDue: CalendarDate?
        var veryOverdue: CalendarDate?
        var stopped = false
        let state = dossier.state
        let period = dossier.basisPeriod ?? settings.responsePeriod
        let source = dossier.basisPeriod != nil ? "the legal basis" : "the \(dossier.request.channel.rawValue) channel's default"

        if let sent = dossier.sentDate, state.isOpen {
            let resend = dossier.letters.last(where: { $0.restartsClock && $0.date >= sent })
            let start = resend?.date ?? sent
            let pauses = dossier.pauses(until: asOf).filter { $0.upperBound > start }
            let startWords = resend == nil ? "\(dossier.direction == .incoming ? "received" : "sent") \(start.iso)" : "resent \(start.iso)"
            if state == .supplementRequested {
                stopped = true
                let since = dossier.stateSince ?? start
                clocks.append(RequestClock(
                    kind: .response, start: start, due: nil, status: .stopped,
                    rule: "\(period) from \(source), \(startWords) (day 0)",
                    explanation: "stopped on \(since.iso) by the supplement request; it resumes when we send the supplement", daysLeft: nil))
            } else {
                let rule = "\(period) from \(source), \(startWords) (day 0)"
                do {
                    let due = try DueDateCalculator.due(start: start, period: period, calendar: calendar, pauses: pauses)
                    let twice = try DueDateCalculator.due(
                        start: start, period: Period(days: period.days * 2, unit: period.unit), calendar: calendar, pauses: pauses)
                    responseDue = due.due
                    veryOverdue = twice.due
                    clocks.append(RequestClock(
                        kind: .response, start: start, due: due.due, status: asOf > due.due ? .passed : .running,
                        rule: rule, explanation: due.explanation, daysLeft: asOf.days(until: due.due)))
                    clocks.append(RequestClock(
                        kind: .veryOverdue, start: start, due: twice.due, status: asOf > twice.due ? .passed : .running,
                        rule: "twice the response period", explanation: twice.explanation, daysLeft: asOf.days(until: twice.due)))
                } catch {
                    // Shown rather than dropped: a clerk must see why no due date is given.
                    clocks.append(RequestClock(
                        kind: .response, start: start, due: nil, status: .stopped, rule: rule,
                        explanation: "cannot be counted: \(error.message)", daysLeft: nil))
                }
            }
        }

        if let promise = Self.promise(dossier, asOf: asOf) { clocks.append(promise) }

        // We chase the counterpart on requests we sent; on one that came to us, the clocks above
        // are what we owe, and nobody follows up on us from here.
        if let sent = dossier.sentDate, state.isOpen, dossier.direction == .outgoing {
            let letters = dossier.letters
            let last = letters.last
            let base = last?.date ?? sent
            var next = base.adding(days: settings.followUpDays)
            var rule = "\(settings.followUpDays) calendar days after " + (last.map { "our last follow-up of \($0.date.iso)" } ?? "the request was sent")
            if last == nil, let due = responseDue, due > next {
                next = due
                rule += ", never before the response is due"
            }
            clocks.append(RequestClock(
                kind: .followUp, start: base, due: next, status: asOf > next ? .passed : .running, rule: rule,
                explanation: "\(letters.count) follow-up(s) sent so far", daysLeft: asOf.days(until: next)))
        }

        for (kind, date) in [(RequestClock.Kind.limitation, dossier.caseLimitation), (.preservation, dossier.request.preservedUntil)] {
            guard let date else { continue }
            let what = kind == .limitation ? "the limitation period of case \(dossier.request.caseID)" : "the expiry of data preserved for this request"
            clocks.append(RequestClock(
                kind: kind, start: nil, due: date, status: asOf > date ? .passed : .running, rule: what,
                explanation: "a hard limit: after it the request is of no use", daysLeft: asOf.days(until: date)))
        }

        if let engagement {
            clocks.append(RequestClock(
                kind: .engagement, start: nil, due: engagement.startDate, status: .running,
                rule: "\(engagement.title) (\(engagement.level.rawValue)), \(engagement.startDate.iso)–\(engagement.endDate.iso)",
                explanation: dossier.direction == .incoming
                    ? "the next meeting with \(dossier.counterpart.name), which may raise the request with us"
                    : "the next meeting with \(dossier.counterpart.name) at which the request can be raised",
                daysLeft: asOf.days(until: engagement.startDate)))
        }

        self.clocks = clocks
        self.responseDue = responseDue
        self.veryOverdueFrom = veryOverdue
        self.responseStopped = stopped
    }

    /// The latest promise: a date a reply promised, or a commitment made at a meeting, whichever
    /// was given last. It is kept once a substantive reply follows.
    static func promise(_ dossier: Dossier, asOf: CalendarDate) -> RequestClock? {
        let byReply = dossier.replies.last { $0.promisedDate != nil }.map { r in
            (given: r.date, due: r.promisedDate!, rule: "promised in the \(r.kind.phrase) of \(r.date.iso)")
        }
        let atMeeting = dossier.meetings.last { $0.outcome.commitmentDate != nil }.map { m in
            (given: m.outcome.date, due: m.outcome.commitmentDate!, rule: "committed to at \(m.engagement.title) on \(m.outcome.date.iso)")
        }
        let latest = [byReply, atMeeting].compactMap { $0 }.max { $0.given < $1.given }
        guard let latest else { return nil }
        let kept = dossier.replies.contains { $0.date > latest.given && $0.kind.isSubstantive }
        return RequestClock(
            kind: .promise, start: latest.given, due: latest.due,
            status: kept ? .met : (asOf > latest.due ? .passed : .running), rule: latest.rule,
            explanation: kept ? "a substantive reply followed" : "no substantive reply since the promise",
            daysLeft: asOf.days(until: latest.due))
    }
}

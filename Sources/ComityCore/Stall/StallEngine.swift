/// Decides whether a request is stalled, why, who holds the ball, and what to do next.
///
/// A pure function of a dossier, a date, the thresholds, the counterpart's calendar and
/// the next engagement with the counterpart: no store, no clock.
public enum StallEngine {
    public static func assess(
        _ dossier: Dossier, asOf: CalendarDate, settings: StallSettings, calendar: HolidayCalendar, engagements: [Engagement]
    ) -> Assessment? {
        let state = dossier.state
        guard state.isOpen, let sent = dossier.sentDate, sent <= asOf else { return nil }
        let request = dossier.request
        let replies = dossier.replies
        let lastReply = replies.last
        let lastSubstantive = replies.last { $0.kind.isSubstantive }
        let since: (CalendarDate?) -> Int? = { $0.map { $0.days(until: asOf) } }

        // The most senior meeting inside the look-ahead window (the earliest of equals): a summit
        // on day 50 matters more than working-level talks on day 30.
        // A meeting whose outcome for this request is recorded is behind it, whatever its end date.
        let met = Set(dossier.meetings.map(\.outcome.engagementID))
        let upcoming = engagements.filter { $0.endDate >= asOf && !met.contains($0.id) }.sorted { ($0.startDate, $0.id) < ($1.startDate, $1.id) }
        let inWindow = upcoming.filter { asOf.days(until: $0.startDate) <= settings.lookaheadDays }
        let chosen = inWindow.first { e in !inWindow.contains { $0.level > e.level } }
        let engagement = chosen.map { e in
            Assessment.EngagementNote(
                id: e.id, title: e.title, level: e.level, place: e.place, startDate: e.startDate, endDate: e.endDate,
                daysUntil: max(0, asOf.days(until: e.startDate)))
        }
        let nextEngagement = chosen ?? upcoming.first
        let clocks = RequestClocks(dossier: dossier, asOf: asOf, settings: settings, calendar: calendar, engagement: nextEngagement)

        // Hard limits: the nearest one not long past.
        let limits = [
            dossier.caseLimitation.map { ($0, "limitation period of case \(request.caseID) runs out") },
            request.preservedUntil.map { ($0, "preserved data expire") },
        ].compactMap { $0 }.sorted { $0.0 < $1.0 }
        let nearest = limits.first { $0.0 >= asOf } ?? limits.last
        let hardLimit = nearest.map { Assessment.DueItem(date: $0.0, what: $0.1, daysLeft: asOf.days(until: $0.0)) }

        var categories: [StallCategory] = []
        if let limit = hardLimit, limit.daysLeft < 0 {
            categories.append(.hardLimitPassed)
        } else if let limit = hardLimit, limit.daysLeft <= settings.hardLimitDays {
            categories.append(.hardLimitApproaching)
        }
        if let promise = clocks.clocks.first(where: { $0.kind == .promise }), promise.status == .passed {
            categories.append(.promiseBroken)
        }
        if let last = lastReply {
            let days = last.date.days(until: asOf)
            switch last.kind {
            case .premiseRejected where days >= settings.premiseDays: categories.append(.premiseRejected)
            case .nonCommittal where days >= settings.nonCommittalDays: categories.append(.nonCommittal)
            case .acknowledgement where days >= settings.ackOnlyDays && lastSubstantive == nil: categories.append(.acknowledgedOnly)
            default: break
            }
        }
        if state == .supplementRequested, dossier.direction == .outgoing, let since = dossier.stateSince {
            let asked = replies.filter { $0.kind == .supplementRequest }.count
            if since.days(until: asOf) >= settings.supplementDays || asked >= 2 { categories.append(.supplementLoop) }
        }
        if state == .postponed, let since = dossier.stateSince, since.days(until: asOf) >= settings.postponedDays {
            categories.append(.postponed)
        }
        if replies.isEmpty, state == .transmitted, sent.days(until: asOf) >= settings.noAckDays {
            categories.append(.noAcknowledgement)
        }
        if awaitsExecution(state), let due = clocks.responseDue, asOf > due {
            if let twice = clocks.veryOverdueFrom, asOf > twice { categories.append(.veryOverdue) } else { categories.append(.overdue) }
        }
        categories.sort()

        let ballWith = ballHolder(state, dossier.direction)
        let ladder = EscalationLadder(dossier: dossier)
        var (nextStep, recommended) = Self.nextStep(state: state, ballWith: ballWith, ladder: ladder, engagement: engagement, stalled: !categories.isEmpty)
        var replyLetter: ReplyLetter?
        if dossier.direction == .incoming {
            (nextStep, replyLetter) = Self.ourStep(dossier, state: state, engagement: engagement, responseDue: clocks.responseDue, stalled: !categories.isEmpty)
            recommended = nil
        }
        if ballWith == .them, engagement == nil, let promise = clocks.clocks.first(where: { $0.kind == .promise }), promise.status == .running,
           let meeting = ladder.meeting, meeting.outcome.commitmentDate == promise.due {
            // A commitment made at the meeting is given its time before anyone chases it.
            nextStep = "wait for what \(dossier.counterpart.name) committed to at \(meeting.englishPhrase) (“\(meeting.outcome.commitment)”) by \(promise.due!.iso); then \(ladder.step.action) following up on the meeting"
            recommended = nil
        }
        if ballWith == .them, dossier.direction == .outgoing, engagement == nil, !categories.isEmpty, let brief = Self.briefWithoutOutcome(dossier) {
            // The request was on a meeting's agenda: what came of it decides the next rung, so it is asked for first.
            nextStep = "record what came of it at the meeting the brief of \(brief.date.iso) was for ('comity engagement outcome ENGAGEMENT \(request.reference) --raised --by … --response …', or --not-raised); the ladder goes on from there"
            recommended = nil
        }
        if let limit = hardLimit, categories.contains(.hardLimitPassed) {
            // Chasing a request past its hard limit helps nobody until the case team says it still serves.
            nextStep = "ask the case team whether the request still serves now that the hard limit has passed (\(limit.what), \(limit.date.iso)); withdraw it if not"
            recommended = nil
        }

        var due: [Assessment.DueItem] = clocks.clocks.compactMap { clock in
            guard let date = clock.due, date > asOf, clock.status == .running, clock.kind != .veryOverdue else { return nil }
            return Assessment.DueItem(date: date, what: clock.dueItemName, daysLeft: asOf.days(until: date))
        }
        due.sort { $0.date < $1.date }

        // The summary is left to letters, which read it: an assessment never depends on it, so the
        // stall query can leave it in the file.
        var assessment = Assessment(
            reference: request.reference, caseID: request.caseID, caseTitle: dossier.caseTitle, subject: request.subject,
            counterpart: dossier.counterpart.code, counterpartName: dossier.counterpart.name,
            toAuthority: request.toAuthority, toAuthorityName: dossier.toAuthorityName, state: state,
            classification: max(request.classification, dossier.caseClassification, dossier.replies.map(\.classification).max() ?? .unclassified), urgency: request.urgency,
            direction: dossier.direction,
            category: categories.first, categories: categories, ballWith: ballWith,
            severity: severity(categories, hardLimit: hardLimit, urgency: request.urgency, followUps: dossier.letters.count),
            sentDate: sent, daysSinceSent: sent.days(until: asOf),
            lastReplyDate: lastReply?.date, lastReplyKind: lastReply?.kind, daysSinceLastReply: since(lastReply?.date),
            lastSubstantiveReplyDate: lastSubstantive?.date, daysSinceLastSubstantiveReply: since(lastSubstantive?.date),
            replyCount: replies.count, followUpsSent: dossier.letters.count, lastFollowUp: dossier.letters.last,
            responseDue: clocks.responseDue, nextDue: due.first, hardLimit: hardLimit,
            ladderStep: ballWith == .them && dossier.direction == .outgoing ? ladder.step : nil, nextStep: nextStep, recommendedStep: recommended,
            replyLetter: replyLetter, engagement: engagement, clocks: clocks.clocks, lastMeeting: ladder.meeting)
        if dossier.direction == .incoming {
            assessment.lastMeeting = nil
            assessment.fromAuthority = request.fromAuthority
            assessment.fromAuthorityName = dossier.fromAuthorityName
        }
        return assessment
    }

    /// The last talking-points brief when no outcome has been recorded since it: the meeting it
    /// was for is over (no engagement is in the window) and nobody has said what came of it.
    static func briefWithoutOutcome(_ dossier: Dossier) -> FollowUp? {
        guard let brief = dossier.followUps.last(where: { $0.kind == .talkingPoints }) else { return nil }
        return dossier.meetings.contains { $0.outcome.date >= brief.date } ? nil : brief
    }

    /// States in which the counterpart owes the execution, so its response clock can run out.
    static func awaitsExecution(_ state: RequestState) -> Bool {
        switch state {
        case .transmitted, .acknowledged, .underExecution, .partiallyExecuted: return true
        default: return false
        }
    }

    /// Who must act next in a state. On a request that came to us the roles turn around: we
    /// owe the answer, and the ball is with them only while they owe us what we asked for.
    static func ballHolder(_ state: RequestState, _ direction: Direction = .outgoing) -> BallHolder {
        switch (state, direction) {
        case (.drafted, _), (.inClearance, _): return .us
        case (.supplementRequested, .outgoing), (.conditionsProposed, .outgoing): return .us
        case (.supplementRequested, .incoming), (.conditionsProposed, .incoming): return .them
        case (_, .outgoing): return .them
        case (_, .incoming): return .us
        }
    }

    static func nextStep(
        state: RequestState, ballWith: BallHolder, ladder: EscalationLadder, engagement: Assessment.EngagementNote?, stalled: Bool
    ) -> (String, EscalationStep?) {
        if state == .supplementRequested {
            return ("send the further information the counterpart asked for; the response clock stands still until we do", nil)
        }
        if state == .conditionsProposed {
            return ("decide on the conditions the counterpart proposed and answer them", nil)
        }
        if state == .drafted || state == .inClearance {
            return ("finish clearance and transmit the request", nil)
        }
        if let e = engagement, e.level >= .seniorOfficials {
            let when = e.startDate.longEnglishSpan(to: e.endDate)
            return ("raise it as a talking point at \(e.title) (\(when), in \(dayCount(e.daysUntil)))", .talkingPoints)
        }
        guard stalled else { return ("wait: no step needed yet", nil) }
        return (ladder.advice, ladder.step)
    }

    static func severity(_ categories: [StallCategory], hardLimit: Assessment.DueItem?, urgency: Urgency, followUps: Int) -> Severity? {
        guard !categories.isEmpty else { return nil }
        var level: Severity = .low
        for category in categories {
            let s: Severity
            switch category {
            case .hardLimitPassed: s = .high
            case .hardLimitApproaching: s = (hardLimit?.daysLeft ?? 0) <= 30 ? .critical : .high
            case .veryOverdue: s = followUps >= 3 ? .critical : .high
            case .promiseBroken, .premiseRejected: s = .high
            case .overdue, .nonCommittal, .noAcknowledgement, .supplementLoop: s = .medium
            case .acknowledgedOnly, .postponed: s = .low
            }
            level = max(level, s)
        }
        return urgency == .routine ? level : level.raised
    }
}

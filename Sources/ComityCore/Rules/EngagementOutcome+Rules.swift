extension EngagementOutcome {
    /// Every rule a recorded outcome breaks on its own, each with its field. `today` is the
    /// clerk's: an outcome is recorded once the meeting has happened.
    public func problems(today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        check.text(raisedBy, Self.raisedByRule)
        check.text(response, Self.responseRule)
        check.text(commitment, Self.commitmentRule)
        check.text(note, Self.noteRule)
        check.require(date <= today, "date", "the outcome is dated \(date.iso), after today (\(today.iso)); record it once the meeting has happened")
        check.require(!raised || !raisedBy.isEmpty, "raised_by", "say who raised request \(printable(requestReference)) with --by (e.g. --by 'Prime Minister Noda')")
        check.require(raised || raisedBy.isEmpty, "raised_by", "request \(printable(requestReference)) is recorded as not raised, so nobody raised it; drop --by or give --raised")
        check.require(raised || commitment.isEmpty, "commitment", "request \(printable(requestReference)) is recorded as not raised, so no commitment was made on it; drop --commitment or give --raised")
        check.require(commitmentDate == nil || !commitment.isEmpty, "commitment_date", "a commitment date needs the commitment itself; give it with --commitment")
        if let by = commitmentDate {
            check.require(by >= date, "commitment_date", "the commitment is dated \(by.iso), before the meeting of \(date.iso); check --commitment-date")
        }
        return check.problems
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) { try problems(today: today).throwFirst() }

    /// The outcome falls on a day of its engagement, with the engagement's counterpart.
    package func checkFits(_ engagement: Engagement, requestCounterpart: String) throws(ValidationFailure) {
        if date < engagement.startDate || date > engagement.endDate {
            throw ValidationFailure("engagement \(printable(engagement.id)) ran from \(engagement.startDate.iso) to \(engagement.endDate.iso); the outcome's date \(date.iso) must fall within it (check --on)")
        }
        if engagement.counterpart != requestCounterpart {
            throw ValidationFailure("request \(printable(requestReference)) went to \(requestCounterpart), but engagement \(printable(engagement.id)) was with \(engagement.counterpart); record the outcome at an engagement with \(requestCounterpart)")
        }
    }

    static let raisedByRule = TextRule("raised by", column: "raised_by", limit: 300, required: false)
    static let responseRule = TextRule("response", column: "response", limit: 4000, required: false)
    static let commitmentRule = TextRule("commitment", column: "commitment", limit: 4000, required: false)
    static let noteRule = TextRule("note", column: "note", limit: 4000, required: false)
}

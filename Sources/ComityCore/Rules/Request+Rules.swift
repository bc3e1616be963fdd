extension Request {
    /// Every rule a recorded request breaks on its own, each with its field. `today` is the
    /// clerk's: a request is recorded as sent once it has left.
    ///
    /// A request holds a sent date exactly when it has been transmitted: never while drafted or
    /// in clearance, always once transmitted or beyond (withdrawn and lapsed may be either).
    public func problems(today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        check.handle(reference, "request reference", column: "reference")
        check.text(subject, Self.subjectRule)
        check.text(note, Self.noteRule)
        check.text(counterpartReference, Self.counterpartReferenceRule)
        check.require(items.count <= Self.maximumItems, "items",
                      "request \(printable(reference)) lists \(items.count) items of assistance; give at most \(Self.maximumItems)")
        for item in items.prefix(Self.maximumItems) { check.text(item, Self.itemRule) }
        if let sent = sentDate {
            check.require(sent <= today, "sent_date",
                          "request \(printable(reference)) is dated \(sent.iso), after today (\(today.iso)); record a request once it is sent, or leave out --sent to keep it drafted")
            if let kept = preservedUntil {
                check.require(kept >= sent, "preserved_until",
                              "preserved data of request \(printable(reference)) expires on \(kept.iso), before the request was sent on \(sent.iso); check --preserved-until")
            }
            check.require(state != .drafted && state != .inClearance, "sent_date",
                          "request \(printable(reference)) is \(state.rawValue) but has a sent date (\(sent.iso)); a request is sent when it is transmitted")
        } else {
            check.require(!Self.sentStates.contains(state), "sent_date",
                          "request \(printable(reference)) is \(state.rawValue) but has no sent date; give the date it was transmitted")
        }
        return check.problems
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) { try problems(today: today).throwFirst() }

    /// The most items of assistance one request lists.
    public static let maximumItems = 100

    /// States only a transmitted request reaches.
    static let sentStates: Set<RequestState> = Set(RequestState.allCases).subtracting([.drafted, .inClearance, .withdrawn, .lapsed])

    static let subjectRule = TextRule("subject", column: "subject", limit: 1000)
    static let noteRule = TextRule("note", column: "note", limit: 4000, required: false)
    static let counterpartReferenceRule = TextRule("counterpart reference", column: "counterpart_reference", limit: 100)
    static let itemRule = TextRule("item of assistance", column: "items", limit: 1000)
}

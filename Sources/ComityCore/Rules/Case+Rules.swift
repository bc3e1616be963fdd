extension Case {
    /// Every rule a recorded case breaks, each with its field. `today` is the clerk's: a case
    /// is recorded once it is discovered.
    public func problems(today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        check.handle(id, "case id", column: "id")
        check.text(title, Self.titleRule)
        check.text(offence, Self.offenceRule)
        check.text(note, Self.noteRule)
        // A date known only to the month or year is weighed by its whole span: it breaks a rule
        // only when no day it could be would keep it.
        if let incidentDate {
            check.require(discoveryDate.latest >= incidentDate.earliest, "discovery_date",
                          "case \(printable(id)) is discovered on \(discoveryDate.iso), before its incident on \(incidentDate.iso); check the two dates")
            if let limit = limitationDate {
                check.require(limit > incidentDate.earliest, "limitation_date",
                              "case \(printable(id)) has its limitation date \(limit.iso) on or before its incident on \(incidentDate.iso); check the dates")
            }
        }
        check.require(discoveryDate.earliest <= today, "discovery_date",
                      "case \(printable(id)) is discovered on \(discoveryDate.iso), after today (\(today.iso)); Comity records what has happened")
        return check.problems
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) { try problems(today: today).throwFirst() }

    static let titleRule = TextRule("case title", column: "title", limit: 300)
    static let offenceRule = TextRule("offence", column: "offence", limit: 300)
    static let noteRule = TextRule("note", column: "note", limit: 4000, required: false)
}

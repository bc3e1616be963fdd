extension Engagement {
    /// Every rule a recorded engagement breaks on its own, each with its field.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.handle(id, "engagement id", column: "id")
        check.text(title, Self.titleRule)
        check.text(place, Self.placeRule)
        check.text(note, Self.noteRule)
        check.run("end_date") { () throws(ValidationFailure) in try Self.checkSpan(id, startDate, endDate) }
        return check.problems
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    package static func checkSpan(_ id: String, _ start: CalendarDate, _ end: CalendarDate) throws(ValidationFailure) {
        if end < start {
            throw ValidationFailure("engagement \(printable(id)) ends on \(end.iso), before it starts on \(start.iso); check --start and --end")
        }
    }

    static let titleRule = TextRule("engagement title", column: "title", limit: 300)
    static let placeRule = TextRule("place", column: "place", limit: 200, required: false)
    static let noteRule = TextRule("note", column: "note", limit: 4000, required: false)
}

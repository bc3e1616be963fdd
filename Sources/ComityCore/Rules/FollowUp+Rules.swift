extension FollowUp {
    /// Every rule a recorded follow-up breaks on its own, each with its field. `today` is the
    /// clerk's: a follow-up is recorded once sent.
    public func problems(today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        check.text(reference, Self.referenceRule)
        check.text(note, Self.noteRule)
        check.require(date <= today, "date", "the follow-up is dated \(date.iso), after today (\(today.iso)); Comity records what has happened")
        return check.problems
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) { try problems(today: today).throwFirst() }

    static let referenceRule = TextRule("letter reference", column: "reference", limit: 100, required: false)
    static let noteRule = TextRule("note", column: "note", limit: 4000, required: false)
}

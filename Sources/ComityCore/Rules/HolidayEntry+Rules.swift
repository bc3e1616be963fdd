extension HolidayEntry {
    /// Every rule a stored holiday entry breaks, each with its field: its name is text like any other.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.text(name, TextRule("name of the holiday on \(date.iso)", column: "name", limit: Self.nameLimit, noun: "name"))
        return check.problems
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    /// Long enough for the names of several holidays on one date, joined.
    static let nameLimit = 300
}

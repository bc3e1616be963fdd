extension Reply {
    /// Every rule a recorded reply breaks on its own, each with its field. `today` is the
    /// clerk's: a reply is recorded once received.
    public func problems(today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        check.text(summary, Self.summaryRule)
        check.require(date <= today, "date", "the reply is dated \(date.iso), after today (\(today.iso)); Comity records what has happened")
        if let promised = promisedDate {
            check.require(promised > date, "promised_date",
                          "the promised date \(promised.iso) is not after the reply of \(date.iso); check --promised")
        }
        check.require(refusalGrounds.isEmpty || kind == .refusal, "refusal_grounds",
                      "refusal grounds are given for \(article(kind.rawValue)) \(kind.rawValue) reply; give --grounds only with --kind refusal")
        return check.problems
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) { try problems(today: today).throwFirst() }

    static let summaryRule = TextRule("summary", column: "summary", limit: 4000)
}

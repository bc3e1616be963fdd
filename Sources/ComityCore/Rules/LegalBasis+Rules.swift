extension LegalBasis {
    /// Every rule a recorded legal basis breaks, each with its field: its own fields, its
    /// response period (as `Period(parsing:)` takes one) and the parties it binds.
    public func problems() -> [ValidationFailure] {
        fieldProblems() + bindingProblems()
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    /// The rules of the basis's own fields, which an import checks before its bindings are read.
    package func fieldProblems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.handle(id, "legal basis id", column: "id")
        check.text(instrument, Self.instrumentRule)
        check.text(note, Self.noteRule)
        if let period = responsePeriod {
            check.run("response_days") { () throws(ValidationFailure) in try period.validate() }
        }
        return check.problems
    }

    func bindingProblems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.require(!parties.isEmpty, nil, Self.bindsNoParty(id))
        let codes = parties.map(\.party)
        check.require(Set(codes).count == codes.count, "party", "legal basis \(printable(id)) names a party twice; give each party once")
        return check.problems
    }

    package static func bindsNoParty(_ id: String) -> String {
        "legal basis \(printable(id)) binds no party; give at least one with --party CC:YYYY-MM-DD"
    }

    static let instrumentRule = TextRule("instrument name", column: "instrument", limit: 300)
    static let noteRule = TextRule("note", column: "note", limit: 4000, required: false)
}

extension Period {
    /// Fails as `Period(parsing:)` fails on the same period written out: 1 to 3650 days.
    public func validate() throws(ValidationFailure) {
        if !(1...3650).contains(days) { _ = try Period(parsing: "\(days) \(unit.rawValue)") }
    }
}

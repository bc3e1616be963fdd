extension Party {
    /// Every rule a recorded party breaks, each with its field; empty when it keeps them all.
    ///
    /// The code must be written as Comity keeps it (upper case); `Party.validCode` makes it so
    /// from what a clerk typed.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.run("code") { () throws(ValidationFailure) in
            let upper = try Party.validCode(code)
            if upper != code { throw ValidationFailure("the party code '\(printable(code))' is kept in capitals; write it as \(upper)") }
        }
        check.text(name, Self.nameRule)
        check.text(formalName, Self.formalNameRule)
        return check.problems
    }

    /// Throws the first rule the party breaks.
    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    static let nameRule = TextRule("party name", column: "name", limit: 200)
    static let formalNameRule = TextRule("formal name", column: "formal_name", limit: 300)
}

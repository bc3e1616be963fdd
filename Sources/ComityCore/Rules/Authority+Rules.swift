extension Authority {
    /// Every rule a recorded authority breaks on its own, each with its field.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.handle(id, "authority id", column: "id")
        check.text(name, Self.nameRule)
        check.text(city, Self.cityRule)
        check.text(head.title, Self.headTitleRule)
        check.text(head.name, Self.headNameRule)
        check.require(postedTo != party, "posted_to",
                      "authority \(printable(id)) is of \(printable(party)) and cannot be posted to it; --posted-to names the foreign state an embassy or liaison sits in")
        return check.problems
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    static let nameRule = TextRule("authority name", column: "name", limit: 300)
    static let cityRule = TextRule("city", column: "city", limit: 100)
    static let headTitleRule = TextRule("title of its head", column: "head_title", limit: 200)
    static let headNameRule = TextRule("name of its head", column: "head_name", limit: 200)
}

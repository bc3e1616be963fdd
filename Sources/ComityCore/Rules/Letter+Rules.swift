extension Letter {
    /// Every rule an entry of the letter register breaks on its own, each with its field: its
    /// number follows its sender, year and sequence, its year is its date's, it is dated by
    /// `today`, its digest is a SHA-256 and its document is text like any other.
    public func registerProblems(year: Int, sequence: Int, today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        let expected = Letter.registerNumber(sender: sender, year: year, sequence: sequence)
        check.require(sequence >= 1, "sequence", "letter \(printable(number ?? "")) has the sequence \(sequence); a register counts from 1")
        check.require(number == expected, "number",
                      "letter \(printable(number ?? "")) does not follow its register: sender \(printable(sender)), year \(year) and sequence \(sequence) number it \(printable(expected))")
        check.require(year == date.year, "year", "letter \(printable(number ?? "")) is dated \(date.iso) but registered in \(year); a register runs by the letter's year")
        check.require(date <= today, "date",
                      "letter \(printable(number ?? "")) is dated \(date.iso), after today (\(today.iso)); Comity records what has happened")
        check.require(sha256.utf8.count == 64 && sha256.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, "sha256",
                      "the SHA-256 of letter \(printable(number ?? "")) is '\(printable(sha256))'; a SHA-256 is 64 lowercase hexadecimal digits")
        check.text(document, Self.documentRule)
        return check.problems
    }

    /// The longest stored letter document.
    static let documentRule = TextRule("document of the letter", column: "document", limit: 4 << 20)
}

/// Collects the rules one record breaks, each with its field, in the order they are checked.
struct RuleCheck {
    private(set) var problems: [ValidationFailure] = []

    /// A text field; an absent optional one keeps every rule.
    mutating func text(_ value: String?, _ rule: TextRule) {
        guard let value else { return }
        if let failure = rule.problem(in: value) { problems.append(failure) }
    }

    /// A handle (an id or reference clerks type).
    mutating func handle(_ value: String, _ name: String, column: String) {
        if let failure = Handle.problem(value, field: name, column: column) { problems.append(failure) }
    }

    /// Fails with `message` about `column` unless `condition` holds.
    mutating func require(_ condition: Bool, _ column: String?, _ message: @autoclosure () -> String) {
        if !condition { problems.append(ValidationFailure(message(), field: column)) }
    }

    mutating func add(_ failure: ValidationFailure?) {
        if let failure { problems.append(failure) }
    }

    /// Runs a check that throws, keeping its failure about `column`.
    mutating func run(_ column: String?, _ body: () throws(ValidationFailure) -> Void) {
        do { try body() } catch { problems.append(column.map(error.about) ?? error) }
    }
}

extension Array where Element == ValidationFailure {
    /// Throws the first failure, as a command that stops at the first broken rule reports it.
    func throwFirst() throws(ValidationFailure) {
        if let first { throw first }
    }
}

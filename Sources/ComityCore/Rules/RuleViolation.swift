/// A rule a record breaks against the records it refers to: the failure the store reports
/// (a record that is not there is "not found", anything else "invalid") and the field it is about.
public struct RuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field as export files name it ("request_ref"), when the rule is about one.
    public var field: String?
    public var error: ComityError

    public init(field: String?, error: ComityError) {
        self.field = field
        self.error = error
    }

    package init(_ failure: ValidationFailure, field: String? = nil) {
        self.init(field: field ?? failure.field, error: .invalid(failure.message))
    }

    public var description: String { error.description }
}

extension ComityError {
    /// "no case 'X' is recorded; …": the one sentence for a record that is not there.
    package static func missing(_ kind: RecordKind, _ id: String) -> ComityError {
        switch kind {
        case .party: return .notFound(kind: "party", id: id, hint: "add it with 'comity party add \(printable(id, limit: 8))'")
        case .authority: return .notFound(kind: "authority", id: id, hint: "see 'comity authority list' or add it with 'comity authority add'")
        case .basis: return .notFound(kind: "legal basis", id: id, hint: "see 'comity basis list' or add it with 'comity basis add'")
        case .caseFile: return .notFound(kind: "case", id: id, hint: "see 'comity case list' or add it with 'comity case add'")
        case .request: return .notFound(kind: "request", id: id, hint: "see 'comity request list'")
        }
    }

    /// The kinds of record others refer to.
    package enum RecordKind { case party, authority, basis, caseFile, request }
}

/// Why a schema could not be loaded or a document did not pass it.
public enum XMLValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The XSD file itself is missing or invalid, so nothing can be checked against it.
    case unusableSchema(path: String, problems: [XMLProblem])
    /// The document could not be read safely (malformed, too large, hostile DOCTYPE).
    case unreadable(XMLParseError)
    /// The document is well-formed but breaks the schema; every problem libxml2 found is listed.
    case invalid(documentName: String, problems: [XMLProblem])

    public var description: String {
        switch self {
        case let .unusableSchema(path, problems):
            let details = problems.isEmpty ? "" : "\n" + problems.listed
            return "The schema \(path) cannot be used; correct the XSD file.\(details)"
        case let .unreadable(error):
            return error.description
        case let .invalid(_, problems):
            return problems.listed
        }
    }

    /// Every problem reported, in document order, for callers that show them one by one.
    public var problems: [XMLProblem] {
        switch self {
        case let .unusableSchema(_, problems), let .invalid(_, problems): return problems
        case let .unreadable(.malformed(_, problems)): return problems
        case .unreadable: return []
        }
    }
}

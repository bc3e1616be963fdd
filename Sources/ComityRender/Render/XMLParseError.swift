/// Why `SafeXMLParser` refused a document.
public enum XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is larger than the caller allows.
    case tooLarge(documentName: String, bytes: Int, limit: Int)
    /// Elements are nested deeper than the caller allows.
    case tooDeep(documentName: String, line: Int, limit: Int)
    /// The DOCTYPE declares an entity, which could expand without bound or read local files.
    case entityDeclaration(documentName: String, line: Int, entity: String)
    /// The DOCTYPE points at an external DTD, which Comity never fetches.
    case externalDTD(documentName: String, line: Int, systemID: String)
    /// The text is empty.
    case empty(documentName: String)
    /// The text is not well-formed XML; every problem libxml2 found is listed.
    case malformed(documentName: String, problems: [XMLProblem])

    public var description: String {
        switch self {
        case let .tooLarge(name, bytes, limit):
            return "\(name) is \(bytes) bytes, more than the \(limit) bytes allowed; split the document or ask for a higher limit."
        case let .tooDeep(name, line, limit):
            return "\(name) line \(line): elements are nested more than \(limit) levels deep, which Comity refuses to read."
        case let .entityDeclaration(name, line, entity):
            return "\(name) line \(line): the DOCTYPE declares the entity '\(entity)', which Comity refuses for safety; remove the DOCTYPE's entity declarations."
        case let .externalDTD(name, line, systemID):
            return "\(name) line \(line): the DOCTYPE refers to the external DTD '\(systemID)', which Comity never loads; remove the external identifier."
        case let .empty(name):
            return "\(name) is empty; expected an XML document."
        case let .malformed(name, problems):
            return problems.isEmpty ? "\(name) is not well-formed XML." : problems.listed
        }
    }
}

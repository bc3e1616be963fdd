/// A value a clerk typed that Comity cannot accept, with a sentence saying how to fix it.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    /// The field of the record it is about, as export files name it ("summary"), when it is about one.
    public let field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// The same failure, about `field`.
    func about(_ field: String) -> ValidationFailure { ValidationFailure(message, field: field) }
}

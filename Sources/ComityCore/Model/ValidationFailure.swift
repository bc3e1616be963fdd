/// A value a clerk typed that Comity cannot accept, with a sentence saying how to fix it.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

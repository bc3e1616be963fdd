/// An element of a parsed XML document: immutable, detached from libxml2.
public struct XMLNode: Sendable {
    /// The qualified name, `prefix:local` when the element has a namespace prefix.
    public let name: String
    /// Attributes in document order, names qualified like `name`; namespace declarations are not included.
    public let attributes: [(name: String, value: String)]
    /// Child elements in document order.
    public let children: [XMLNode]
    /// The element's own text and CDATA content, concatenated; text of descendants is not included.
    public let text: String
    /// The 1-based line of the start tag.
    public let line: Int

    public init(name: String, attributes: [(name: String, value: String)], children: [XMLNode], text: String, line: Int) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The value of the first attribute called `name`, if present.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The child elements called `name`, in document order.
    public func children(named name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }
}

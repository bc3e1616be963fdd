import CLibXML2

/// Reads untrusted XML text into an immutable `XMLNode` tree.
///
/// Refuses, with a clerk-readable error instead of a crash: text above
/// `maxBytes`, nesting beyond `maxDepth`, DOCTYPEs that declare entities
/// (billion laughs, external entities) or point at an external DTD, and any
/// well-formedness error (libxml2 runs strictly, never in recovery mode).
public struct SafeXMLParser: Sendable {
    /// The largest accepted input, in UTF-8 bytes.
    public let maxBytes: Int
    /// The deepest accepted element nesting; never above libxml2's own ceiling of 256.
    public let maxDepth: Int

    public init(maxBytes: Int, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = min(max(maxDepth, 1), SafeXMLDocument.libxmlDepthCeiling)
    }

    /// Parses `xml`, naming it `documentName` in errors.
    public func parse(_ xml: String, documentName: String) throws(XMLParseError) -> XMLNode {
        let document = try SafeXMLDocument(xml, documentName: documentName, maxBytes: maxBytes, maxDepth: maxDepth)
        guard let root = document.root else {
            throw .malformed(documentName: documentName, problems: [])
        }
        return withExtendedLifetime(document) { Self.tree(from: root) }
    }

    /// One element whose children are still being converted.
    private struct Pending {
        let element: xmlNodePtr
        var nextChild: xmlNodePtr?
        var children: [XMLNode] = []
        var text = ""
    }

    /// Converts with an explicit stack so no input can exhaust the thread's stack.
    private static func tree(from root: xmlNodePtr) -> XMLNode {
        var stack = [Pending(element: root, nextChild: root.pointee.children)]
        while true {
            var top = stack.removeLast()
            var descend: xmlNodePtr?
            while let child = top.nextChild, descend == nil {
                top.nextChild = child.pointee.next
                switch child.pointee.type {
                case XML_ELEMENT_NODE: descend = child
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: top.text += string(child.pointee.content)
                default: break  // comments and processing instructions carry no data
                }
            }
            if let descend {
                stack.append(top)
                stack.append(Pending(element: descend, nextChild: descend.pointee.children))
                continue
            }
            let node = XMLNode(
                name: qualifiedName(top.element),
                attributes: attributes(of: top.element),
                children: top.children,
                text: top.text,
                line: Int(xmlGetLineNo(top.element))
            )
            guard !stack.isEmpty else { return node }
            stack[stack.count - 1].children.append(node)
        }
    }

    private static func attributes(of element: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attribute = element.pointee.properties
        while let current = attribute {
            let prefix = current.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
            var value = ""
            var part = current.pointee.children
            while let text = part {
                value += string(text.pointee.content)
                part = text.pointee.next
            }
            result.append((name: prefix + string(current.pointee.name), value: value))
            attribute = current.pointee.next
        }
        return result
    }

    private static func qualifiedName(_ element: xmlNodePtr) -> String {
        let prefix = element.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
        return prefix + string(element.pointee.name)
    }

    private static func string(_ characters: UnsafePointer<xmlChar>?) -> String {
        characters.map { String(cString: $0) } ?? ""
    }
}

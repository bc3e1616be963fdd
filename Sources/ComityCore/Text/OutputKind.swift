/// The kind of document a template library produces; the one place escaping is decided.
public enum OutputKind: Sendable, Hashable {
    /// HTML: values are escaped (`< > & " '`) and characters HTML forbids are removed.
    case html
    /// XML 1.0: escaped like HTML (the same five entities are valid XML) and characters XML 1.0 forbids are removed.
    case xml
    /// Plain text: values are written exactly as given.
    case text

    /// Whether `{{name}}` escapes markup characters (in `written`), so templates may not print a value raw.
    package var escapesMarkup: Bool { self != .text }

    /// A value as it appears in a document of this kind: characters the document may not contain
    /// removed, and for markup `< > & " '` written as `&lt; &gt; &amp; &quot; &#39;`.
    ///
    /// Every markup character is escaped, even one a combining mark follows (swift-mustache's own
    /// escaping compares whole characters and would let `<` + U+0338 through unescaped).
    package func written(_ value: String) -> String {
        guard self != .text, MarkupEscaping.needsWork(value) else { return value }
        return MarkupEscaping.escape(sanitise(value))
    }

    /// Removes characters a document of this kind may not contain, so a hostile value cannot make it invalid.
    func sanitise(_ value: String) -> String {
        guard self != .text, value.unicodeScalars.contains(where: { !Self.isXMLCharacter($0) }) else { return value }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.unicodeScalars.lazy.filter(Self.isXMLCharacter))
        return String(scalars)
    }

    /// The XML 1.0 `Char` production; HTML's rules forbid the same controls and noncharacters.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// What a template's tags reveal before rendering: the partials it includes and the keys it names.
///
/// swift-mustache keeps its parsed tokens private, so the tags are scanned
/// here. The scan follows the parser's rules for `{{ }}` tags; templates that
/// change delimiters are refused, since their tags could not be checked.
package struct TemplateTags: Sendable {
    /// Partials included with `{{> name}}` or `{{< name}}`, with their lines.
    private(set) var partials: [(name: String, line: Int)] = []
    /// The first component of every key the template names.
    private(set) var keys: Set<String> = []

    /// Scans `source`; refuses tags the strict renderer cannot honour for `output`.
    package init(scanning source: String, file: String, output: OutputKind) throws(RenderError) {
        let bytes = Array(source.utf8)
        var index = 0
        var line = 1
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                if byte == UInt8(ascii: "\n") { line += 1 }
                index += 1
                continue
            }
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let start = index + (triple ? 3 : 2)
            // An unclosed tag is left to swift-mustache, which reports it with its position.
            guard let end = Self.find(triple ? "}}}" : "}}", in: bytes, from: start) else { return }
            let content = String(decoding: bytes[start..<end], as: UTF8.self)
            try record(content, triple: triple, line: line, file: file, output: output)
            line += bytes[start..<end].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            index = end + (triple ? 3 : 2)
        }
    }

    private mutating func record(_ content: String, triple: Bool, line: Int, file: String, output: OutputKind) throws(RenderError) {
        let trimmed = content.trimmingTagSpace()
        let sigil = triple ? "{" : trimmed.first ?? " "
        let rest = triple ? trimmed : String(trimmed.dropFirst()).trimmingTagSpace()
        let tag = triple ? "{{{\(content)}}}" : "{{\(content)}}"
        switch sigil {
        case "{", "&":
            if output.escapesMarkup {
                throw .unsupportedTag(file: file, line: line, tag: tag, reason: "it writes the value without escaping, so document text could break the markup; use {{\(rest)}}")
            }
            addKey(rest)
        case "=":
            throw .unsupportedTag(file: file, line: line, tag: tag, reason: "changing the tag delimiters stops partials and keys from being checked; keep {{ }}")
        case "%":
            if output.escapesMarkup, rest.contains("CONTENT_TYPE") {
                throw .unsupportedTag(file: file, line: line, tag: tag, reason: "the output kind alone decides escaping")
            }
        case ">", "<":
            if rest.hasPrefix("*") {
                throw .unsupportedTag(file: file, line: line, tag: tag, reason: "a partial named by a document value cannot be checked before rendering")
            }
            partials.append((name: rest, line: line))
        case "!", "/", "$":
            break
        case "#", "^":
            addKey(rest)
        default:
            addKey(trimmed)
        }
    }

    /// Records the root key of `name`, looking inside transforms such as `uppercased(name)`.
    private mutating func addKey(_ name: String) {
        var inner = Substring(name)
        if let open = inner.lastIndex(of: "(") { inner = inner[inner.index(after: open)...] }
        if let close = inner.firstIndex(of: ")") { inner = inner[..<close] }
        guard let first = inner.split(separator: ".", omittingEmptySubsequences: false).first, !first.isEmpty else { return }
        keys.insert(String(first))
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], Array(bytes[index..<index + pattern.count]) == pattern { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Tag content without the blanks swift-mustache ignores around names.
    fileprivate func trimmingTagSpace() -> String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}

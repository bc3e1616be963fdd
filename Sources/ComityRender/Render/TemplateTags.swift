/// What a template's tags reveal before rendering: the partials it includes and the keys it names.
///
/// swift-mustache keeps its parsed tokens private, so the tags are scanned
/// here. The scan follows the parser's rules for `{{ }}` tags; templates that
/// change delimiters are refused, since their tags could not be checked.
struct TemplateTags: Sendable {
    /// Partials included with `{{> name}}`, with their lines.
    private(set) var partials: [(name: String, line: Int)] = []
    /// The first component of every key the template names.
    private(set) var keys: Set<String> = []
    /// Every component of every key the template names (`request`, `sent` and `text` for
    /// `request.sent.text`, `sha256` for `.sha256`): what a render can reach by name.
    private(set) var names: Set<String> = []
    /// How much text the template writes where, for bounding what a render can produce.
    private(set) var shape = TemplateShape()
    /// Sections open at the current tag, innermost last; each knows the region its body writes into.
    private var open: [Int] = []

    /// Scans `source`; refuses tags the strict renderer cannot honour for `output`.
    init(scanning source: String, file: String, output: OutputKind) throws(RenderError) {
        let bytes = Array(source.utf8)
        var index = 0
        var line = 1
        var lineStart = 0
        // Whether the line so far is blanks only: a partial tag after them is indented.
        var blankSoFar = true
        var textStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                    blankSoFar = true
                } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                    blankSoFar = false
                }
                index += 1
                continue
            }
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let start = index + (triple ? 3 : 2)
            // An unclosed tag is left to swift-mustache, which reports it with its position.
            guard let end = Self.find(triple ? "}}}" : "}}", in: bytes, from: start) else { break }
            shape.regions[region].text += index - textStart
            let indentation = blankSoFar ? index - lineStart : 0
            blankSoFar = false
            let content = String(decoding: bytes[start..<end], as: UTF8.self)
            try record(content, triple: triple, line: line, indentation: indentation, file: file, output: output)
            for position in start..<end where bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            index = end + (triple ? 3 : 2)
            textStart = index
        }
        shape.regions[region].text += bytes.count - textStart
    }

    /// The region the text at the current tag is written into: the innermost repeating section's, or the template's own.
    private var region: Int { open.last ?? 0 }

    private mutating func record(_ content: String, triple: Bool, line: Int, indentation: Int, file: String, output: OutputKind) throws(RenderError) {
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
        case ">":
            if rest.hasPrefix("*") {
                throw .unsupportedTag(file: file, line: line, tag: tag, reason: "a partial named by a document value cannot be checked before rendering")
            }
            partials.append((name: rest, line: line))
            shape.regions[region].includes.append(.init(name: rest, indentation: indentation, depth: open.count))
        case "<", "$":
            throw .unsupportedTag(file: file, line: line, tag: tag, reason: "a block of an inherited template can include itself without end, which no check before rendering can catch; include a partial with {{> name}} instead")
        case "!":
            break
        case "/":
            // An unmatched closing tag is left to swift-mustache, which reports it with its position.
            if !open.isEmpty { open.removeLast() }
        case "#", "^":
            addKey(rest)
            guard open.count < TemplateShape.maximumNesting else {
                throw .sectionsTooDeep(file: file, line: line, limit: TemplateShape.maximumNesting)
            }
            shape.deepestSection = max(shape.deepestSection, open.count + 1)
            // A section repeats its body for every item of a list; an inverted section, or one on the
            // position in a list (`first()`), writes its body at most once where it stands.
            if sigil == "#", let key = TemplateShape.repeatingKey(rest) {
                shape.regions.append(.init(key: key))
                open.append(shape.regions.count - 1)
            } else {
                open.append(region)
            }
        default:
            addKey(trimmed)
        }
    }

    /// Records the root key of `name` and every part of it, looking inside transforms such as `uppercased(name)`.
    private mutating func addKey(_ name: String) {
        var inner = Substring(name)
        if let open = inner.lastIndex(of: "(") { inner = inner[inner.index(after: open)...] }
        if let close = inner.firstIndex(of: ")") { inner = inner[..<close] }
        let parts = inner.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts where !part.isEmpty { names.insert(String(part)) }
        guard let first = parts.first, !first.isEmpty else { return }
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

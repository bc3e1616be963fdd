/// Why templates could not be loaded or a document could not be rendered.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template directory is missing or cannot be listed.
    case unreadableDirectory(path: String, reason: String)
    /// A template file cannot be read or is not UTF-8.
    case unreadableTemplate(file: String, reason: String)
    /// A symbolic link inside the template directory leads outside it.
    case outsideDirectory(file: String, target: String, directory: String)
    /// A template name would contain `..`.
    case invalidTemplateName(name: String, file: String)
    /// swift-mustache could not parse a template.
    case syntax(file: String, line: Int, column: Int, problem: String)
    /// A template uses a tag the strict renderer refuses.
    case unsupportedTag(file: String, line: Int, tag: String, reason: String)
    /// No template has the requested name.
    case unknownTemplate(name: String, directory: String, available: [String])
    /// The template, or a partial it includes, includes a partial that does not exist.
    case missingPartial(template: String, partial: String, includedBy: String, line: Int)
    /// The template refers to keys the document does not provide; `partial` is where the first one is used, if not in the template itself.
    case missingKeys(template: String, keys: [String], partial: String?)
    /// The template uses a value in a way its kind does not allow.
    case misuse(template: String, problem: String)
    /// A template file opens more sections one inside another than a render may recurse.
    case sectionsTooDeep(file: String, line: Int, limit: Int)
    /// The template includes a partial that includes itself, directly or through others; `chain` ends where it comes round again.
    case partialLoop(template: String, chain: [String])
    /// The template includes partials one inside another more deeply than `limit`.
    case partialsTooDeep(template: String, chain: [String], limit: Int)
    /// The template's sections and partials, one inside another, are more than `limit` deep.
    case nestedTooDeep(template: String, chain: [String], depth: Int, limit: Int)
    /// The template's partials would write more than `limit` bytes in one pass, before any value or repetition.
    case expandsTooFar(template: String, chain: [String], bytes: Int, limit: Int)
    /// The render was stopped on reaching `limit` bytes, in a section repeating the value named `section` if known.
    case outputLimit(template: String, limit: Int, section: String?)

    public var description: String {
        switch self {
        case let .unreadableDirectory(path, reason):
            return "The template folder \(path) cannot be read (\(reason)); check that it exists and is readable."
        case let .unreadableTemplate(file, reason):
            return "The template \(file) cannot be read (\(reason)); save it as UTF-8 text."
        case let .outsideDirectory(file, target, directory):
            return "The template entry \(file) is a link to \(target), outside the template folder \(directory); copy the file into the folder instead."
        case let .invalidTemplateName(name, file):
            return "The template \(file) would be named '\(name)', and names may not contain '..'; rename the file."
        case let .syntax(file, line, column, problem):
            return "The template \(file) line \(line) column \(column) cannot be read: \(problem)."
        case let .unsupportedTag(file, line, tag, reason):
            return "The template \(file) line \(line) uses \(tag), which is refused because \(reason)."
        case let .unknownTemplate(name, directory, available):
            let list = available.isEmpty ? "the folder holds no templates" : "available nearby: \(available.joined(separator: ", "))"
            return "There is no template named '\(name)' in \(directory) (\(list))."
        case let .missingPartial(template, partial, includedBy, line):
            let place = includedBy == template ? "line \(line)" : "its partial \(includedBy) line \(line)"
            return "Template \(template) includes the partial '\(partial)' (\(place)), which does not exist; add the file \(partial).mustache or fix the name."
        case let .missingKeys(template, keys, partial):
            let first = keys.first ?? "?"
            let place = partial.map { " (in its partial \($0))" } ?? ""
            let others = keys.dropFirst().map { "'\($0)'" }
            let more = others.isEmpty ? "" : "; it also lacks \(others.joined(separator: ", "))"
            return "template \(template)\(place) refers to '\(first)', which the document does not provide\(more)."
        case let .misuse(template, problem):
            return "Template \(template) cannot be rendered: \(problem)."
        case let .sectionsTooDeep(file, line, limit):
            return "The template \(file) line \(line) opens a section inside \(limit) others, more than Comity renders; close some sections first."
        case let .partialLoop(template, chain):
            return "Template \(template) cannot be rendered: its partials include themselves in a loop (\(Self.spelled(chain))); remove one of these includes."
        case let .partialsTooDeep(template, chain, limit):
            return "Template \(template) cannot be rendered: its partials include one another more than \(limit) deep (\(Self.spelled(chain))); include them from fewer levels."
        case let .nestedTooDeep(template, chain, depth, limit):
            return "Template \(template) cannot be rendered: its sections and partials nest \(depth) deep (\(Self.spelled(chain))), more than the \(limit) Comity renders; nest fewer of them."
        case let .expandsTooFar(template, chain, bytes, limit):
            return "Template \(template) cannot be rendered: its partials would write \(Self.size(bytes)) before any value is filled in (\(Self.spelled(chain))), more than the \(Self.size(limit)) a document may have; include them fewer times."
        case let .outputLimit(template, limit, section):
            let place = section.map { $0.isEmpty ? ", repeating a section" : ", repeating the section '\($0)'" } ?? ""
            return "Template \(template) was stopped at \(Self.size(limit)), the most a document with this data may have\(place); check for a section repeated inside another over the same list."
        }
    }

    /// A chain of templates as `a → b → c`, its middle left out when long.
    static func spelled(_ chain: [String]) -> String {
        let shown = chain.count <= 8 ? chain : Array(chain.prefix(3)) + ["…"] + Array(chain.suffix(3))
        return shown.joined(separator: " → ")
    }

    /// A byte count as a clerk reads it: `100 MB`, `16 MB`, `512 KB`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 40 { return "more than 1 TB" }
        if bytes >= 1 << 20 { return "\((bytes + (1 << 19)) >> 20) MB" }
        return "\((bytes + 512) >> 10) KB"
    }
}

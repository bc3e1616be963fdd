import Foundation
import Mustache

/// Mustache templates loaded from a folder, rendered strictly.
///
/// Strict means a render fails, with a message a template editor can act on,
/// instead of quietly leaving blanks: for an unknown template, a partial that
/// does not exist (checked transitively), or a key the document lacks,
/// including the later parts of dotted names such as `{{sender.title}}`.
///
/// Bounded means no template can make a render recurse without end or write
/// without limit: partials may not loop and nest at most 16 deep, sections and
/// partials together at most 64, and a document stops at 16 MB, or eight bytes
/// for each byte of its data when that is more (`TemplatePlans`, `OutputBudget`).
public struct TemplateLibrary: Sendable {
    /// The template folder, with symbolic links resolved.
    public let directory: String
    /// The kind of document these templates produce, which decides escaping.
    public let output: OutputKind
    /// Every template name, sorted, e.g. `en/letter/note-verbale`.
    public let templateNames: [String]

    private let library: MustacheLibrary
    private let tags: [String: TemplateTags]
    /// Why a template cannot be rendered (the first missing partial it reaches, partials in a
    /// loop, too deep or too large), for those that cannot; computed once so renders stay cheap.
    private let problems: [String: RenderError]
    private let plans: TemplatePlans

    /// Loads every `*.mustache` file under `directory`, recursively; nothing is read later.
    public init(directory: URL, output: OutputKind = .html) throws(RenderError) {
        var parsed: [String: MustacheTemplate] = [:]
        try self.init(TemplateDirectory(directory), output: output, parsed: &parsed)
    }

    /// A library for each kind of output, from one reading of the folder: each template is
    /// parsed once for all of them (parsing does not depend on the output; escaping and the
    /// checks of the tags do). Fails as loading them one after the other would.
    static func loading(_ directory: URL, outputs: [OutputKind]) throws(RenderError) -> [TemplateLibrary] {
        let folder = try TemplateDirectory(directory)
        let together = ParsedTemplates.reading(folder.files, outputs: outputs)
        var parsed = together.templates
        var libraries: [TemplateLibrary] = []
        for output in outputs {
            libraries.append(try TemplateLibrary(folder, output: output, parsed: &parsed, scanned: together.tags[output] ?? [:]))
        }
        return libraries
    }

    /// Loads `folder` for `output`, taking templates from `parsed` (and adding those it parses)
    /// and their tags from `scanned`.
    private init(
        _ folder: TemplateDirectory, output: OutputKind, parsed: inout [String: MustacheTemplate], scanned: [String: TemplateTags] = [:]
    ) throws(RenderError) {
        var templates: [String: MustacheTemplate] = [:]
        var tags: [String: TemplateTags] = [:]
        for file in folder.files {
            if let known = scanned[file.name] {
                tags[file.name] = known
            } else {
                tags[file.name] = try TemplateTags(scanning: file.source, file: file.relativePath, output: output)
            }
            if let known = parsed[file.name] {
                templates[file.name] = known
            } else {
                let template = try Self.compile(file)
                parsed[file.name] = template
                templates[file.name] = template
            }
        }
        self.directory = folder.root
        self.output = output
        self.templateNames = folder.files.map(\.name)
        self.library = MustacheLibrary(templates: templates)
        self.tags = tags
        self.plans = TemplatePlans(tags)
        self.problems = Self.findMissingPartials(tags).merging(plans.problems) { missing, _ in missing }
    }

    /// Renders `name` with `context`; fails rather than leave a blank the template expected to fill.
    public func render(_ context: [String: TemplateValue], template name: String) throws(RenderError) -> String {
        try renderCharged(context, template: name).text
    }

    /// Renders as `render` does, with what the render was charged against its budget (never less than the text's bytes).
    func renderCharged(_ context: [String: TemplateValue], template name: String) throws(RenderError) -> (text: String, charged: Int) {
        guard tags[name] != nil else {
            throw .unknownTemplate(name: name, directory: directory, available: nearby(name))
        }
        if let problem = problems[name] { throw problem }
        let data = TemplateValue.object(context)
        let recorder = LookupRecorder(output: output, budget: OutputBudget(plan: plans.plans[name]!, costs: plans.costs, data: data))
        let root = StrictContext(value: data, role: .root, path: .root, recorder: recorder)
        let rendered = library.render(root, withTemplate: name) ?? ""
        if recorder.budget.exhausted {
            throw .outputLimit(template: name, limit: recorder.budget.current, section: recorder.budget.section)
        }
        if !recorder.missingKeys.isEmpty {
            let first = recorder.missingKeys[0].prefix { $0 != "." }
            let user = reachable(from: name).first { tags[$0]?.keys.contains(String(first)) == true }
            throw .missingKeys(template: name, keys: recorder.missingKeys, partial: user == name ? nil : user)
        }
        if let problem = recorder.misuses.first {
            throw .misuse(template: name, problem: problem)
        }
        return (rendered, recorder.budget.spent)
    }

    /// Whether `template` or a partial it includes names `key` anywhere (as `{{key}}`, `{{a.key}}`,
    /// `{{.key}}`, in a section or a transform): a value no template names is never read by a render.
    func names(_ key: String, in template: String) -> Bool {
        reachable(from: template).contains { tags[$0]?.names.contains(key) == true }
    }

    /// Parses with swift-mustache. Every template, partials included, turns swift-mustache's escaping off
    /// itself (it resets the content type to HTML on entering a partial): values come out of the context
    /// already written for the output kind (`OutputKind.written`), and markup templates may not print raw values.
    static func compile(_ file: TemplateDirectory.File) throws(RenderError) -> MustacheTemplate {
        do {
            // A standalone pragma line is removed whole, so the output gains no blank line.
            do {
                return try MustacheTemplate(string: "{{% CONTENT_TYPE:TEXT}}\n" + file.source)
            } catch {
                // Parsing the file as written keeps the reported line numbers true.
                _ = try MustacheTemplate(string: file.source)
                throw error
            }
        } catch let error as MustacheTemplate.ParserError {
            throw .syntax(
                file: file.relativePath, line: error.context.lineNumber, column: error.context.columnNumber,
                problem: Self.explain(error.error)
            )
        } catch {
            throw .syntax(file: file.relativePath, line: 0, column: 0, problem: String(describing: error))
        }
    }

    private static func explain(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return String(describing: error) }
        switch error {
        case .sectionCloseNameIncorrect: return "a closing tag {{/…}} does not match the section it closes"
        case .unfinishedName: return "a tag is not finished or its name has characters Mustache does not allow"
        case .expectedSectionEnd: return "a section {{#…}} or {{^…}} is never closed"
        case .invalidSetDelimiter: return "a delimiter change {{=… …=}} is badly formed"
        case .transformAppliedToInheritanceSection: return "a block {{$…}} may not use a transform"
        case .illegalTokenInsideInheritSection: return "only blocks {{$…}} may appear inside {{<…}}"
        case .textInsideInheritSection: return "only blocks {{$…}} may appear inside {{<…}}"
        case .invalidConfigVariableSyntax: return "a pragma {{%…}} is badly formed"
        case .unrecognisedConfigVariable: return "a pragma {{%…}} names something Mustache does not know"
        @unknown default: return String(describing: error)
        }
    }

    /// `name` and every template it includes, directly or through other partials, in discovery order.
    private func reachable(from name: String) -> [String] {
        var seen: [String] = [name]
        var index = 0
        while index < seen.count {
            for partial in tags[seen[index]]?.partials ?? [] where tags[partial.name] != nil && !seen.contains(partial.name) {
                seen.append(partial.name)
            }
            index += 1
        }
        return seen
    }

    private static func findMissingPartials(_ tags: [String: TemplateTags]) -> [String: RenderError] {
        var result: [String: RenderError] = [:]
        for name in tags.keys {
            var queue = [name]
            var seen: Set<String> = [name]
            search: while !queue.isEmpty {
                let current = queue.removeFirst()
                for partial in tags[current]?.partials ?? [] {
                    guard tags[partial.name] != nil else {
                        result[name] = .missingPartial(template: name, partial: partial.name, includedBy: current, line: partial.line)
                        break search
                    }
                    if seen.insert(partial.name).inserted { queue.append(partial.name) }
                }
            }
        }
        return result
    }

    /// Names a clerk probably meant: the same folder first, then the same file name elsewhere, else everything.
    private func nearby(_ name: String) -> [String] {
        let parts = name.split(separator: "/")
        let folder = parts.dropLast().joined(separator: "/")
        let sameFolder = templateNames.filter { candidate in
            folder.isEmpty ? !candidate.contains("/") : candidate.hasPrefix(folder + "/")
        }
        let sameFile = templateNames.filter { $0.split(separator: "/").last == parts.last }
        let candidates = !sameFolder.isEmpty ? sameFolder : !sameFile.isEmpty ? sameFile : templateNames
        return Array(candidates.prefix(12))
    }
}

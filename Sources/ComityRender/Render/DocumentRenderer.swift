import Foundation

/// Renders reports and letters from the templates folder, validating every XML document
/// against its schema before anyone sees it.
///
///     let renderer = try DocumentRenderer(templates: URL(fileURLWithPath: "templates"))
///     let xml = try renderer.render(report, as: .xml)
public final class DocumentRenderer: Sendable {
    public let directory: URL
    private let html: TemplateLibrary
    private let xml: TemplateLibrary
    private let schemas: SchemaCache
    private let languages: LanguageFolders

    public init(templates directory: URL) throws(ComityError) {
        self.directory = directory
        do {
            let libraries = try TemplateLibrary.loading(directory, outputs: [.html, .xml])
            html = libraries[0]
            xml = libraries[1]
        } catch {
            throw .document(error.description)
        }
        schemas = SchemaCache(directory: directory.appendingPathComponent("schemas"))
        languages = LanguageFolders(directory: directory)
    }

    /// The languages letters can be written in: each folder of the templates holding a `phrases.json`.
    public var availableLanguages: [LetterLanguage] { languages.available }

    /// The phrase file of `language`, read on first use; refused in one sentence when the language
    /// has no folder (listing those available) or its file lacks a key or has a malformed one.
    public func phrasebook(_ language: LetterLanguage) throws(ComityError) -> Phrasebook {
        try languages.phrasebook(language)
    }

    /// Whether the template `name` (or a partial it includes) names `key` anywhere, so a render
    /// may read it: a caller can leave out, or compute later, a value no template asks for.
    public func names(_ key: String, in name: String, as kind: DocumentKind = .html) -> Bool {
        (kind == .xml ? xml : html).names(key, in: name)
    }

    /// Renders `context` with the template `name` (e.g. `report/stall.xml`); XML is validated
    /// against `schemas/<schema>.xsd` and refused with libxml2's line-numbered errors.
    /// Day counts the context does not write already (`daysLeftText`) are written in English,
    /// unless `phrased` says it writes them all (a letter's, in the letter's language).
    public func render(
        _ context: [String: TemplateValue], template name: String, as kind: DocumentKind, schema: String, documentName: String, phrased: Bool = false
    ) throws(ComityError) -> String {
        let text: String
        do {
            text = try (kind == .xml ? xml : html).render(phrased ? context : TemplateValue.addingDayPhrases(context), template: name)
        } catch {
            throw .document(error.description)
        }
        if kind == .xml {
            let validator = try schemas.schema(named: schema)
            do {
                try validator.validate(text, documentName: documentName)
            } catch {
                throw .document("the \(documentName) produced is not valid against schemas/\(schema).xsd, so it was not written: " + error.problems.map(\.description).joined(separator: "; "))
            }
        }
        return text
    }

    /// The stall report or pre-summit brief as XML or HTML.
    public func render(_ report: StallReport, as kind: DocumentKind) throws(ComityError) -> String {
        try render(report.templateContext, template: "report/stall.\(kind.rawValue)", as: kind, schema: "stall-report", documentName: "stall report")
    }
}

/// Compiled XSDs, loaded on first use and shared.
final class SchemaCache: @unchecked Sendable {
    private let directory: URL
    private var compiled: [String: XMLSchema] = [:]
    private let lock = NSLock()

    init(directory: URL) { self.directory = directory }

    func schema(named name: String) throws(ComityError) -> XMLSchema {
        lock.lock()
        defer { lock.unlock() }
        if let s = compiled[name] { return s }
        let path = directory.appendingPathComponent("\(name).xsd").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .document("the schema \(path) is missing; restore it from the Comity distribution")
        }
        do {
            let s = try XMLSchema(path: path)
            compiled[name] = s
            return s
        } catch {
            throw .document(error.description)
        }
    }
}

import Foundation
import Mustache

// `{{isolated(name)}}` in the floor, as Comity writes it: in an HTML letter the value inside
// `<bdi>…</bdi>`, in an XML letter the value alone, each escaped as swift-mustache escapes HTML.
// Text values carry the transform; the floor's content type, set by a CONTENT_TYPE pragma it
// puts in front of every template (swift-mustache renders a partial as HTML unless the partial
// says otherwise), writes the tags around the escaped text when the letters are HTML.

/// A non-empty text value of a letter's context.
struct FloorText: MustacheCustomRenderable, MustacheTransformable {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }

    func transform(_ name: String) -> Any? {
        name == "isolated" ? FloorIsolated(text: text) : text.transform(name)
    }
}

/// A value to be set apart: its text behind a marker only the floor's content types read.
struct FloorIsolated: MustacheCustomRenderable {
    static let marker: Character = "\u{E000}"
    let text: String
    var renderText: String { String(Self.marker) + text }
    var isNull: Bool { false }
}

/// The content types of the floor's letters: HTML escaping as swift-mustache's, and the
/// isolating tags of a marked value in HTML only.
struct FloorContentType: MustacheContentType {
    static let name = "FLOOR"
    let isolates: Bool

    private static let escaped: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]

    func escapeText(_ text: String) -> String {
        guard text.first == FloorIsolated.marker else { return Self.escape(text) }
        let value = Self.escape(String(text.dropFirst()))
        return isolates ? "<bdi>" + value + "</bdi>" : value
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for c in text {
            if let replacement = escaped[c] { result += replacement } else { result.append(c) }
        }
        return result
    }

    /// Registers the type for letters in HTML (`isolates`) or XML, and loads every template of
    /// `directory` with the pragma that gives it that type.
    static func library(directory: String, isolates: Bool) throws -> MustacheLibrary {
        MustacheContentTypes.register(FloorContentType(isolates: isolates), named: name)
        let base = URL(fileURLWithPath: directory).standardizedFileURL
        var templates: [String: MustacheTemplate] = [:]
        let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "mustache" else { continue }
            let name = String(file.standardizedFileURL.path.dropFirst(base.path.count + 1).dropLast(".mustache".count))
            var text = try String(contentsOf: file, encoding: .utf8)
            // On a line of its own, the pragma leaves no trace in what the template writes.
            text = "{{% CONTENT_TYPE: \(Self.name)}}\n" + text
            templates[name] = try MustacheTemplate(string: text)
        }
        return MustacheLibrary(templates: templates)
    }
}

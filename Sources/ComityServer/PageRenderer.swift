import Comity
import Foundation
import Mustache

/// Renders the pages of the shared desk from `templates/web/*.mustache`. A page's context is a
/// plain dictionary; records go in as their JSON form (the keys of `--format json`).
final class PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// Letters, the brief and the stall report, rendered as the command line renders them.
    let documents: DocumentRenderer

    init(templates: String) async throws(ComityError) {
        let folder = URL(fileURLWithPath: templates).appendingPathComponent("web").path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw .invalid("the templates folder \(templates) has no web/ folder of pages; point --templates at Comity's templates")
        }
        do {
            library = try await MustacheLibrary(directory: folder)
        } catch {
            throw .document("the pages in \(folder) cannot be read: \(error)")
        }
        documents = try DocumentRenderer(templates: URL(fileURLWithPath: templates))
    }

    /// The page `name` (a file `web/<name>.mustache`) with `context`.
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: name) else {
            throw ComityError.document("the page template web/\(name).mustache is missing; restore it from the Comity distribution")
        }
        return html
    }

    /// A record as the JSON API gives it, as a template context.
    static func plain<T: Encodable>(_ value: T) -> Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value), let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return [:] as [String: Any]
        }
        return object
    }
}

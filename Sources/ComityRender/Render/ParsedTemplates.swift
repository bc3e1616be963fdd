import Foundation
import Mustache

/// A folder's templates parsed, and their tags scanned for each kind of output, on every core
/// at once: that is most of the time a folder takes to load. A file that does not parse or
/// scan is left out, for loading to try again in its turn and refuse with its error, as it
/// would one file after the other.
final class ParsedTemplates: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var templates: [String: MustacheTemplate] = [:]
    private(set) var tags: [OutputKind: [String: TemplateTags]] = [:]

    static func reading(_ files: [TemplateDirectory.File], outputs: [OutputKind]) -> ParsedTemplates {
        let read = ParsedTemplates()
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let template = try? TemplateLibrary.compile(file)
            let scanned = outputs.map { output in (output, try? TemplateTags(scanning: file.source, file: file.relativePath, output: output)) }
            read.lock.lock()
            defer { read.lock.unlock() }
            read.templates[file.name] = template
            for case let (output, tags?) in scanned { read.tags[output, default: [:]][file.name] = tags }
        }
        return read
    }
}

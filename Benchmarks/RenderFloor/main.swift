// The floor of a letter batch: rendering the same letters' templates with swift-mustache alone,
// with no database, no checks of the context, no validation and no files.
//
//   comity-render-floor prepare --db DB --today DATE [--format html|xml] [--lang TAG] [--templates DIR] [--counterpart CC] --out FILE
//       writes, one JSON object a line, the template and context of every letter
//       `comity letter --all-stalled` would write on DB that day (untimed preparation);
//   comity-render-floor render --templates DIR --contexts FILE [--threads N] [--write DIR]
//       loads the templates into a MustacheLibrary and the contexts, then renders every letter,
//       on every core as the letter batch does (or on N threads). Only the rendering is timed:
//       it prints "LETTERS SECONDS" on standard output and the rate on standard error.
//       --write DIR then writes the letters under the batch's file names, to compare with it.

import Comity
import Dispatch
import Foundation
import Mustache

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("comity-render-floor: \(message)\n".utf8))
    exit(64)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func options(_ arguments: ArraySlice<String>) -> [String: String] {
    var result: [String: String] = [:]
    var rest = arguments
    while let name = rest.popFirst() {
        guard name.hasPrefix("--"), let value = rest.popFirst() else { fail("expected --option VALUE, got '\(name)'") }
        result[String(name.dropFirst(2))] = value
    }
    return result
}

/// A letter's context as JSON gives it back.
enum JSONValue: Decodable {
    case text(String), number(Int), flag(Bool), list([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The plain Swift values swift-mustache renders: String, Int, Bool, arrays and dictionaries.
    /// Empty text is the one value that needs help: Comity's templates treat it as false
    /// (`{{#theirReference}}`), swift-mustache as true, so it becomes a blank that is null.
    var plain: Any {
        switch self {
        case .text(let text): return text.isEmpty ? Blank() : FloorText(text: text)
        case .number(let number): return number
        case .flag(let flag): return flag
        case .list(let items): return items.map(\.plain)
        case .object(let fields): return fields.mapValues(\.plain)
        }
    }
}

struct Blank: MustacheCustomRenderable, MustacheTransformable {
    var renderText: String { "" }
    var isNull: Bool { true }
    func transform(_ name: String) -> Any? { name == "isolated" ? self : "".transform(name) }
}

struct Entry: Decodable {
    let reference: String
    let template: String
    let context: JSONValue
}

func prepare(_ o: [String: String]) throws {
    guard let db = o["db"], let today = o["today"], let out = o["out"] else { fail("prepare needs --db, --today and --out") }
    let date = try CalendarDate(iso: today)
    guard let format = DocumentKind(rawValue: o["format"] ?? "html") else { fail("--format is html or xml") }
    guard let language = LetterLanguage(rawValue: o["lang"] ?? "en") else { fail("--lang is a language tag: en, ja, zh-Hans, …") }
    let phrases = try DocumentRenderer(templates: URL(fileURLWithPath: o["templates"] ?? "templates")).phrasebook(language)
    let desk = try Desk.open(.sqlite(path: db), clerk: Clerk(name: "render-floor", today: date))
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    guard let file = FileHandle(forWritingAtPath: out) else { fail("cannot write \(out)") }
    var buffer = Data()
    var count = 0
    try desk.letterBatchContexts(date: date, counterpart: o["counterpart"], phrases: phrases, format: format) { json in
        buffer.append(json)
        buffer.append(0x0A)
        count += 1
        if buffer.count > 1 << 20 {
            file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
    file.write(buffer)
    try file.close()
    note("\(count) letter contexts written to \(out)")
}

/// The letters being rendered: each thread renders its own chunks into its own slots.
final class RenderJob: @unchecked Sendable {
    let templates: [String]
    let contexts: [Any]
    let library: MustacheLibrary
    let letters: UnsafeMutableBufferPointer<String?>
    static let chunk = 64
    var chunks: Int { (templates.count + Self.chunk - 1) / Self.chunk }

    init(templates: [String], contexts: [Any], library: MustacheLibrary) {
        self.templates = templates
        self.contexts = contexts
        self.library = library
        letters = .allocate(capacity: templates.count)
        letters.initialize(repeating: nil)
    }

    deinit { letters.deinitialize().deallocate() }

    func render(chunk c: Int) {
        for i in c * Self.chunk ..< min(templates.count, (c + 1) * Self.chunk) {
            letters[i] = library.render(contexts[i], withTemplate: templates[i])
        }
    }
}

/// Renders every letter on `threads` threads (0: every core); returns the seconds taken.
func renderAll(_ job: RenderJob, threads: Int) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    let chunks = job.chunks
    if threads == 1 {
        for c in 0 ..< chunks { job.render(chunk: c) }
    } else if threads == 0 {
        DispatchQueue.concurrentPerform(iterations: chunks) { job.render(chunk: $0) }
    } else {
        // Each of the threads takes every threads-th chunk.
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for c in stride(from: t, to: chunks, by: threads) { job.render(chunk: c) }
        }
    }
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func render(_ o: [String: String]) async throws {
    guard let directory = o["templates"], let path = o["contexts"] else { fail("render needs --templates and --contexts") }
    guard let threads = Int(o["threads"] ?? "0"), threads >= 0 else { fail("--threads is a number of threads, 0 for every core") }
    let decoder = JSONDecoder()
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var entries: [Entry] = []
    for line in data.split(separator: 0x0A) where !line.isEmpty {
        entries.append(try decoder.decode(Entry.self, from: line))
    }
    let formats = Set(entries.map { $0.template.hasSuffix(".html") })
    guard formats.count <= 1 else { fail("the contexts mix HTML and XML letters; prepare one format at a time") }
    let library = try FloorContentType.library(directory: directory, isolates: formats.first ?? true)
    for name in Set(entries.map(\.template)) where library.getTemplate(named: name) == nil {
        fail("no template \(name) in \(directory)")
    }
    let job = RenderJob(templates: entries.map(\.template), contexts: entries.map(\.context.plain), library: library)
    let seconds = renderAll(job, threads: threads)
    let letters = Array(job.letters)
    if let empty = letters.firstIndex(where: { ($0 ?? "").isEmpty }) {
        fail("the letter for \(entries[empty].reference) came out empty")
    }
    let bytes = letters.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
    print(entries.count, String(format: "%.6f", seconds))
    note("rendered \(entries.count) letters (\(bytes) bytes) in \(String(format: "%.3f", seconds)) s: \(Int(Double(entries.count) / max(seconds, 1e-9))) letters/s")
    if let folder = o["write"] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (entry, letter) in zip(entries, letters) {
            // en/letter/reminder.html → REF.reminder.en.html, as the batch names its files.
            let parts = entry.template.split(separator: "/")
            let (language, name) = (parts.first ?? "", parts.last ?? "")
            let kind = name.split(separator: ".").first ?? "", format = name.split(separator: ".").last ?? ""
            let safe = String(entry.reference.map { "/\\:".contains($0) ? "_" : $0 })
            try Data(letter!.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(safe).\(kind).\(language).\(format)"))
        }
    }
}

let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "prepare": try prepare(options(arguments.dropFirst()))
    case "render": try await render(options(arguments.dropFirst()))
    default: fail("usage: comity-render-floor prepare|render --option VALUE …")
    }
} catch {
    FileHandle.standardError.write(Data("comity-render-floor: \(error)\n".utf8))
    exit(1)
}

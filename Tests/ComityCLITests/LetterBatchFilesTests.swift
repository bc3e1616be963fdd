import Foundation
import Testing
import Comity
import ComityWorlds

/// `letter --all-stalled` on a synthetic world: letters rendered and written on several threads
/// still give one file per letter, identical to the single letter, or no file at all.
@Suite("comity letter --all-stalled: files of a large batch")
struct LetterBatchFilesTests {
    static let today = "2026-11-21"

    static func synth(_ sandbox: Sandbox) throws {
        let made = try sandbox.comity(["synth", "--requests", "1500", "--seed", "3", "--templates", LetterGolden.templates.path], today: today)
        try #require(made.status == 0, "\(made)")
    }

    static func batch(_ sandbox: Sandbox, into folder: URL, templates: URL = LetterGolden.templates, _ extra: [String] = []) throws -> RunResult {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        return try sandbox.comity(["letter", "--all-stalled", "--format", "xml", "--out-dir", folder.path, "--templates", templates.path] + extra,
                                  today: today)
    }

    /// A copy of the templates to change, in the sandbox.
    static func copyTemplates(_ sandbox: Sandbox) throws -> URL {
        let templates = sandbox.path("templates")
        let copied = try CLI.run(URL(fileURLWithPath: "/bin/cp"), ["-R", LetterGolden.templates.path, templates.path],
                                 in: sandbox.url, environment: CLI.environment([:]))
        try #require(copied.status == 0, "\(copied)")
        return templates
    }

    /// Puts `replacement` in place of `text` in the copied template `name`, which must contain it.
    static func edit(_ templates: URL, _ name: String, replacing text: String, with replacement: String) throws {
        let file = templates.appendingPathComponent(name)
        let source = try String(contentsOf: file, encoding: .utf8)
        try #require(source.contains(text), "\(name) has \(text)")
        try Data(source.replacingOccurrences(of: text, with: replacement).utf8).write(to: file)
    }

    @Test("every file of the batch is the letter 'comity letter REF --kind K' writes alone")
    func sameAsSingleLetters() throws {
        try withSandbox { sandbox in
            try Self.synth(sandbox)
            let folder = sandbox.path("letters")
            let result = try Self.batch(sandbox, into: folder)
            try #require(result.status == 0, "\(result)")
            let files = try LetterGolden.entries(folder).filter { $0 != "index.html" }
            #expect(files.count > 100, "enough letters to spread over threads")
            // Every tenth letter, to keep the test short; any of them could have been rendered by any thread.
            for file in files.enumerated().filter({ $0.offset % 10 == 0 }).map(\.element) {
                let parts = file.components(separatedBy: ".")
                let single = try sandbox.comity(["letter", parts[0], "--kind", parts[1], "--format", "xml", "--templates", LetterGolden.templates.path],
                                                today: Self.today)
                try #require(single.status == 0, "\(single)")
                #expect(Data(single.stdout.utf8) == (try Data(contentsOf: folder.appendingPathComponent(file))), "\(file)")
            }
        }
    }

    @Test("a letter that cannot be written in the middle of a batch leaves no file and issues nothing")
    func failureLeavesNothing() throws {
        try withSandbox { sandbox in
            try Self.synth(sandbox)
            let good = try Self.batch(sandbox, into: sandbox.path("good"))
            try #require(good.status == 0, "\(good)")
            // Letters are in the order of their requests, as their file names sort.
            let kinds = try LetterGolden.entries(sandbox.path("good")).filter { $0 != "index.html" }.map { $0.components(separatedBy: ".")[1] }
            let kind = try #require(kinds.first { kind in (kinds.firstIndex(of: kind) ?? 0) > 0 }, "a form that is not the first letter's")

            let templates = try Self.copyTemplates(sandbox)
            try Self.edit(templates, "en/letter/\(kind).xml.mustache",
                          replacing: "{{> shared/letter-front.xml}}", with: "  <unexpected/>\n{{> shared/letter-front.xml}}")

            let before = try CLI.dump(sandbox.db)
            for (name, extra) in [("preview", [String]()), ("issued", ["--issue"])] {
                let folder = sandbox.path(name)
                let result = try Self.batch(sandbox, into: folder, templates: templates, extra)
                #expect(result.status == 70, "\(result)")
                #expect(result.stderr.contains("produced is not valid against schemas/letter.xsd, so it was not written"), "\(result)")
                #expect(result.stderr.split(separator: "\n").count == 1, "one sentence: \(result.stderr)")
                #expect(try LetterGolden.entries(folder) == [], "no letter, no index, no hidden file left behind")
            }
            #expect(try CLI.dump(sandbox.db) == before, "nothing issued")
        }
    }

    @Test("an index that shows each letter's digest lists the SHA-256 of its file; one that shows none is the same page")
    func indexDigests() throws {
        try withSandbox { sandbox in
            try Self.synth(sandbox)
            // The standard index names no digest, so it is written while the last letters render.
            let plain = try Self.batch(sandbox, into: sandbox.path("plain"))
            try #require(plain.status == 0, "\(plain)")

            let templates = try Self.copyTemplates(sandbox)
            // The index template lists each letter's file; `.sha256`: a name found only on the row
            // itself still counts as asking for the digest.
            let row = "<td><a href=\"{{file}}\">{{kind}}</a></td>"
            try Self.edit(templates, "report/letter-index.html.mustache", replacing: row, with: row + "<td class=\"digest\">{{.sha256}}</td>")
            let digests = try Self.batch(sandbox, into: sandbox.path("digests"), templates: templates)
            try #require(digests.status == 0, "\(digests)")

            let shown = try String(contentsOf: sandbox.path("digests/index.html"), encoding: .utf8)
            let files = try LetterGolden.entries(sandbox.path("digests")).filter { $0 != "index.html" }
            #expect(files.count > 100)
            for file in files.enumerated().filter({ $0.offset % 25 == 0 }).map(\.element) {
                let sum = try CLI.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [sandbox.path("digests/\(file)").path],
                                      in: sandbox.url, environment: CLI.environment([:]))
                try #require(sum.status == 0, "\(sum)")
                let digest = String(sum.stdout.prefix(64))
                #expect(shown.contains("<a href=\"\(file)\">") && shown.contains("<td class=\"digest\">\(digest)</td>"), "\(file): \(digest)")
            }
            // Without the digests, the two pages are the same, letter for letter and reason for reason.
            let stripped = shown.replacingOccurrences(of: #"<td class="digest">[0-9a-f]{64}</td>"#, with: "", options: .regularExpression)
            #expect(stripped == (try String(contentsOf: sandbox.path("plain/index.html"), encoding: .utf8)))
        }
    }
}

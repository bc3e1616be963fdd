import Foundation
import Testing

/// Every kind of HTML document, in every language with letter templates, on an unclassified and a
/// secret world, printed to PDF by headless Chromium and read back with poppler: a mark heads and
/// ends every page, no page is blank, no text lies under a mark or is lost, headings stay with
/// their first finding and findings are not split across pages.
@Suite("printing every document to PDF")
struct PrintTests {
    static let asOf = "2011-11-28"
    static let synthToday = "2026-12-01"
    static let templates = LetterGolden.templates
    /// Where the suite leaves pictures of printed documents for a reader (named in the README).
    static let screenshots = LetterGolden.repository.appendingPathComponent("docs/screenshots", isDirectory: true)

    /// One document to print.
    struct Job: Sendable {
        var name: String
        var html: URL
        /// The mark every page must carry, when the test knows it in advance (English documents).
        var mark: String?
        /// Documents whose marks must agree: the same world, language and kind of document.
        var family: String
        var isReport = false
    }

    /// The languages with letter templates: every folder of `templates/` that holds a `letter` folder.
    static func languages() throws -> [String] {
        let fm = FileManager.default
        return try fm.contentsOfDirectory(atPath: templates.path).filter { name in
            var folder: ObjCBool = false
            return fm.fileExists(atPath: templates.appendingPathComponent("\(name)/letter").path, isDirectory: &folder) && folder.boolValue
        }.sorted()
    }

    /// The kinds of letter a language has an HTML template for.
    static func kinds(_ language: String) throws -> [String] {
        let suffix = ".html.mustache"
        return try FileManager.default.contentsOfDirectory(atPath: templates.appendingPathComponent("\(language)/letter").path)
            .filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    @Test("every document of every language prints with its mark on every page and no text lost")
    func everyDocumentPrints() throws {
        try PrintedDocument.Tools.require()
        let languages = try Self.languages()
        try #require(languages.contains("en") && languages.contains("ja"), "templates/ lists \(languages)")
        try withSandbox { sandbox in
            var jobs: [Job] = []
            for (world, classification, mark) in [("unclassified", "unclassified", "UNCLASSIFIED"), ("secret", "secret", "SECRET")] {
                jobs += try Self.demoJobs(sandbox, world: world, classification: classification, mark: mark, languages: languages)
            }
            jobs += try Self.synthJobs(sandbox)
            jobs += try Self.replyJobs(sandbox)
            let printed = try Self.print(jobs, in: sandbox)
            for (job, document) in zip(jobs, printed) { try Self.check(job, document) }
            try Self.checkFamilies(jobs)

            for document in printed where document.name == "secret/brief" {
                try document.screenshot(named: "brief", in: Self.screenshots)
            }
            for document in printed where document.name.hasPrefix("secret/letter-") && document.name.hasSuffix("-note-verbale") {
                let language = document.name.dropFirst("secret/letter-".count).dropLast("-note-verbale".count)
                try document.screenshot(named: "note-verbale-\(language)", in: Self.screenshots)
            }
            for document in printed where document.name == "synth/stall" {
                try document.screenshot(named: "stall-report", in: Self.screenshots)
            }
        }
    }

    /// The demo world with the MHI case, request and reply set to `classification`: letters of
    /// every kind and language, the batch index of each language, the stall report and the brief.
    static func demoJobs(_ sandbox: Sandbox, world: String, classification: String, mark: String, languages: [String]) throws -> [Job] {
        let folder = sandbox.path(world)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let db = folder.appendingPathComponent("comity.sqlite").path
        func run(_ arguments: [String]) throws {
            let result = try sandbox.comity(arguments, db: db, today: asOf, environment: ["COMITY_TEMPLATES": templates.path])
            try #require(result.status == 0, "comity \(arguments.joined(separator: " ")): \(result)")
        }
        try run(["demo"])
        // And China's request to us, which the brief names beside it.
        for (record, id) in [("case", "MHI-2011"), ("request", "JP-MHI-2011-001"), ("reply", "1"),
                             ("case", "CN-FRAUD-2011"), ("request", "JP-IN-2011-001"), ("reply", "3")] {
            try run(["edit", record, id, "--classification", classification, "--reason", "classified for the print test"])
        }
        var jobs: [Job] = []
        func add(_ name: String, language: String, family: String, report: Bool = false) -> URL {
            let html = folder.appendingPathComponent("\(name).html")
            jobs.append(Job(name: "\(world)/\(name)", html: html, mark: language == "en" ? mark : nil, family: "\(world)/\(language)/\(family)", isReport: report))
            return html
        }
        for language in languages {
            // The demo's request is one we sent: its letters climb the ladder (reply letters print in `replyJobs`).
            for kind in try kinds(language) where !ReplyLetterWorld.kinds.contains(kind) {
                let out = add("letter-\(language)-\(kind)", language: language, family: "letter")
                try run(["letter", "JP-MHI-2011-001", "--kind", kind, "--lang", language, "--format", "html", "--as-of", asOf, "--out", out.path])
            }
            let batch = folder.appendingPathComponent("batch-\(language)")
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: false)
            try run(["letter", "--all-stalled", "--lang", language, "--format", "html", "--as-of", asOf, "--out-dir", batch.path])
            jobs.append(Job(name: "\(world)/batch-\(language)/index", html: batch.appendingPathComponent("index.html"), mark: language == "en" ? mark : nil,
                            family: "\(world)/index-\(language)"))
        }
        try run(["report", "stall", "--as-of", asOf, "--format", "html", "--out", add("stall", language: "en", family: "report", report: true).path])
        try run(["report", "stall", "--as-of", asOf, "--before", "NODA-BEIJING-2011", "--format", "html",
                 "--out", add("brief", language: "en", family: "report", report: true).path])
        return jobs
    }

    /// The golden reply letters (`ReplyLetterCLITests`: every kind and language, restricted),
    /// copied into the sandbox so that their PDFs are written there.
    static func replyJobs(_ sandbox: Sandbox) throws -> [Job] {
        let folder = sandbox.path("reply")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        return try ReplyLetterWorld.cases.filter { $0.format == "html" }.map { letter in
            let html = folder.appendingPathComponent(letter.fileName)
            try FileManager.default.copyItem(at: ReplyLetterWorld.folder.appendingPathComponent(letter.fileName), to: html)
            return Job(name: "reply/\(letter.fileName)", html: html, mark: letter.lang == "en" ? "RESTRICTED" : nil, family: "reply/\(letter.lang)/letter")
        }
    }

    /// A synthetic world, secret: a stall report long enough to run over many pages, a brief for
    /// China, and the batch index, which names secret requests it skipped.
    static func synthJobs(_ sandbox: Sandbox) throws -> [Job] {
        let folder = sandbox.path("synth")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let db = folder.appendingPathComponent("comity.sqlite").path
        func run(_ arguments: [String]) throws -> RunResult {
            let result = try sandbox.comity(arguments, db: db, today: synthToday, environment: ["COMITY_TEMPLATES": templates.path])
            try #require(result.status == 0, "comity \(arguments.joined(separator: " ")): \(result)")
            return result
        }
        _ = try run(["synth", "--requests", "400", "--seed", "2", "--no-letters"])
        let engagements = try run(["engagement", "list", "--counterpart", "CN"]).lines.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        // The first engagement with China still to come: the brief prepares for it.
        let next = try #require(engagements.first { $0.count > 3 && $0[1] == "CN" && String($0[3]) >= synthToday }, "no engagement with China ahead")
        var jobs: [Job] = []
        // The brief is marked as the highest of the requests it names, which need not be secret.
        for (name, extra, mark) in [("stall", [String](), "SECRET" as String?), ("brief-cn", ["--before", String(next[0])], nil)] {
            let out = folder.appendingPathComponent("\(name).html")
            _ = try run(["report", "stall", "--format", "html", "--out", out.path] + extra)
            jobs.append(Job(name: "synth/\(name)", html: out, mark: mark, family: "synth/\(name)", isReport: true))
        }
        let batch = folder.appendingPathComponent("batch-en")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: false)
        _ = try run(["letter", "--all-stalled", "--lang", "en", "--format", "html", "--out-dir", batch.path])
        // The index names secret requests it wrote no letter for: it is marked as they are.
        jobs.append(Job(name: "synth/batch-en/index", html: batch.appendingPathComponent("index.html"), mark: "SECRET", family: "synth/index"))
        return jobs
    }

    /// Prints every job, a few Chromium processes at a time, and reads the pages back.
    static func print(_ jobs: [Job], in sandbox: Sandbox) throws -> [PrintedDocument] {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var documents: [Int: PrintedDocument] = [:]
            var failures: [String] = []
        }
        let results = Results()
        let profiles = sandbox.path("profiles")
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            var document = PrintedDocument(name: job.name, html: job.html, pdf: job.html.deletingPathExtension().appendingPathExtension("pdf"))
            do {
                try PrintedDocument.print(job.html, to: document.pdf, profile: profiles.appendingPathComponent("\(index)"))
                try document.read()
                results.lock.withLock { results.documents[index] = document }
            } catch {
                results.lock.withLock { results.failures.append("\(job.name): \(error)") }
            }
        }
        try #require(results.failures.isEmpty, "\(results.failures.joined(separator: "\n"))")
        return try jobs.indices.map { try #require(results.documents[$0]) }
    }

    /// The checks every printed document must pass.
    static func check(_ job: Job, _ document: PrintedDocument) throws {
        let html = try HTMLText(job.html)
        let mark = try #require(html.text(ofClass: "mark top"), "\(job.name) has no mark")
        #expect(!mark.isEmpty && html.text(ofClass: "mark bottom") == mark, "\(job.name): top and bottom marks differ")
        if let expected = job.mark { #expect(mark == expected, "\(job.name) is marked \(mark), not \(expected)") }

        for page in document.pages.indices {
            let lines = document.lines(page)
            #expect(lines.first == mark, "\(job.name) page \(page + 1) does not begin with the mark \(mark): \(lines.prefix(2))")
            #expect(lines.last == mark, "\(job.name) page \(page + 1) does not end with the mark \(mark): \(lines.suffix(2))")
            #expect(lines.count > 2, "\(job.name) page \(page + 1) is blank but for its marks")
            let under = lines.filter { $0 != mark && $0.contains(mark) }
            #expect(under.isEmpty, "\(job.name) page \(page + 1): text on a mark's line: \(under)")
        }
        let missing = Self.missing(html.words, from: document.bodyLines(mark: mark).flatMap { $0 })
        #expect(missing.isEmpty, "\(job.name): text of the document missing from the printed pages: \(missing.prefix(20))")
        if job.isReport { try checkReportLayout(job, html, document, mark: mark) }
    }

    /// A report's pages: headings kept with their first finding, findings whole, several to a page.
    static func checkReportLayout(_ job: Job, _ html: HTMLText, _ document: PrintedDocument, mark: String) throws {
        let pages = document.bodyLines(mark: mark)
        func page(where test: (String) -> Bool) -> Int? { pages.firstIndex { $0.contains(where: test) } }
        let sections = html.html.components(separatedBy: "<section class=\"counterpart\"").dropFirst()
        var references: [String] = []
        for section in sections {
            let chunk = HTMLText(markup: String(section))
            let heading = try #require(chunk.texts(of: "h2").first, "\(job.name): a counterpart without a heading")
            // A finding's heading is the first of its article: h3, or h4 under a heading of its direction.
            let found = section.components(separatedBy: "<article").dropFirst().compactMap { article in
                let finding = HTMLText(markup: article.components(separatedBy: "</article>")[0])
                return (finding.texts(of: "h3") + finding.texts(of: "h4")).first?.split(separator: ":").first.map(String.init)
            }
            references += found
            let first = try #require(found.first, "\(job.name): counterpart \(heading) lists no finding")
            let headingPage = try #require(page { $0 == heading }, "\(job.name): heading \(heading) is not printed")
            #expect(page { $0.hasPrefix("\(first):") } == headingPage, "\(job.name): heading \(heading) is on page \(headingPage + 1), its first finding \(first) is not")
        }
        // A finding split over two pages leaves its heading on one page and its next step on the next.
        for (index, lines) in pages.enumerated() {
            let heads = lines.filter { line in references.contains { line.hasPrefix("\($0):") } }.count
            let steps = lines.filter { $0.hasPrefix("Next step:") || $0.hasPrefix("Our next step:") }.count
            #expect(heads == steps, "\(job.name) page \(index + 1): \(heads) finding(s) begin, \(steps) end: a finding is split")
        }
        // A brief's ledger, with its two charts, takes a page of its own.
        let ledger = job.name.hasSuffix("/brief") ? 1 : 0
        #expect(pages.count <= 1 + ledger + (references.count + 1) / 2, "\(job.name): \(references.count) findings take \(pages.count) pages")
        if !references.isEmpty {
            #expect(pages[0].contains("By counterpart"), "\(job.name): the summary does not fit on the first page")
        }
    }

    /// The words of `expected` that `printed` lacks (or holds fewer times). Words are runs of
    /// letters and digits, since a line may break after a hyphen and punctuation may cling to
    /// either side; a character of a script written without spaces is a word of its own, since a
    /// line may break between any two.
    static func missing(_ expected: [String], from printed: [String]) -> [String] {
        func tally(_ lines: [String]) -> [String: Int] {
            var words: [String: Int] = [:]
            var current = ""
            func flush() { if !current.isEmpty { words[current, default: 0] += 1; current = "" } }
            for line in lines {
                for c in line {
                    if c.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                        flush()
                        words[String(c), default: 0] += 1
                    } else if c.isLetter || c.isNumber {
                        current.append(c)
                    } else {
                        flush()
                    }
                }
                flush()
            }
            return words
        }
        let want = tally(expected)
        let have = tally(printed)
        return want.filter { have[$0.key, default: 0] < $0.value }.map(\.key).sorted()
    }

    /// Documents of one family (world, language, kind of document) carry one mark, and the secret
    /// world's differ from the unclassified world's.
    static func checkFamilies(_ jobs: [Job]) throws {
        var marks: [String: Set<String>] = [:]
        for job in jobs {
            marks[job.family, default: []].insert(try #require(try HTMLText(job.html).text(ofClass: "mark top")))
        }
        for (family, found) in marks {
            #expect(found.count == 1, "\(family) documents carry different marks: \(found.sorted())")
            if family.hasPrefix("secret/") {
                let unclassified = marks["unclassified/" + family.dropFirst("secret/".count)]
                #expect(unclassified != nil && unclassified != found, "\(family) is marked \(found.sorted()) in both worlds")
            }
        }
    }
}

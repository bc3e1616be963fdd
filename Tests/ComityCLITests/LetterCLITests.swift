import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Golden files and helpers of the letter CLI tests.
///
/// `Tests/Golden/letters/` holds the exact output of `comity letter JP-MHI-2011-001 --kind K --lang L
/// --format F --as-of 2011-11-28` on the demo database (previews, today 2011-11-28): five kinds, two
/// languages, two formats, 20 files, compared byte for byte. After a deliberate change to the letter
/// templates, the composer or the demo, regenerate them with
///
///     COMITY_UPDATE_GOLDEN=1 swift test --scratch-path .build-letters --filter LetterCLITests
///
/// which rewrites the files instead of comparing them; read the new letters and the diff before
/// committing: they are what a ministry signs.
enum LetterGolden {
    /// The package root, found from this file (`Tests/ComityCLITests/…`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Tests/Golden/letters", isDirectory: true)
    static let templates = repository.appendingPathComponent("templates", isDirectory: true)
    static let schema = templates.appendingPathComponent("schemas/letter.xsd")
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
    static var updating: Bool { ProcessInfo.processInfo.environment["COMITY_UPDATE_GOLDEN"] == "1" }

    static let request = DemoWorld.mhiRequest
    static let date = "2011-11-28"

    /// One golden letter.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var lang: String
        var format: String
        var fileName: String { "\(LetterGolden.request).\(kind).\(lang).\(format)" }
        var arguments: [String] { ["--kind", kind, "--lang", lang, "--format", format] }
        var testDescription: String { "\(kind) \(lang) \(format)" }
    }

    /// How each language marks a draft, writes the golden letters' date and their mark.
    static let words: [String: (draft: String, date: String, mark: String)] = [
        "en": ("DRAFT — NOT ISSUED", "28 November 2011", "RESTRICTED"),
        "ja": ("案（未発出）", "平成23年11月28日", "取扱注意"),
        "zh-Hans": ("草稿（未发出）", "2011年11月28日", "注意处理"),
    ]

    static let kinds = ["reminder", "note-verbale", "aide-memoire", "ministerial", "talking-points"]
    static let cases: [Case] = kinds.flatMap { kind in
        ["en", "ja", "zh-Hans"].flatMap { lang in ["xml", "html"].map { Case(kind: kind, lang: lang, format: $0) } }
    }

    /// Compares `actual` with the golden file `name` (of `folder`), or rewrites it when updating.
    static func check(_ actual: String, against name: String, in folder: URL = folder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: url.path), "no golden file \(name); run with COMITY_UPDATE_GOLDEN=1 to create it",
            sourceLocation: sourceLocation)
        #expect(Data(actual.utf8) == expected,
                "output differs from Tests/Golden/\(folder.lastPathComponent)/\(name):\n\(firstDifference(actual, String(decoding: expected, as: UTF8.self)))",
                sourceLocation: sourceLocation)
    }

    /// The golden file `name`, if it exists and is not being rewritten.
    static func golden(_ name: String) -> String? {
        guard !updating, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.components(separatedBy: "\n")
        let e = expected.components(separatedBy: "\n")
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? a[index] : "<end>"
            let right = index < e.count ? e[index] : "<end>"
            if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
        }
        return "(same lines; line endings or final newline differ)"
    }

    /// Validates a letter against letter.xsd with the library and, when installed, with xmllint.
    static func validate(_ xml: String, in sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLNode {
        try XMLSchema(path: schema.path).validate(xml, documentName: "letter")
        if FileManager.default.isExecutableFile(atPath: xmllint.path) {
            let file = sandbox.path("lint-\(UUID().uuidString).xml")
            try Data(xml.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try lint(file, in: sandbox, sourceLocation: sourceLocation)
        }
        return try SafeXMLParser(maxBytes: 1 << 24).parse(xml, documentName: "letter")
    }

    /// `xmllint --schema letter.xsd FILE`, which must accept it.
    static func lint(_ file: URL, in sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try CLI.run(xmllint, ["--noout", "--nonet", "--schema", schema.path, file.path],
                                 in: sandbox.url, environment: CLI.environment([:]))
        #expect(result.status == 0 && result.stderr.contains("validates"), "xmllint refused \(file.lastPathComponent): \(result)",
                sourceLocation: sourceLocation)
    }

    /// SHA-256 of a file by `/usr/bin/sha256sum`, independent of Comity.
    static func sha256(_ file: URL, in sandbox: Sandbox) throws -> String {
        let result = try CLI.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path], in: sandbox.url, environment: CLI.environment([:]))
        try #require(result.status == 0, "\(result)")
        return String(result.stdout.prefix { $0 != " " })
    }

    static func sha256(text: String, in sandbox: Sandbox) throws -> String {
        let file = sandbox.path("digest-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try sha256(file, in: sandbox)
    }

    /// A file's bytes as text.
    static func read(_ file: URL) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: file.path), "no file \(file.path)"), as: UTF8.self)
    }

    /// The entries of a folder, sorted.
    static func entries(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// `sqlite3 DB SQL`.
    static func sql(_ sandbox: Sandbox, _ statement: String) throws -> RunResult {
        try CLI.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [sandbox.db.path, statement], in: sandbox.url, environment: CLI.environment([:]))
    }
}

extension Sandbox {
    /// `comity letter …` with the repository's templates, on `today`.
    func letter(_ arguments: [String], today: String = LetterGolden.date) throws -> RunResult {
        try comity(["letter"] + arguments + ["--templates", LetterGolden.templates.path], today: today)
    }

    /// `comity demo`, checked.
    func makeLetterDemo() throws {
        let made = try comity(["demo"], today: LetterGolden.date)
        try #require(made.status == 0, "comity demo failed: \(made)")
    }
}

/// A constructed world for CLI letter tests, built through the library into a sandbox's database:
/// Japan and China (with Japanese names), Japan's central authority, foreign ministry and embassy,
/// China's central authority and foreign ministry, the treaty, a case, and request JP-R-001 sent on
/// 2011-09-01. Each piece a letter needs can be left out.
enum LetterCLIWorld {
    static let request = "JP-R-001"

    struct Options {
        var embassy = true
        var namesJa = true
        var basis = true
        var theirReference = true
        var sent = "2011-09-01"
    }

    static func date(_ iso: String) -> CalendarDate {
        do { return try CalendarDate(iso: iso) } catch { preconditionFailure("bad date \(iso)") }
    }

    @discardableResult
    static func build(_ sandbox: Sandbox, _ options: Options = Options()) throws -> ComityStore {
        let store = try ComityStore.create(at: sandbox.db.path)
        let setup = Clerk(name: "Sato", today: date("2000-01-01"))
        func translate(_ subject: Event.Subject, _ id: String, _ values: [TranslatedField: [String]], on day: String = "2000-01-01") throws {
            try store.translate(subject, id, lang: "ja", values, reason: "translation", clearance: .secret, by: Clerk(name: "Sato", today: date(day)))
        }
        try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: setup)
        try store.addParty(Party(code: "CN", name: "China", formalName: "People's Republic of China"), by: setup)
        try translate(.party, "JP", [.name: ["日本国"]])
        try translate(.party, "CN", [.name: ["中華人民共和国"]])
        var authorities: [(Authority, [String])] = [
            (Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority, city: "Tokyo",
                       head: .init(title: "Chairman of the National Public Safety Commission", name: "Kenji Yamaoka")),
             ["国家公安委員会", "東京", "国家公安委員会委員長", "山岡賢次"]),
            (Authority(id: "JP-MOFA", party: "JP", name: "Ministry of Foreign Affairs of Japan", role: .foreignMinistry, city: "Tokyo"), ["外務省", "東京"]),
            (Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security of the People's Republic of China",
                       role: .centralAuthority, city: "Beijing", head: .init(title: "Minister of Public Security", name: "Meng Jianzhu")),
             ["中華人民共和国公安部", "北京", "公安部長", "孟建柱"]),
            (Authority(id: "CN-MFA", party: "CN", name: "Ministry of Foreign Affairs of the People's Republic of China",
                       role: .foreignMinistry, city: "Beijing"), ["中華人民共和国外交部", "北京"]),
        ]
        if options.embassy {
            authorities.append((Authority(id: "JP-EMB-CN", party: "JP", name: "Embassy of Japan in the People's Republic of China",
                                          role: .embassy, city: "Beijing", postedTo: "CN",
                                          head: .init(title: "Ambassador of Japan to the People's Republic of China", name: "Uichiro Niwa")),
                                ["在中華人民共和国日本国大使館", "北京", "駐中華人民共和国日本国特命全権大使", "丹羽宇一郎"]))
        }
        for (a, japanese) in authorities {
            try store.addAuthority(a, by: setup)
            try translate(.authority, a.id, [.city: [japanese[1]]])
            guard options.namesJa else { continue }
            try translate(.authority, a.id, Dictionary(uniqueKeysWithValues: zip([TranslatedField.name, .headTitle, .headName], ([japanese[0]] + japanese.dropFirst(2)).map { [$0] })))
        }
        try store.addBasis(LegalBasis(
            id: "JP-CN-MLAT", instrument: "Treaty between Japan and the People's Republic of China on Mutual Legal Assistance in Criminal Matters",
            kind: .bilateralTreaty,
            parties: [.init(party: "JP", from: date("2008-11-23")), .init(party: "CN", from: date("2008-11-23"))]), by: setup)
        try translate(.basis, "JP-CN-MLAT", [.instrument: ["刑事に関する共助に関する日本国と中華人民共和国との間の条約"]])
        try store.addCase(Case(
            id: "CASE-L", title: "Intrusion into a test company", leadAuthority: "JP-NPSC", offence: "Unauthorised computer access",
            incidentDate: date("2011-01-03"), discoveryDate: date("2011-01-03")), by: Clerk(name: "Sato", today: date("2011-01-03")))
        try translate(.case, "CASE-L", [.title: ["試験会社に対する不正アクセス事件"]], on: "2011-01-03")
        try store.addRequest(Request(
            reference: request, caseID: "CASE-L", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
            basisID: options.basis ? "JP-CN-MLAT" : nil, subject: "Tracing the source of an intrusion",
            items: ["Identify the servers", "Provide the access logs"], sentDate: date(options.sent),
            counterpartReference: options.theirReference ? "MPS-2011-0001" : nil),
            by: Clerk(name: "Sato", today: date(options.sent)))
        try translate(.request, request, [.subject: ["不正アクセス事件の発信源の追跡"], .items: ["サーバを特定すること", "アクセスログを提供すること"]], on: options.sent)
        return store
    }
}

// MARK: - Golden letters

@Suite("comity letter: golden letters of the demo")
struct LetterGoldenTests {
    @Test("golden preview of JP-MHI-2011-001 as of 2011-11-28", arguments: LetterGolden.cases)
    func golden(_ letter: LetterGolden.Case) throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let result = try sandbox.letter([LetterGolden.request, "--as-of", LetterGolden.date] + letter.arguments)
            try #require(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty)
            try LetterGolden.check(result.stdout, against: letter.fileName)

            // Whatever the golden file says: a draft of the right kind, language and date.
            if letter.format == "xml" {
                let root = try LetterGolden.validate(result.stdout, in: sandbox)
                #expect(root.name == "letter")
                #expect(root.attribute("kind") == letter.kind && root.attribute("lang") == letter.lang)
                #expect(root.attribute("draft") == "true" && root.attribute("number") == nil)
                #expect(root.attribute("date") == LetterGolden.date && root.attribute("classification") == "restricted")
            } else {
                #expect(result.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(letter.lang)\">"))
                #expect(result.stdout.contains(LetterGolden.words[letter.lang]!.draft))
            }
            let words = LetterGolden.words[letter.lang]!
            #expect(result.stdout.contains(words.date) && result.stdout.contains(words.mark))
            if letter.lang == "ja" { #expect(!result.stdout.contains("2011年"), "no Western-year Japanese dates") }

            // --out writes the same bytes.
            let out = sandbox.path("letter.\(letter.format)")
            let written = try sandbox.letter([LetterGolden.request, "--as-of", LetterGolden.date, "--out", out.path] + letter.arguments)
            try #require(written.status == 0, "\(written)")
            #expect(written.stdout.isEmpty)
            #expect(try Data(contentsOf: out) == Data(result.stdout.utf8))
        }
    }

    @Test("every XML golden file validates against letter.xsd (library and xmllint)",
          arguments: LetterGolden.cases.filter { $0.format == "xml" })
    func goldenValidates(_ letter: LetterGolden.Case) throws {
        guard !LetterGolden.updating else { return }
        try withSandbox { sandbox in
            let file = LetterGolden.folder.appendingPathComponent(letter.fileName)
            let xml = try LetterGolden.read(file)
            try XMLSchema(path: LetterGolden.schema.path).validate(xml, documentName: letter.fileName)
            if FileManager.default.isExecutableFile(atPath: LetterGolden.xmllint.path) {
                try LetterGolden.lint(file, in: sandbox)
            }
        }
    }

    @Test("the golden folder holds exactly the 30 letters: five kinds, two formats, three languages")
    func goldenSetIsComplete() throws {
        guard !LetterGolden.updating else { return }
        let names = try LetterGolden.entries(LetterGolden.folder)
        #expect(names == LetterGolden.cases.map(\.fileName).sorted())
        #expect(names.count == 30)
    }

    @Test("without --kind the demo's MHI request gets talking points: the Noda visit is in the look-ahead window")
    func recommendedKind() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let result = try sandbox.letter([LetterGolden.request, "--as-of", LetterGolden.date, "--format", "html"])
            try #require(result.status == 0, "\(result)")
            if let golden = LetterGolden.golden("\(LetterGolden.request).talking-points.en.html") {
                #expect(result.stdout == golden)
            }
            #expect(result.stdout.contains("<body class=\"letter talking-points\">"))
        }
    }
}

// MARK: - Refusals

@Suite("comity letter: refusals list everything missing")
struct LetterRefusalCLITests {
    enum Refusal: String, CaseIterable, CustomTestStringConvertible {
        case noBasis, noEmbassy, noJapaneseNames, everything

        var options: LetterCLIWorld.Options {
            var o = LetterCLIWorld.Options()
            switch self {
            case .noBasis: o.basis = false
            case .noEmbassy: o.embassy = false
            case .noJapaneseNames: o.namesJa = false
            case .everything:
                o.basis = false
                o.theirReference = false
                o.namesJa = false
                o.embassy = false
            }
            return o
        }

        var arguments: [String] {
            switch self {
            case .noBasis: return ["--kind", "ministerial", "--lang", "en", "--format", "xml"]
            case .noEmbassy: return ["--kind", "note-verbale", "--lang", "en", "--format", "html"]
            case .noJapaneseNames: return ["--kind", "reminder", "--lang", "ja", "--format", "html"]
            case .everything: return ["--kind", "reminder", "--lang", "ja", "--format", "xml"]
            }
        }

        /// Every phrase the one error line must hold.
        var missing: [String] {
            let basis = "the legal basis of request \(LetterCLIWorld.request)"
            let names = ["the ja name of authority JP-NPSC", "the ja name of authority CN-MPS"]
            switch self {
            case .noBasis: return [basis]
            case .noEmbassy: return ["the sender: no embassy of JP posted to CN"]
            case .noJapaneseNames: return names
            case .everything: return [basis] + names
            }
        }

        var testDescription: String { rawValue }
    }

    @Test("exit 65, one message listing every missing item, nothing written", arguments: Refusal.allCases)
    func refused(_ refusal: Refusal) throws {
        try withSandbox { sandbox in
            try LetterCLIWorld.build(sandbox, refusal.options)
            let before = try CLI.dump(sandbox.db)
            let filesBefore = try LetterGolden.entries(sandbox.url)
            for extra in [[], ["--issue"]] {
                let out = sandbox.path("letter.out")
                let result = try sandbox.letter([LetterCLIWorld.request, "--as-of", "2011-11-28", "--out", out.path] + refusal.arguments + extra)
                #expect(result.status == 65, "\(result)")
                #expect(result.stdout.isEmpty)
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1, "one message: \(result.stderr)")
                #expect(result.stderr.hasPrefix("comity: cannot produce the "))
                for phrase in refusal.missing { #expect(result.stderr.contains(phrase), "missing \(phrase): \(result.stderr)") }
                let listed = result.stderr.components(separatedBy: "; missing: ").last?.components(separatedBy: "; ") ?? []
                #expect(listed.count == refusal.missing.count, "exactly the missing items: \(listed)")
                #expect(!FileManager.default.fileExists(atPath: out.path), "no letter written")
                #expect(try LetterGolden.entries(sandbox.url) == filesBefore, "no file left behind")
            }
            #expect(try CLI.dump(sandbox.db) == before, "nothing recorded")
            let count = try LetterGolden.sql(sandbox, "SELECT count(*) FROM letter; SELECT count(*) FROM follow_up;")
            #expect(count.stdout == "0\n0\n")
        }
    }
}

// MARK: - The register

@Suite("comity letter: the register")
struct LetterRegisterCLITests {
    @Test("--issue numbers, stores and records; show gives the letter back byte for byte; later letters cite earlier ones")
    func issueShowList() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let ref = LetterGolden.request
            let nvFile = sandbox.path("nv.xml")
            let nv = try sandbox.letter([ref, "--kind", "note-verbale", "--format", "xml", "--as-of", "2011-11-28", "--issue", "--out", nvFile.path])
            try #require(nv.status == 0, "\(nv)")
            let digest = try LetterGolden.sha256(nvFile, in: sandbox)
            #expect(nv.stderr.contains("issued note-verbale JP-EMB-CN/2011/0001 (SHA-256 \(digest))"), "\(nv.stderr)")
            let nvText = try LetterGolden.read(nvFile)
            let root = try LetterGolden.validate(nvText, in: sandbox)
            #expect(root.attribute("draft") == "false" && root.attribute("number") == "JP-EMB-CN/2011/0001")
            if let preview = LetterGolden.golden("\(ref).note-verbale.en.xml") {
                #expect(nvText == preview.replacingOccurrences(of: "draft=\"true\"", with: "draft=\"false\" number=\"JP-EMB-CN/2011/0001\""),
                        "the issued letter is the preview with its number")
            }

            let shown = try sandbox.comity(["letter", "show", "JP-EMB-CN/2011/0001"], today: "2011-11-28")
            try #require(shown.status == 0, "\(shown)")
            #expect(Data(shown.stdout.utf8) == (try Data(contentsOf: nvFile)), "show gives the stored document byte for byte")
            let shownFile = sandbox.path("shown.xml")
            let shownOut = try sandbox.comity(["letter", "show", "JP-EMB-CN/2011/0001", "--out", shownFile.path], today: "2011-11-28")
            try #require(shownOut.status == 0, "\(shownOut)")
            #expect(try Data(contentsOf: shownFile) == Data(contentsOf: nvFile))

            let info = try sandbox.comity(["letter", "show", "JP-EMB-CN/2011/0001", "--info"], today: "2011-11-28")
            try #require(info.status == 0, "\(info)")
            let fields = Dictionary(uniqueKeysWithValues: info.lines.map { line -> (String, String) in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            })
            #expect(fields["number"] == "JP-EMB-CN/2011/0001")
            #expect(fields["request"] == ref && fields["sender"] == "JP-EMB-CN" && fields["kind"] == "note-verbale")
            #expect(fields["language"] == "en" && fields["format"] == "xml" && fields["date"] == "2011-11-28")
            #expect(fields["classification"] == "restricted")
            #expect(fields["sha-256"] == digest, "the stored SHA-256 is the digest of the document")

            // The same sender takes the next number; the Japanese aide-mémoire cites the note by number and date.
            let am = try sandbox.letter([ref, "--kind", "aide-memoire", "--lang", "ja", "--format", "html", "--as-of", "2011-11-28", "--issue"])
            try #require(am.status == 0, "\(am)")
            #expect(am.stderr.contains("issued aide-memoire JP-EMB-CN/2011/0002 "))
            #expect(am.stdout.contains("<p class=\"entry\">平成23年11月28日付け口上書第JP-EMB-CN/2011/0001号</p>"))
            #expect(am.stdout.contains("<p class=\"number\">第JP-EMB-CN/2011/0002号</p>"))

            // Another sender has its own sequence.
            let ml = try sandbox.letter([ref, "--kind", "ministerial", "--format", "html", "--as-of", "2011-11-28", "--issue"])
            try #require(ml.status == 0, "\(ml)")
            #expect(ml.stderr.contains("issued ministerial JP-NPSC/2011/0001 "))
            #expect(ml.stdout.contains("Note verbale No. JP-EMB-CN/2011/0001 of 28 November 2011"))
            #expect(ml.stdout.contains("Aide-mémoire No. JP-EMB-CN/2011/0002 of 28 November 2011"))

            // A new year restarts the sequence.
            let next = try sandbox.letter([ref, "--kind", "note-verbale", "--format", "xml", "--as-of", "2012-01-05", "--issue"], today: "2012-01-05")
            try #require(next.status == 0, "\(next)")
            #expect(next.stderr.contains("issued note-verbale JP-EMB-CN/2012/0001 "))
            let cites = try #require(LetterGolden.validate(next.stdout, in: sandbox).children(named: "citations").first).children(named: "cite")
            #expect(cites.map { $0.attribute("number") } == ["JP-EMB-CN/2011/0001", "JP-EMB-CN/2011/0002", "JP-NPSC/2011/0001"])
            #expect(cites.map { $0.attribute("date") } == ["2011-11-28", "2011-11-28", "2011-11-28"])

            // The register, and each entry's digest against the document `show` gives back.
            let list = try sandbox.comity(["letter", "list", ref, "--format", "json"], today: "2012-01-05")
            try #require(list.status == 0, "\(list)")
            let entries = try #require(try decodeJSON(list.stdout) as? [[String: Any]])
            let numbers = entries.compactMap { $0["number"] as? String }
            #expect(Set(numbers) == ["JP-EMB-CN/2011/0001", "JP-EMB-CN/2011/0002", "JP-NPSC/2011/0001", "JP-EMB-CN/2012/0001"])
            #expect(numbers.count == 4)
            for entry in entries {
                let number = try #require(entry["number"] as? String)
                let document = try sandbox.comity(["letter", "show", number], today: "2012-01-05")
                #expect(try LetterGolden.sha256(text: document.stdout, in: sandbox) == entry["sha256"] as? String, "\(number)")
            }

            // Every letter is a follow-up in the request's history.
            let store = try ComityStore.open(at: sandbox.db.path)
            let events = try store.history(of: ref).filter { $0.action == .followUp }
            for number in numbers { #expect(events.contains { $0.note.contains(number) }, "no follow-up event for \(number)") }
            #expect(try store.followUps(of: ref).map(\.reference).sorted() == numbers.sorted())
            let history = try sandbox.comity(["history", ref], today: "2012-01-05")
            #expect(history.status == 0 && history.stdout.contains("JP-EMB-CN/2012/0001"))
        }
    }

    @Test("an issued letter cannot be changed or deleted in the database")
    func immutable() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let issued = try sandbox.letter([LetterGolden.request, "--kind", "reminder", "--as-of", "2011-11-28", "--issue"])
            try #require(issued.status == 0, "\(issued)")
            let number = "JP-NPSC/2011/0001"
            for statement in [
                "UPDATE letter SET document = 'forged' WHERE number = '\(number)';",
                "UPDATE letter SET sha256 = '00' WHERE number = '\(number)';",
                "UPDATE letter SET number = 'JP-NPSC/2011/0099';",
            ] {
                let result = try LetterGolden.sql(sandbox, statement)
                #expect(result.status != 0, "\(statement) succeeded")
                #expect(result.stderr.contains("an issued letter is never changed"), "\(result)")
            }
            let delete = try LetterGolden.sql(sandbox, "DELETE FROM letter;")
            #expect(delete.status != 0)
            #expect(delete.stderr.contains("an issued letter is never deleted"), "\(delete)")

            let shown = try sandbox.comity(["letter", "show", number], today: "2011-11-28")
            #expect(shown.status == 0 && shown.stdout == issued.stdout, "the letter is unchanged")
            #expect(try LetterGolden.sql(sandbox, "SELECT count(*) FROM letter;").stdout == "1\n")
        }
    }

    @Test("an issued letter cannot be replaced either")
    func notReplaceable() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let issued = try sandbox.letter([LetterGolden.request, "--kind", "reminder", "--as-of", "2011-11-28", "--issue"])
            try #require(issued.status == 0, "\(issued)")
            let replace = try LetterGolden.sql(sandbox, """
                INSERT OR REPLACE INTO letter (number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date,
                                               classification, sha256, document)
                SELECT number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date, classification, sha256, 'forged'
                FROM letter;
                """)
            #expect(replace.status != 0, "the letter was replaced: \(replace)")
            let shown = try sandbox.comity(["letter", "show", "JP-NPSC/2011/0001"], today: "2011-11-28")
            #expect(shown.stdout == issued.stdout, "the letter is unchanged")
        }
    }

    @Test("previews write nothing: the database dump is the same before and after")
    func previewWritesNothing() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let before = try CLI.dump(sandbox.db)
            for kind in LetterGolden.kinds {
                for lang in ["en", "ja"] {
                    let result = try sandbox.letter([LetterGolden.request, "--kind", kind, "--lang", lang, "--as-of", "2011-11-28"])
                    #expect(result.status == 0, "\(result)")
                }
            }
            let out = sandbox.path("preview.xml")
            #expect(try sandbox.letter([LetterGolden.request, "--format", "xml", "--as-of", "2011-11-28", "--out", out.path]).status == 0)
            #expect(FileManager.default.fileExists(atPath: out.path))
            let folder = sandbox.path("batch")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            #expect(try sandbox.letter(["--all-stalled", "--as-of", "2011-11-28", "--out-dir", folder.path]).status == 0)
            #expect(try CLI.dump(sandbox.db) == before)
            let list = try sandbox.comity(["letter", "list", LetterGolden.request, "--format", "json"], today: "2011-11-28")
            #expect(list.status == 0)
            #expect((try decodeJSON(list.stdout) as? [Any])?.isEmpty == true)
        }
    }

    @Test("without --kind: after a reminder is issued the next step is a note verbale, or talking points when a summit is near")
    func ladder() throws {
        try withSandbox { sandbox in
            try LetterCLIWorld.build(sandbox)
            let ref = LetterCLIWorld.request
            let first = try sandbox.letter([ref, "--format", "xml", "--as-of", "2011-10-01"], today: "2011-10-01")
            try #require(first.status == 0, "\(first)")
            #expect(try LetterGolden.validate(first.stdout, in: sandbox).attribute("kind") == "reminder")
            let reminder = try sandbox.letter([ref, "--format", "xml", "--as-of", "2011-10-01", "--issue"], today: "2011-10-01")
            try #require(reminder.status == 0, "\(reminder)")
            #expect(reminder.stderr.contains("issued reminder JP-NPSC/2011/0001 "))

            let next = try sandbox.letter([ref, "--format", "xml", "--as-of", "2011-11-01"], today: "2011-11-01")
            try #require(next.status == 0, "\(next)")
            let note = try LetterGolden.validate(next.stdout, in: sandbox)
            #expect(note.attribute("kind") == "note-verbale")
            #expect(note.children(named: "citations").first?.children(named: "cite").first?.attribute("number") == "JP-NPSC/2011/0001")

            let summit = try sandbox.comity(["engagement", "add", "SUMMIT-2011", "--counterpart", "CN", "--start", "2011-12-10", "--end", "2011-12-11",
                                             "--level", "leaders", "--title", "Summit in Beijing", "--place", "Beijing"], today: "2011-11-01")
            try #require(summit.status == 0, "\(summit)")
            let points = try sandbox.letter([ref, "--format", "xml", "--as-of", "2011-11-01"], today: "2011-11-01")
            try #require(points.status == 0, "\(points)")
            let root = try LetterGolden.validate(points.stdout, in: sandbox)
            #expect(root.attribute("kind") == "talking-points")
            #expect(root.children(named: "engagement").first?.attribute("days-until") == "39")
            let issued = try sandbox.letter([ref, "--format", "html", "--as-of", "2011-11-01", "--issue"], today: "2011-11-01")
            #expect(issued.stderr.contains("issued talking-points JP-MOFA/2011/0001 "), "\(issued)")
        }
    }
}

// MARK: - Letters for every stalled request

@Suite("comity letter --all-stalled")
struct LetterBatchCLITests {
    @Test("on the demo as of 2011-11-28: one letter per stalled request and an index; nothing recorded")
    func demoPreview() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let before = try CLI.dump(sandbox.db)
            let folder = sandbox.path("letters")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let result = try sandbox.letter(["--all-stalled", "--as-of", "2011-11-28", "--out-dir", folder.path])
            try #require(result.status == 0, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("wrote 1 letter(s) and index.html in"))
            let file = "\(LetterGolden.request).talking-points.en.html"
            #expect(try LetterGolden.entries(folder) == [file, "index.html"])
            let letter = try LetterGolden.read(folder.appendingPathComponent(file))
            if let golden = LetterGolden.golden(file) { #expect(letter == golden, "the batch writes the same letter as a single preview") }
            let index = try LetterGolden.read(folder.appendingPathComponent("index.html"))
            #expect(index.contains("<title>Follow-up letters of 28 November 2011</title>"))
            #expect(index.contains("1 letter, drafts, not issued."))
            #expect(index.contains("<tr><td><bdi>JP-MHI-2011-001</bdi></td><td><a href=\"\(file)\">Talking points</a></td><td>draft</td><td><bdi>JP-MOFA</bdi></td></tr>"))
            #expect(!index.contains("Not written"))
            #expect(try CLI.dump(sandbox.db) == before)
        }
    }

    @Test("Japanese XML letters for every stalled request validate")
    func japaneseXML() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let folder = sandbox.path("letters")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let result = try sandbox.letter(["--all-stalled", "--lang", "ja", "--format", "xml", "--as-of", "2011-11-28", "--out-dir", folder.path])
            try #require(result.status == 0, "\(result)")
            let file = "\(LetterGolden.request).talking-points.ja.xml"
            #expect(try LetterGolden.entries(folder) == [file, "index.html"])
            let xml = try LetterGolden.read(folder.appendingPathComponent(file))
            _ = try LetterGolden.validate(xml, in: sandbox)
            if let golden = LetterGolden.golden(file) { #expect(xml == golden) }
        }
    }

    @Test("--issue numbers every letter; a stalled request whose ball is with us is listed as skipped")
    func issueAndSkip() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            func run(_ arguments: [String]) throws {
                let result = try sandbox.comity(arguments, today: "2011-11-28")
                try #require(result.status == 0, "\(result)")
            }
            // Waiting on us: China asked for more on 2011-10-01 (58 days: a supplement loop).
            try run(["request", "add", "JP-MHI-2011-002", "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                     "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Relay servers", "--item", "Identify the relays",
                     "--sent", "2011-09-01"])
            try run(["reply", "add", "JP-MHI-2011-002", "--on", "2011-10-01", "--kind", "supplement-request", "--summary", "Asked for the malware hashes."])
            // Waiting on them: never acknowledged.
            try run(["request", "add", "JP-MHI-2011-003", "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                     "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Command servers", "--item", "Preserve the logs",
                     "--sent", "2011-10-03"])

            let folder = sandbox.path("letters")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let result = try sandbox.letter(["--all-stalled", "--as-of", "2011-11-28", "--out-dir", folder.path, "--issue"])
            try #require(result.status == 0, "\(result)")
            #expect(result.stderr.contains("issued 2 letter(s) and index.html in"))
            #expect(result.stderr.contains("skipped JP-MHI-2011-002: the ball is with us"))
            let files = ["JP-MHI-2011-001.talking-points.en.html", "JP-MHI-2011-003.talking-points.en.html"]
            #expect(try LetterGolden.entries(folder) == files + ["index.html"])

            let index = try LetterGolden.read(folder.appendingPathComponent("index.html"))
            #expect(index.contains("2 letters, issued and entered in the register."))
            #expect(index.contains("<h2>Not written</h2>"))
            #expect(index.contains("<tr><th><bdi>JP-MHI-2011-002</bdi></th><td><bdi>the ball is with us: send the further information"))
            var numbers: [String] = []
            for (reference, file) in zip(["JP-MHI-2011-001", "JP-MHI-2011-003"], files) {
                let list = try sandbox.comity(["letter", "list", reference, "--format", "json"], today: "2011-11-28")
                let entries = try #require(try decodeJSON(list.stdout) as? [[String: Any]])
                #expect(entries.count == 1)
                let number = try #require(entries.first?["number"] as? String)
                numbers.append(number)
                #expect(index.contains("<tr><td><bdi>\(reference)</bdi></td><td><a href=\"\(file)\">Talking points</a></td><td>\(number)</td><td><bdi>JP-MOFA</bdi></td></tr>"))
                let shown = try sandbox.comity(["letter", "show", number], today: "2011-11-28")
                #expect(Data(shown.stdout.utf8) == (try Data(contentsOf: folder.appendingPathComponent(file))), "the file is the registered letter")
                #expect(shown.stdout.contains("<p class=\"number\">No. \(number)</p>"))
            }
            #expect(numbers.sorted() == ["JP-MOFA/2011/0001", "JP-MOFA/2011/0002"])
            let skipped = try sandbox.comity(["letter", "list", "JP-MHI-2011-002", "--format", "json"], today: "2011-11-28")
            #expect((try decodeJSON(skipped.stdout) as? [Any])?.isEmpty == true)
            let store = try ComityStore.open(at: sandbox.db.path)
            #expect(try store.followUps(of: "JP-MHI-2011-002").isEmpty)
            #expect(try store.followUps(of: "JP-MHI-2011-003").map(\.kind) == [.talkingPoints])
        }
    }

    @Test("a missing output folder is refused before anything is written")
    func missingFolder() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let before = try CLI.dump(sandbox.db)
            let result = try sandbox.letter(["--all-stalled", "--as-of", "2011-11-28", "--out-dir", sandbox.path("nowhere").path, "--issue"])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("does not exist"))
            #expect(try CLI.dump(sandbox.db) == before)
        }
    }
}

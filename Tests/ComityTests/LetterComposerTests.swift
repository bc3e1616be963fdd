import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

// MARK: - Shared fixtures of the letter tests (LetterComposerTests, LetterRegisterTests, LetterHostileTextTests)

/// Paths and parsing helpers for the letter tests.
enum LetterFixtures {
    /// The package root, found from this file (`Tests/ComityTests/…`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("templates", isDirectory: true)
    static let schemaPath = templates.appendingPathComponent("schemas/letter.xsd").path

    /// A date literal of the tests.
    static func date(_ iso: String) -> CalendarDate {
        do { return try CalendarDate(iso: iso) } catch { preconditionFailure("bad date literal \(iso): \(error)") }
    }

    /// Parses a letter's XML into a tree (after checking it against letter.xsd, independently of the renderer).
    static func parse(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLNode {
        let schema = try XMLSchema(path: schemaPath)
        try schema.validate(xml, documentName: "letter")
        return try SafeXMLParser(maxBytes: 1 << 24).parse(xml, documentName: "letter")
    }

    /// The texts of the `<p>` of a letter's `<body>`.
    static func paragraphs(_ root: XMLNode) -> [String] {
        root.children(named: "body").first?.children(named: "p").map(\.text) ?? []
    }

    /// The first child element called `name` (`a/b` for a path).
    static func element(_ root: XMLNode, _ path: String) -> XMLNode? {
        var node: XMLNode? = root
        for part in path.split(separator: "/") { node = node?.children(named: String(part)).first }
        return node
    }

    /// The SHA-256 of `text` as UTF-8, by `/usr/bin/sha256sum`: an oracle independent of the library.
    static func sha256(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document")
        let output = folder.appendingPathComponent("digest")
        try Data(text.utf8).write(to: input)
        #expect(FileManager.default.createFile(atPath: output.path, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [input.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let line = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        return String(line.prefix { $0 != " " })
    }

    /// Occurrences of `needle` in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// A throwaway database for letter tests: Japan and China with their Japanese names, Japan's
/// central authority, foreign ministry and embassy in China, China's central authority and
/// foreign ministry, the Japan–China treaty and one case. Every piece a letter needs can be
/// left out to test the refusals. The folder is removed when the world is released.
final class LetterWorld {
    let folder: URL
    let store: ComityStore
    let renderer: DocumentRenderer

    struct Options {
        /// The heads of the central authorities and of the embassy, who sign, receive and make démarches.
        var heads = true
        var embassy = true
        var embassyCity: String? = "Beijing"
        var senderCity: String? = "Tokyo"
        var authorityNamesJa = true
        var basisJa = true
        var theirForeignMinistry = true
    }

    /// The request every constructed test uses unless it says otherwise.
    static let request = "JP-TEST-2011-001"
    static let subject = "Tracing the source of an intrusion into a test company"
    static let subjectJa = "試験会社に対する不正アクセス事件の発信源の追跡"
    static let items = ["Identify the servers", "Provide the access logs", "Identify the operators"]

    private init(folder: URL, store: ComityStore) throws {
        self.folder = folder
        self.store = store
        renderer = try DocumentRenderer(templates: LetterFixtures.templates)
    }

    private static func newFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-letters-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        return folder
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The demo world of the domain brief.
    static func demo() throws -> LetterWorld {
        let folder = try newFolder()
        let store = try ComityStore.create(at: folder.appendingPathComponent("demo.sqlite").path)
        try DemoWorld.load(into: store, by: Clerk(name: "Tester", today: LetterFixtures.date("2011-11-28")))
        return try LetterWorld(folder: folder, store: store)
    }

    /// An empty database, for tests that record their own parties and authorities.
    static func empty() throws -> LetterWorld {
        let folder = try newFolder()
        let store = try ComityStore.create(at: folder.appendingPathComponent("letters.sqlite").path)
        return try LetterWorld(folder: folder, store: store)
    }

    /// A constructed world with the pieces `options` asks for.
    static func constructed(_ options: Options = Options()) throws -> LetterWorld {
        let world = try empty()
        let store = world.store
        let setup = world.clerk("2000-01-01")
        try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: setup)
        try store.addParty(Party(code: "CN", name: "China", formalName: "People's Republic of China"), by: setup)
        try world.ja(.party, "JP", [.name: "日本国"])
        try world.ja(.party, "CN", [.name: "中華人民共和国"])
        let ja = options.authorityNamesJa
        func head(_ title: String, _ name: String) -> Authority.Head {
            options.heads ? Authority.Head(title: title, name: name) : Authority.Head()
        }
        // Each authority with its Japanese name, city, and head's title and name.
        var authorities: [(Authority, [String])] = [
            (Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority, city: options.senderCity,
                       head: head("Chairman of the National Public Safety Commission", "Kenji Yamaoka")),
             ["国家公安委員会", "東京", "国家公安委員会委員長", "山岡賢次"]),
            (Authority(id: "JP-MOFA", party: "JP", name: "Ministry of Foreign Affairs of Japan", role: .foreignMinistry, city: "Tokyo"), ["外務省", "東京"]),
            (Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security of the People's Republic of China",
                       role: .centralAuthority, city: "Beijing", head: head("Minister of Public Security", "Meng Jianzhu")),
             ["中華人民共和国公安部", "北京", "公安部長", "孟建柱"]),
        ]
        if options.theirForeignMinistry {
            authorities.append((Authority(
                id: "CN-MFA", party: "CN", name: "Ministry of Foreign Affairs of the People's Republic of China",
                role: .foreignMinistry, city: "Beijing"), ["中華人民共和国外交部", "北京"]))
        }
        if options.embassy {
            authorities.append((Authority(
                id: "JP-EMB-CN", party: "JP", name: "Embassy of Japan in the People's Republic of China", role: .embassy,
                city: options.embassyCity, postedTo: "CN",
                head: head("Ambassador of Japan to the People's Republic of China", "Uichiro Niwa")),
                ["在中華人民共和国日本国大使館", "北京", "駐中華人民共和国日本国特命全権大使", "丹羽宇一郎"]))
        }
        for (a, japanese) in authorities {
            try store.addAuthority(a, by: setup)
            if a.city != nil { try world.ja(.authority, a.id, [.city: japanese[1]]) }
            guard ja else { continue }
            let fields: [TranslatedField] = a.head == Authority.Head() ? [.name] : [.name, .headTitle, .headName]
            try world.ja(.authority, a.id, Dictionary(uniqueKeysWithValues: zip(fields, [japanese[0]] + japanese.dropFirst(2))))
        }
        try store.addBasis(LegalBasis(
            id: "JP-CN-MLAT", instrument: "Treaty between Japan and the People's Republic of China on Mutual Legal Assistance in Criminal Matters",
            kind: .bilateralTreaty,
            parties: [.init(party: "JP", from: LetterFixtures.date("2008-11-23")), .init(party: "CN", from: LetterFixtures.date("2008-11-23"))]),
            by: setup)
        if options.basisJa { try world.ja(.basis, "JP-CN-MLAT", [.instrument: "刑事に関する共助に関する日本国と中華人民共和国との間の条約"]) }
        try store.addCase(Case(
            id: "CASE-L", title: "Intrusion into a test company", leadAuthority: "JP-NPSC", offence: "Unauthorised computer access",
            incidentDate: LetterFixtures.date("2011-01-03"), discoveryDate: LetterFixtures.date("2011-01-03"), classification: .restricted),
            by: world.clerk("2011-01-03"))
        try world.ja(.case, "CASE-L", [.title: "試験会社に対する不正アクセス事件"], on: "2011-01-03")
        return world
    }

    /// Records Japanese values of a record's fields, as a clerk on `day` would.
    func ja(_ subject: Event.Subject, _ id: String, _ values: [TranslatedField: String], on day: String = "2000-01-01") throws {
        try store.translate(subject, id, lang: "ja", values.mapValues { [$0] }, reason: "translation", clearance: .secret, by: clerk(day))
    }

    func clerk(_ today: String) -> Clerk { Clerk(name: "Tester", today: LetterFixtures.date(today)) }

    /// Records a request as sent on `sent`.
    func send(
        _ reference: String = LetterWorld.request, sent: String = "2011-09-30", basis: String? = "JP-CN-MLAT",
        theirReference: String? = "MPS-2011-0417", items: [String] = LetterWorld.items, subjectJa: String? = LetterWorld.subjectJa
    ) throws {
        try store.addRequest(Request(
            reference: reference, caseID: "CASE-L", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
            basisID: basis, subject: Self.subject, items: items, sentDate: LetterFixtures.date(sent),
            counterpartReference: theirReference), by: clerk(sent))
        guard let subjectJa else { return }
        try ja(.request, reference, [.subject: subjectJa], on: sent)
        try store.translate(.request, reference, lang: "ja", [.items: items.map { "項目：\($0)" }], reason: "translation", clearance: .secret, by: clerk(sent))
    }

    func reply(_ reference: String = LetterWorld.request, on day: String, _ kind: ReplyKind, summary: String = "They will contact the relevant authorities.") throws {
        let reply = try store.addReply(Reply(requestReference: reference, date: LetterFixtures.date(day), fromAuthority: "CN-MPS", kind: kind, summary: summary),
                                       by: clerk(day)).reply
        try ja(.reply, String(reply.id!), [.summary: "回答：\(summary)"], on: day)
    }

    func engagement(_ id: String = "SUMMIT", start: String, end: String? = nil, level: EngagementLevel = .leaders, recordedOn: String) throws {
        try store.addEngagement(Engagement(
            id: id, counterpart: "CN", startDate: LetterFixtures.date(start), endDate: LetterFixtures.date(end ?? start), level: level,
            title: "Summit in Beijing", place: "Beijing"), by: clerk(recordedOn))
        try ja(.engagement, id, [.title: "北京での首脳会談"], on: recordedOn)
    }

    func spec(_ kind: EscalationStep?, _ language: LetterLanguage = .en, _ format: DocumentKind = .xml,
              of reference: String = LetterWorld.request, on day: String) -> LetterSpec {
        LetterSpec(reference: reference, kind: kind.map(LetterKind.escalation), language: language, format: format, date: LetterFixtures.date(day))
    }

    func preview(_ kind: EscalationStep?, _ language: LetterLanguage = .en, _ format: DocumentKind = .xml,
                 of reference: String = LetterWorld.request, on day: String) throws -> Letter {
        try store.previewLetter(spec(kind, language, format, of: reference, on: day), renderer: renderer)
    }

    func issue(_ kind: EscalationStep?, _ language: LetterLanguage = .en, _ format: DocumentKind = .xml,
               of reference: String = LetterWorld.request, on day: String) throws -> Letter {
        try store.issueLetter(spec(kind, language, format, of: reference, on: day), renderer: renderer, by: clerk(day))
    }
}

/// The thrown error of `body`, which must be a ComityError.
func letterError(_ body: () throws -> Letter, sourceLocation: SourceLocation = #_sourceLocation) throws -> ComityError {
    do {
        let letter = try body()
        Issue.record("expected a refusal, got a \(letter.kind.rawValue)", sourceLocation: sourceLocation)
        throw CancellationError()
    } catch let error as ComityError {
        return error
    }
}

// MARK: - Conventions of each letter form

@Suite("Letter forms and their conventions")
struct LetterComposerTests {
    static let nodaDate = "2011-11-28"
    static let mhi = DemoWorld.mhiRequest

    @Test("note verbale (en): compliments, honour to refer, highest consideration, unsigned, place and date at the end, seal")
    func noteVerbaleEnglish() throws {
        let world = try LetterWorld.demo()
        let xml = try world.preview(.noteVerbale, .en, .xml, of: Self.mhi, on: Self.nodaDate).document
        let root = try LetterFixtures.parse(xml)
        let sender = "Embassy of Japan in the People's Republic of China"
        let addressee = "Ministry of Foreign Affairs of the People's Republic of China"
        #expect(LetterFixtures.element(root, "sender")?.text == sender)
        #expect(LetterFixtures.element(root, "addressee")?.text == addressee)
        let paragraphs = LetterFixtures.paragraphs(root)
        let first = try #require(paragraphs.first)
        #expect(first.hasPrefix("The \(sender) presents its compliments to the \(addressee) and has the honour to refer to the request for assistance JP-MHI-2011-001 of 30 September 2011"))
        #expect(paragraphs.last == "The \(sender) avails itself of this opportunity to renew to the \(addressee) the assurances of its highest consideration.")
        // Third person throughout: no "I", "we", "our", "my".
        for p in paragraphs {
            let words = Set(p.split(whereSeparator: { !$0.isLetter }).map(String.init))
            #expect(words.isDisjoint(with: ["I", "We", "we", "our", "Our", "my", "My"]), "first person in a note verbale: \(p)")
        }
        // Unsigned; the closing is the place and date, then the seal, and it ends the letter.
        let closing = try #require(root.children.last)
        #expect(closing.name == "closing")
        #expect(closing.children.map(\.name) == ["place-date", "seal"])
        #expect(LetterFixtures.element(closing, "place-date")?.text == "Beijing, 28 November 2011")
        #expect(LetterFixtures.element(closing, "place-date")?.attribute("place") == "Beijing")
        #expect(!xml.contains("<signature"))
        #expect(root.attribute("draft") == "true" && root.attribute("number") == nil)
        #expect(LetterFixtures.element(root, "title")?.text == "Note verbale")

        let html = try world.preview(.noteVerbale, .en, .html, of: Self.mhi, on: Self.nodaDate).document.withoutIsolation
        #expect(html.contains("presents its compliments to the Ministry of Foreign Affairs of the People&#39;s Republic of China and has the honour to refer to"))
        #expect(html.contains("avails itself of this opportunity to renew to the Ministry of Foreign Affairs of the People&#39;s Republic of China the assurances of its highest consideration.</p>"))
        #expect(!html.contains("class=\"signature\""))
        let main = try #require(html.range(of: "</main>"))
        let placeDate = try #require(html.range(of: "<p class=\"place-date\">Beijing, 28 November 2011</p>"))
        let seal = try #require(html.range(of: "<div class=\"seal\">"))
        #expect(main.upperBound <= placeDate.lowerBound && placeDate.upperBound <= seal.lowerBound, "place, date and seal come after the text")
        #expect(html.contains("<header class=\"letterhead\">"), "a note verbale is on letterhead")
    }

    @Test("note verbale (ja): 敬意を表するとともに…申し進める光栄を有します, 以上を申し進めるに際し、ここに重ねて…敬意を表します, 平成 dates")
    func noteVerbaleJapanese() throws {
        let world = try LetterWorld.demo()
        let xml = try world.preview(.noteVerbale, .ja, .xml, of: Self.mhi, on: Self.nodaDate).document
        let root = try LetterFixtures.parse(xml)
        let paragraphs = LetterFixtures.paragraphs(root)
        let first = try #require(paragraphs.first)
        #expect(first.hasPrefix("在中華人民共和国日本国大使館は、中華人民共和国外交部に敬意を表するとともに、平成23年9月30日付けで"))
        #expect(first.hasSuffix("申し進める光栄を有します。"))
        #expect(paragraphs.last == "在中華人民共和国日本国大使館は、以上を申し進めるに際し、ここに重ねて中華人民共和国外交部に対し敬意を表します。")
        #expect(LetterFixtures.element(root, "title")?.text == "口上書")
        #expect(LetterFixtures.element(root, "mark")?.text == "取扱注意")
        #expect(LetterFixtures.element(root, "closing/place-date")?.text == "北京、平成23年11月28日")
        #expect(LetterFixtures.element(root, "closing/seal")?.attribute("label") == "印")
        #expect(LetterFixtures.element(root, "closing/signature") == nil)
        #expect(xml.contains("平成23年10月14日（要請から14日後）"))
        #expect(!xml.contains("2011年"), "Japanese letters date by era, not Western years")

        let html = try world.preview(.noteVerbale, .ja, .html, of: Self.mhi, on: Self.nodaDate).document.withoutIsolation
        #expect(html.contains("<p class=\"place-date\">北京、平成23年11月28日</p>"))
        #expect(html.contains("<div class=\"seal\">印</div>"))
        #expect(html.contains("に敬意を表するとともに、"))
        #expect(html.contains("以上を申し進めるに際し、ここに重ねて中華人民共和国外交部に対し敬意を表します。"))
        #expect(!html.contains("class=\"signature\""))
    }

    static let courtesies = [
        "compliments", "honour", "highest consideration", "Excellency", "Dear ", "Yours", "Please accept", "Thank you",
        "敬意", "光栄", "敬具", "啓上", "閣下", "御中", "感謝",
    ]

    @Test("aide-mémoire: dated, third person, no courtesies, no address, no signature, no seal", arguments: [LetterLanguage.en, .ja])
    func aideMemoire(language: LetterLanguage) throws {
        let world = try LetterWorld.demo()
        let xml = try world.preview(.aideMemoire, language, .xml, of: Self.mhi, on: Self.nodaDate).document
        let root = try LetterFixtures.parse(xml)
        #expect(root.attribute("kind") == "aide-memoire")
        #expect(LetterFixtures.element(root, "addressee") == nil, "an aide-mémoire has no address")
        let closing = try #require(LetterFixtures.element(root, "closing"))
        #expect(closing.children.map(\.name) == ["place-date"], "dated, but no signature and no seal")
        #expect(closing.children.first?.text == (language == .en ? "Beijing, 28 November 2011" : "北京、平成23年11月28日"))
        for p in LetterFixtures.paragraphs(root) {
            for phrase in Self.courtesies { #expect(!p.contains(phrase), "courtesy \(phrase) in an aide-mémoire: \(p)") }
        }

        let html = try world.preview(.aideMemoire, language, .html, of: Self.mhi, on: Self.nodaDate).document
        for marker in ["class=\"addressee\"", "class=\"to\"", "class=\"signature\"", "class=\"seal\"", "class=\"salutation\"", "class=\"courtesy\""] {
            #expect(!html.contains(marker), "\(marker) in an aide-mémoire")
        }
        #expect(html.contains("<p class=\"place-date\">"))
        #expect(html.contains(language == .en ? "<h1 class=\"doc-title\">Aide-mémoire</h1>" : "<h1 class=\"doc-title\">覚書</h1>"))
    }

    @Test("ministerial letter: first person, from a minister to a minister, signed by the minister with name and title")
    func ministerial() throws {
        let world = try LetterWorld.demo()
        let root = try LetterFixtures.parse(try world.preview(.ministerial, .en, .xml, of: Self.mhi, on: Self.nodaDate).document)
        let paragraphs = LetterFixtures.paragraphs(root)
        #expect(paragraphs.first == "Excellency,")
        #expect(paragraphs.contains { $0.hasPrefix("I am writing to you concerning our request for assistance JP-MHI-2011-001 of 30 September 2011") })
        #expect(paragraphs.contains { $0.hasPrefix("I should be grateful if you would") })
        #expect(paragraphs.last == "Please accept, Excellency, the assurances of my highest consideration.")
        #expect(!paragraphs.contains { $0.contains("presents its compliments") }, "a formal note is not in the third person")
        #expect(LetterFixtures.element(root, "addressee")?.text == "Ministry of Public Security of the People's Republic of China")
        #expect(LetterFixtures.element(root, "recipient")?.text == "Meng Jianzhu")
        #expect(LetterFixtures.element(root, "recipient")?.attribute("title") == "Minister of Public Security")
        let closing = try #require(LetterFixtures.element(root, "closing"))
        #expect(closing.children.map(\.name) == ["place-date", "signature"])
        #expect(LetterFixtures.element(closing, "signature")?.children.map(\.text) == [
            "Kenji Yamaoka", "Chairman of the National Public Safety Commission", "National Public Safety Commission",
        ])

        let html = try world.preview(.ministerial, .en, .html, of: Self.mhi, on: Self.nodaDate).document.withoutIsolation
        #expect(html.contains("""
              <p class="addressee">H.E. Meng Jianzhu<br>Minister of Public Security<br>Ministry of Public Security of the People&#39;s Republic of China</p>
            """), "\(html)")
        #expect(html.contains("""
              <div class="signature">
                <div class="rule"></div>
                <p>Kenji Yamaoka</p>
                <p class="title">Chairman of the National Public Safety Commission</p>
              </div>
            """))
        #expect(!html.contains("class=\"seal\""))

        let ja = try LetterFixtures.parse(try world.preview(.ministerial, .ja, .xml, of: Self.mhi, on: Self.nodaDate).document)
        let jaParagraphs = LetterFixtures.paragraphs(ja)
        #expect(jaParagraphs.first == "書簡をもって啓上いたします。")
        #expect(jaParagraphs.last == "敬具")
        // A minister speaks of himself as 本大臣; 本使 is the ambassador's word.
        #expect(jaParagraphs.dropLast().last == "本大臣は、以上を申し進めるに際し、ここに重ねて閣下に向かって敬意を表します。")
        #expect(!jaParagraphs.contains { $0.contains("本使") })
        #expect(LetterFixtures.element(ja, "closing/signature/name")?.text == "山岡賢次")
        #expect(LetterFixtures.element(ja, "closing/signature/title")?.text == "国家公安委員会委員長")
        #expect(LetterFixtures.element(ja, "recipient")?.text == "孟建柱")
        let jaHTML = try world.preview(.ministerial, .ja, .html, of: Self.mhi, on: Self.nodaDate).document.withoutIsolation
        #expect(jaHTML.contains("<p class=\"addressee\">中華人民共和国公安部長　孟建柱閣下</p>"))
        #expect(jaHTML.contains("<p>日本国国家公安委員会委員長　山岡賢次</p>"))
        #expect(LetterFixtures.element(ja, "closing/place-date")?.text == "東京、平成23年11月28日")
    }

    @Test("talking points: one status point, one point per outstanding item, the occasion when one is near",
          arguments: [1, 2, 5], [false, true])
    func talkingPoints(itemCount: Int, withEngagement: Bool) throws {
        let world = try LetterWorld.constructed()
        let items = (1...itemCount).map { "Outstanding item number \($0)" }
        try world.send(sent: "2011-09-30", items: items)
        if withEngagement { try world.engagement(start: "2011-12-20", recordedOn: "2011-10-01") }
        for language in [LetterLanguage.en, .ja] {
            let xml = try world.preview(.talkingPoints, language, .xml, on: "2011-11-28").document
            let root = try LetterFixtures.parse(xml)
            let points = try #require(LetterFixtures.element(root, "points")).children(named: "point")
            #expect(points.filter { $0.attribute("class") == "status" }.count == 1)
            #expect(points.filter { $0.attribute("class") == "engagement" }.count == (withEngagement ? 1 : 0))
            let itemPoints = points.filter { $0.attribute("class") == "item" }
            #expect(itemPoints.count == itemCount, "one point per outstanding item (\(language))")
            for (index, point) in itemPoints.enumerated() {
                let expected = language == .en ? "Press for item \(index + 1): \(items[index])" : "求める事項（\(index + 1)）：項目：\(items[index])"
                #expect(point.text == expected)
            }
            #expect(points.count == 1 + (withEngagement ? 1 : 0) + itemCount, "nothing but these points")
            #expect(LetterFixtures.element(root, "closing") == nil && LetterFixtures.element(root, "addressee") == nil)

            let html = try world.preview(.talkingPoints, language, .html, on: "2011-11-28").document
            #expect(LetterFixtures.count("<li class=\"item\">", in: html) == itemCount)
            #expect(LetterFixtures.count("<li class=\"status\">", in: html) == 1)
            #expect(LetterFixtures.count("<li class=\"engagement\">", in: html) == (withEngagement ? 1 : 0))
        }
    }

    @Test("era dates: 2019-04-30 is 平成31年4月30日, 2019-05-01 is 令和元年5月1日; English letters keep Western years")
    func eraBoundary() throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2019-04-01")
        for format in DocumentKind.allCases {
            let before = try world.preview(.noteVerbale, .ja, format, on: "2019-04-30").document.withoutIsolation
            #expect(before.contains("北京、平成31年4月30日"))
            #expect(before.contains("平成31年4月1日付けで"))
            #expect(!before.contains("令和"))
            let after = try world.preview(.noteVerbale, .ja, format, on: "2019-05-01").document.withoutIsolation
            #expect(after.contains("北京、令和元年5月1日"))
            #expect(!after.contains("令和1年"), "year one of an era is 元年")
            #expect(after.contains("平成31年4月1日付けで"), "the request itself was sent in Heisei")
            let english = try world.preview(.noteVerbale, .en, format, on: "2019-05-01").document.withoutIsolation
            #expect(english.contains("Beijing, 1 May 2019"))
            #expect(!english.contains("令和") && !english.contains("平成"))
        }
        let root = try LetterFixtures.parse(try world.preview(.reminder, .ja, .xml, on: "2019-05-01").document)
        #expect(root.attribute("date") == "2019-05-01", "the ISO date stays Western in attributes")
        #expect(LetterFixtures.element(root, "closing/place-date")?.text == "東京、令和元年5月1日")
    }

    @Test("the JAXA request in Japanese is dated in 令和3年, marked 秘")
    func jaxaReiwa() throws {
        let world = try LetterWorld.demo()
        let xml = try world.preview(.noteVerbale, .ja, .xml, of: DemoWorld.jaxaRequest, on: "2021-05-20").document
        let root = try LetterFixtures.parse(xml)
        #expect(LetterFixtures.paragraphs(root).first?.contains("令和3年4月20日付けで") == true)
        #expect(xml.contains("令和3年4月22日（要請から2日後）"))
        #expect(LetterFixtures.element(root, "closing/place-date")?.text == "北京、令和3年5月20日")
        #expect(LetterFixtures.element(root, "mark")?.text == "秘")
        #expect(root.attribute("classification") == "confidential")
        #expect(!xml.contains("平成"))
    }

    @Test("a letter quotes the chronology as of its date: later replies are left out")
    func asOfChronology() throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2011-09-30")
        try world.reply(on: "2011-10-14", .acknowledgement, summary: "Acknowledged.")
        try world.reply(on: "2011-12-01", .nonCommittal, summary: "Will contact the relevant authorities.")
        let root = try LetterFixtures.parse(try world.preview(.reminder, .en, .xml, on: "2011-11-28").document)
        let replies = try #require(LetterFixtures.element(root, "chronology")).children(named: "reply")
        #expect(replies.map { $0.attribute("date") } == ["2011-10-14"])
        #expect(replies.first?.attribute("days-after-sent") == "14")
        #expect(LetterFixtures.element(root, "chronology")?.attribute("days-since-sent") == "59")
    }

    // MARK: Refusals

    /// The items after "missing: " in a refusal, one per thing missing.
    static func missingItems(_ error: ComityError) -> [String] {
        guard let range = error.description.range(of: "; missing: ") else { return [] }
        return error.description[range.upperBound...].components(separatedBy: "; ")
    }

    @Test("a request without a legal basis: refused for every kind that cites it, nothing recorded",
          arguments: [EscalationStep.reminder, .noteVerbale, .aideMemoire, .ministerial])
    func noBasis(kind: EscalationStep) throws {
        let world = try LetterWorld.constructed()
        try world.send(basis: nil)
        let error = try letterError { try world.issue(kind, .en, .xml, on: "2011-11-28") }
        #expect(error.category == .invalid)
        #expect(Self.missingItems(error) == ["the legal basis of request \(LetterWorld.request) (it was recorded without --basis)"])
        #expect(try world.store.letters(of: LetterWorld.request).isEmpty)
        #expect(try world.store.followUps(of: LetterWorld.request).isEmpty)
    }

    @Test("no embassy of ours posted to the counterpart: no note verbale, no aide-mémoire", arguments: [EscalationStep.noteVerbale, .aideMemoire])
    func noEmbassy(kind: EscalationStep) throws {
        var options = LetterWorld.Options()
        options.embassy = false
        let world = try LetterWorld.constructed(options)
        try world.send()
        let error = try letterError { try world.preview(kind, .en, .html, on: "2011-11-28") }
        #expect(error.category == .invalid)
        let items = Self.missingItems(error)
        #expect(items.count == 1)
        #expect(items.first?.hasPrefix("the sender: no embassy of JP posted to CN") == true)
        #expect(error.description.contains("--role embassy --posted-to CN"), "the message says how to fix it")
        // A reminder does not need the embassy.
        _ = try world.preview(.reminder, .en, .html, on: "2011-11-28")
    }

    @Test("no letter needs the counterpart's reference: a counterpart that never replied gave none")
    func noCounterpartReference() throws {
        let world = try LetterWorld.constructed()
        try world.send(theirReference: nil)
        for kind in [EscalationStep.reminder, .noteVerbale, .aideMemoire, .ministerial, .talkingPoints] {
            let root = try LetterFixtures.parse(try world.preview(kind, .en, .xml, on: "2011-11-28").document)
            #expect(LetterFixtures.element(root, "references/theirs") == nil)
        }
    }

    @Test("a Japanese letter when authorities lack their Japanese names: every one is listed; English still works")
    func noJapaneseNames() throws {
        var options = LetterWorld.Options()
        options.authorityNamesJa = false
        let world = try LetterWorld.constructed(options)
        try world.send()
        let reminder = try letterError { try world.preview(.reminder, .ja, .xml, on: "2011-11-28") }
        #expect(Set(Self.missingItems(reminder)) == [
            "the ja name of authority JP-NPSC (record it with 'comity translate authority JP-NPSC --lang ja --name …')",
            "the ja name of authority CN-MPS (record it with 'comity translate authority CN-MPS --lang ja --name …')",
        ])
        let note = try letterError { try world.preview(.noteVerbale, .ja, .html, on: "2011-11-28") }
        #expect(Set(Self.missingItems(note)) == [
            "the ja name of authority JP-EMB-CN (record it with 'comity translate authority JP-EMB-CN --lang ja --name …')",
            "the ja name of authority CN-MFA (record it with 'comity translate authority CN-MFA --lang ja --name …')",
        ])
        _ = try world.preview(.reminder, .en, .xml, on: "2011-11-28")
    }

    @Test("everything missing at once: one refusal lists every item")
    func everythingMissing() throws {
        var options = LetterWorld.Options()
        options.embassy = false
        options.authorityNamesJa = false
        options.theirForeignMinistry = false
        let world = try LetterWorld.constructed(options)
        try world.send(basis: nil, theirReference: nil)
        let reminder = try letterError { try world.issue(.reminder, .ja, .xml, on: "2011-11-28") }
        let reminderItems = Self.missingItems(reminder)
        #expect(reminderItems.count == 3, "\(reminderItems)")
        #expect(reminderItems.contains { $0.hasPrefix("the legal basis of request") })
        #expect(!reminderItems.contains { $0.hasPrefix("the counterpart's reference") })
        #expect(reminderItems.contains { $0.hasPrefix("the ja name of authority JP-NPSC") })
        #expect(reminderItems.contains { $0.hasPrefix("the ja name of authority CN-MPS") })

        let note = try letterError { try world.issue(.noteVerbale, .ja, .xml, on: "2011-11-28") }
        let noteItems = Self.missingItems(note)
        #expect(noteItems.count == 3, "\(noteItems)")
        #expect(noteItems.contains { $0.hasPrefix("the sender: no embassy of JP posted to CN") })
        #expect(noteItems.contains { $0.hasPrefix("the addressee: no foreign ministry of CN") })
        #expect(noteItems.contains { $0.hasPrefix("the legal basis of request") })
        #expect(try world.store.letters(of: LetterWorld.request).isEmpty)
        #expect(try world.store.followUps(of: LetterWorld.request).isEmpty)
    }

    @Test("the legal basis's Japanese name is needed in Japanese letters")
    func noJapaneseBasis() throws {
        var options = LetterWorld.Options()
        options.basisJa = false
        let world = try LetterWorld.constructed(options)
        try world.send()
        let error = try letterError { try world.preview(.noteVerbale, .ja, .xml, on: "2011-11-28") }
        #expect(Self.missingItems(error) == ["the ja instrument of legal basis JP-CN-MLAT (record it with 'comity translate basis JP-CN-MLAT --lang ja --instrument …')"])
    }

    @Test("a request not yet sent, or closed, gets no follow-up letter")
    func notOutstanding() throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2011-09-30")
        let early = try letterError { try world.preview(.reminder, .en, .xml, on: "2011-09-29") }
        #expect(early.category == .invalid)
        try world.store.move(LetterWorld.request, to: .withdrawn, on: LetterFixtures.date("2011-10-05"), by: world.clerk("2011-10-05"))
        let closed = try letterError { try world.preview(.reminder, .en, .xml, on: "2011-11-28") }
        #expect(closed.description.contains("withdrawn"))
    }

    // MARK: Bugs found (disabled until fixed, unless fixed already)

    @Test("counts of one are singular: 1 day, not 1 days")
    func oneDay() throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2011-11-01")
        try world.reply(on: "2011-11-02", .acknowledgement, summary: "Received.")
        for kind in EscalationStep.allCases {
            for day in ["2011-11-02", "2011-11-03"] {
                let html = try world.preview(kind, .en, .html, on: day).document
                let plural = html.components(separatedBy: "\n").filter { $0.range(of: "(^|[^0-9])1 days", options: .regularExpression) != nil }
                #expect(plural.isEmpty, "\(kind.rawValue) on \(day): \(plural)")
            }
        }
    }

    /// Found while writing these tests and fixed in the meantime (commit 6892260): the city was only
    /// required for notes verbales, so other letters failed XML validation or printed a blank place.
    @Test("a sender without a city is refused with the city listed as missing, for every kind with a place line",
          arguments: [EscalationStep.reminder, .noteVerbale, .aideMemoire, .ministerial])
    func senderWithoutCity(kind: EscalationStep) throws {
        var options = LetterWorld.Options()
        options.senderCity = nil
        options.embassyCity = nil
        let world = try LetterWorld.constructed(options)
        try world.send()
        for format in DocumentKind.allCases {
            let error = try letterError { try world.preview(kind, .en, format, on: "2011-11-28") }
            #expect(error.category == .invalid, "\(format): \(error)")
            #expect(Self.missingItems(error).contains { $0.hasPrefix("the city of") }, "\(format): \(error)")
        }
        _ = try world.preview(.talkingPoints, .en, .xml, on: "2011-11-28")  // no place line, no city needed
    }
}

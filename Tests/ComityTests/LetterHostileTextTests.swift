import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Hostile text in every field a clerk types that reaches a letter comes out escaped in XML and
/// HTML letters of every kind and language: no markup is injected, the XML stays valid against
/// letter.xsd, and every character survives the round trip.
@Suite("Hostile text in letters")
struct LetterHostileTextTests {
    static let pieces = ["<script>alert(1)</script>", "&", "\"quotes\"", "'apostrophes'", "]]>", "\u{202E}RTL override", "🚨", "漢字"]
    static let hostile = pieces.joined(separator: " ")

    /// The values every field holds, tagged so fields can be told apart.
    struct Fields {
        let h = LetterHostileTextTests.hostile
        var ourState: String { "Japan \(h)" }
        var ourStateJa: String { "日本国 \(h)" }
        var theirState: String { "PRC \(h)" }
        var theirStateJa: String { "中国 \(h)" }
        var central: String { "Sender \(h)" }
        var centralJa: String { "送信者 \(h)" }
        var ministry: String { "Our ministry \(h)" }
        var ministryJa: String { "外務省 \(h)" }
        var embassy: String { "Embassy \(h)" }
        var embassyJa: String { "大使館 \(h)" }
        var requested: String { "Receiver \(h)" }
        var requestedJa: String { "受信者 \(h)" }
        var theirMinistry: String { "Their ministry \(h)" }
        var theirMinistryJa: String { "外交部 \(h)" }
        var ourCity: String { "Tokyo \(h)" }
        var embassyCity: String { "Beijing \(h)" }
        var instrument: String { "Treaty \(h)" }
        var instrumentJa: String { "条約 \(h)" }
        var caseTitle: String { "Case \(h)" }
        var subject: String { "Subject \(h)" }
        var subjectJa: String { "件名 \(h)" }
        var items: [String] { ["Item one \(h)", "\(h) item two"] }
        var theirReference: String { "Ref \(h)" }
        var summary: String { "Summary \(h)" }
        var summaryJa: String { "要旨 \(h)" }
        var earlierLetter: String { "NV \(h)" }
        var engagement: String { "Summit \(h)" }
    }

    static let f = Fields()

    /// A world in which every free-text field that reaches a letter holds hostile text.
    static func hostileWorld() throws -> LetterWorld {
        let world = try LetterWorld.empty()
        let store = world.store
        let setup = world.clerk("2000-01-01")
        // Japanese values: hostile too; cities, titles and items the same text in both languages.
        func ja(_ subject: Event.Subject, _ id: String, _ values: [TranslatedField: [String]]) throws {
            try store.translate(subject, id, lang: "ja", values, reason: "translation", clearance: .secret, by: setup)
        }
        try store.addParty(Party(code: "JP", name: "Japan", formalName: f.ourState), by: setup)
        try store.addParty(Party(code: "CN", name: "China", formalName: f.theirState), by: setup)
        try ja(.party, "JP", [.name: [f.ourStateJa]])
        try ja(.party, "CN", [.name: [f.theirStateJa]])
        let head = Authority.Head(title: "Title \(f.h)", name: "Name \(f.h)")
        for (a, nameJa) in [
            (Authority(id: "JP-A", party: "JP", name: f.central, role: .centralAuthority, city: f.ourCity, head: head), f.centralJa),
            (Authority(id: "JP-MFA", party: "JP", name: f.ministry, role: .foreignMinistry, city: f.ourCity), f.ministryJa),
            (Authority(id: "JP-EMB", party: "JP", name: f.embassy, role: .embassy, city: f.embassyCity, postedTo: "CN", head: head), f.embassyJa),
            (Authority(id: "CN-A", party: "CN", name: f.requested, role: .centralAuthority, city: f.embassyCity, head: head), f.requestedJa),
            (Authority(id: "CN-MFA", party: "CN", name: f.theirMinistry, role: .foreignMinistry, city: f.embassyCity), f.theirMinistryJa),
        ] {
            try store.addAuthority(a, by: setup)
            try ja(.authority, a.id, [.name: [nameJa], .city: [a.city!]])
            if a.head != Authority.Head() { try ja(.authority, a.id, [.headTitle: ["肩書\(f.h)"], .headName: ["氏名\(f.h)"]]) }
        }
        try store.addBasis(LegalBasis(
            id: "TREATY", instrument: f.instrument, kind: .bilateralTreaty,
            parties: [.init(party: "JP", from: LetterFixtures.date("2008-11-23")), .init(party: "CN", from: LetterFixtures.date("2008-11-23"))]),
            by: setup)
        try store.addCase(Case(
            id: "CASE-H", title: f.caseTitle, leadAuthority: "JP-A", offence: "Offence \(f.h)",
            incidentDate: LetterFixtures.date("2011-08-11"), discoveryDate: LetterFixtures.date("2011-08-11")), by: world.clerk("2011-08-11"))
        try store.addRequest(Request(
            reference: "REQ-H", caseID: "CASE-H", fromAuthority: "JP-A", toAuthority: "CN-A", channel: .centralAuthority,
            basisID: "TREATY", subject: f.subject, items: f.items, sentDate: LetterFixtures.date("2011-09-30"),
            counterpartReference: f.theirReference, note: "Note \(f.h)"), by: world.clerk("2011-09-30"))
        let reply = try store.addReply(Reply(
            requestReference: "REQ-H", date: LetterFixtures.date("2011-10-14"), fromAuthority: "CN-A", kind: .nonCommittal,
            summary: f.summary), by: world.clerk("2011-10-14")).reply
        try ja(.basis, "TREATY", [.instrument: [f.instrumentJa]])
        try ja(.case, "CASE-H", [.title: [f.caseTitle]])
        try ja(.request, "REQ-H", [.subject: [f.subjectJa], .items: f.items])
        try ja(.reply, String(reply.id!), [.summary: [f.summaryJa]])
        try store.addFollowUp(FollowUp(
            requestReference: "REQ-H", date: LetterFixtures.date("2011-11-01"), kind: .reminder, reference: f.earlierLetter,
            note: "Follow-up note \(f.h)"), by: world.clerk("2011-11-01"))
        try store.addEngagement(Engagement(
            id: "VISIT-H", counterpart: "CN", startDate: LetterFixtures.date("2011-12-25"), endDate: LetterFixtures.date("2011-12-26"),
            level: .leaders, title: f.engagement, place: "Place \(f.h)"), by: setup)
        try ja(.engagement, "VISIT-H", [.title: [f.engagement]])
        return world
    }

    /// XML and HTML's five escapes, as the renderer applies them.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Who sends and receives each kind, in each language.
    static func parties(_ kind: EscalationStep, _ language: LetterLanguage) -> (sender: String, addressee: String?) {
        let en = language == .en
        switch kind {
        case .reminder, .ministerial: return (en ? f.central : f.centralJa, en ? f.requested : f.requestedJa)
        case .noteVerbale: return (en ? f.embassy : f.embassyJa, en ? f.theirMinistry : f.theirMinistryJa)
        case .aideMemoire: return (en ? f.embassy : f.embassyJa, nil)
        case .talkingPoints: return (en ? f.ministry : f.ministryJa, nil)
        }
    }

    static func place(_ kind: EscalationStep) -> String {
        [.noteVerbale, .aideMemoire].contains(kind) ? f.embassyCity : f.ourCity
    }

    @Test("XML letters: escaped, valid against letter.xsd, every field read back exactly",
          arguments: EscalationStep.allCases, [LetterLanguage.en, .ja])
    func xml(kind: EscalationStep, language: LetterLanguage) throws {
        let world = try Self.hostileWorld()
        let xml = try world.preview(kind, language, .xml, of: "REQ-H", on: "2011-11-28").document
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("]]>"), "a raw ]]> is not allowed in XML text")
        #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let root = try LetterFixtures.parse(xml)  // validates against letter.xsd too
        let en = language == .en
        let f = Self.f
        let (sender, addressee) = Self.parties(kind, language)
        #expect(LetterFixtures.element(root, "sender")?.text == sender)
        #expect(LetterFixtures.element(root, "sender")?.attribute("party") == (en ? f.ourState : f.ourStateJa))
        #expect(LetterFixtures.element(root, "addressee")?.text == addressee)
        if addressee != nil {
            #expect(LetterFixtures.element(root, "addressee")?.attribute("party") == (en ? f.theirState : f.theirStateJa))
        }
        #expect(LetterFixtures.element(root, "parties/ours")?.text == (en ? f.ourState : f.ourStateJa))
        #expect(LetterFixtures.element(root, "parties/theirs")?.text == (en ? f.theirState : f.theirStateJa))
        #expect(LetterFixtures.element(root, "references/theirs")?.text == f.theirReference)
        #expect(LetterFixtures.element(root, "subject")?.text == (en ? f.subject : f.subjectJa))
        #expect(LetterFixtures.element(root, "request/basis")?.text == (en ? f.instrument : f.instrumentJa))
        #expect(LetterFixtures.element(root, "request/case")?.text == f.caseTitle)
        #expect(LetterFixtures.element(root, "outstanding")?.children(named: "item").map(\.text) == f.items)
        #expect(LetterFixtures.element(root, "chronology")?.children(named: "reply").map(\.text) == [en ? f.summary : f.summaryJa])
        #expect(LetterFixtures.element(root, "citations")?.children(named: "cite").map { $0.attribute("number") } == [f.earlierLetter])
        #expect(LetterFixtures.element(root, "engagement/title")?.text == f.engagement)
        if kind != .talkingPoints {
            #expect(LetterFixtures.element(root, "closing/place-date")?.attribute("place") == Self.place(kind))
            // The body quotes the subject and every item verbatim.
            let body = LetterFixtures.paragraphs(root).joined(separator: "\n")
            #expect(body.contains(en ? f.subject : f.subjectJa))
            for item in f.items { #expect(body.contains(item)) }
            #expect(body.contains(en ? f.summary : f.summaryJa))
        } else {
            let points = LetterFixtures.element(root, "points")?.children(named: "point").map(\.text) ?? []
            for item in f.items { #expect(points.contains { $0.contains(item) }) }
            #expect(points.contains { $0.contains(f.engagement) })
        }
    }

    @Test("HTML letters: no markup injected, every hostile field shown escaped",
          arguments: EscalationStep.allCases, [LetterLanguage.en, .ja])
    func html(kind: EscalationStep, language: LetterLanguage) throws {
        let world = try Self.hostileWorld()
        let html = try world.preview(kind, language, .html, of: "REQ-H", on: "2011-11-28").document.withoutIsolation
        let en = language == .en
        let f = Self.f
        #expect(!html.contains("<script>") && !html.contains("</script>"))
        #expect(!html.contains("]]>"))
        #expect(!html.contains("\"quotes\"") && !html.contains("'apostrophes'"))
        #expect(!html.contains(" & "), "a bare ampersand")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apostrophes&#39; ]]&gt;"))
        #expect(html.contains("\u{202E}RTL override 🚨 漢字"), "non-markup characters survive as they are")
        #expect(html.contains(Self.escaped(en ? f.subject : f.subjectJa)))
        for item in f.items { #expect(html.contains(Self.escaped(item))) }
        let (sender, addressee) = Self.parties(kind, language)
        if kind != .aideMemoire && kind != .talkingPoints {
            #expect(html.contains(Self.escaped(sender)))
        }
        if let addressee {
            // A Japanese ministerial letter is addressed to the minister, by title and name alone.
            let shown = kind == .ministerial && !en ? "肩書\(f.h)　氏名\(f.h)閣下" : addressee
            #expect(html.contains(Self.escaped(shown)))
        }
        switch kind {
        case .reminder:
            #expect(html.contains(Self.escaped(f.theirReference)))
            #expect(html.contains(Self.escaped(en ? f.summary : f.summaryJa)))
            #expect(html.contains(Self.escaped(f.earlierLetter)))
            #expect(html.contains(Self.escaped(en ? f.instrument : f.instrumentJa)))
        case .noteVerbale, .aideMemoire:
            #expect(html.contains(Self.escaped(Self.place(kind))))
            #expect(html.contains(Self.escaped(en ? f.summary : f.summaryJa)))
            #expect(html.contains(Self.escaped(en ? f.instrument : f.instrumentJa)))
        case .ministerial:
            #expect(html.contains(Self.escaped(f.engagement)))
            #expect(html.contains(Self.escaped(f.theirReference)))
        case .talkingPoints:
            #expect(html.contains(Self.escaped(f.engagement)))
            #expect(html.contains(Self.escaped(f.caseTitle)))
        }
    }

    @Test("an issued letter with hostile text is stored and given back byte for byte")
    func issued() throws {
        let world = try Self.hostileWorld()
        let letter = try world.issue(.noteVerbale, .ja, .xml, of: "REQ-H", on: "2011-11-28")
        let number = try #require(letter.number)
        #expect(number == "JP-EMB/2011/0001")
        let stored = try world.store.letter(number: number)
        #expect(Data(stored.document.utf8) == Data(letter.document.utf8))
        #expect(stored.sha256 == (try LetterFixtures.sha256(letter.document)))
        _ = try LetterFixtures.parse(stored.document)
    }
}

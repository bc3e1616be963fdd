import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Hostile text in every field a clerk types comes out escaped in the stall report's XML and
/// HTML: no markup is injected, the XML stays valid, and every character survives the round trip.
@Suite("Hostile text in stall reports")
struct HostileTextTests {
    static let pieces = [
        "<script>alert(1)</script>", "&", "\"quotes\"", "'apostrophes'", "]]>", "\u{202E}RTL override", "🚨", "漢字",
    ]
    static let everything = pieces.joined(separator: " ")

    /// A store where every free-text field holds `text` (plus a tag, so fields can be told apart).
    private static func hostileWorld(_ text: String) throws -> (TestWorld, ComityStore, StallReport) {
        let world = try TestWorld()
        let store = try ComityStore.create(at: world.folder.appendingPathComponent("hostile.sqlite").path)
        let setup = Clerk(name: "Tester", today: TestWorld.date("2011-08-11"))
        try store.addParty(Party(code: "JP", name: "Japan \(text)", formalName: "Japan formal \(text)"), by: setup)
        try store.addParty(Party(code: "CN", name: "China \(text)", formalName: "China formal \(text)"), by: setup)
        try store.addAuthority(Authority(id: "JP-A", party: "JP", name: "Sender \(text)", role: .centralAuthority, city: "Tokyo \(text)"), by: setup)
        try store.addAuthority(Authority(id: "CN-A", party: "CN", name: "Receiver \(text)", role: .centralAuthority, city: "Beijing \(text)"), by: setup)
        for (subject, id, value) in [(Event.Subject.party, "JP", "日本 \(text)"), (.party, "CN", "中国 \(text)"), (.authority, "JP-A", "送付 \(text)"), (.authority, "CN-A", "受領 \(text)")] {
            _ = try store.translate(subject, id, lang: "ja", [.name: [value]], reason: "translation", clearance: .secret, by: setup)
        }
        try store.addBasis(LegalBasis(
            id: "TREATY", instrument: "Treaty \(text)", kind: .bilateralTreaty, responsePeriod: Period(days: 30, unit: .calendar),
            parties: [.init(party: "JP", from: TestWorld.date("2008-11-23")), .init(party: "CN", from: TestWorld.date("2008-11-23"))],
            note: "Basis note \(text)"), by: setup)
        try store.addCase(Case(
            id: "CASE-H", title: "Case title \(text)", leadAuthority: "JP-A", offence: "Offence \(text)",
            incidentDate: TestWorld.date("2011-08-11"), discoveryDate: TestWorld.date("2011-08-11"), note: "Case note \(text)"), by: setup)
        try store.addRequest(Request(
            reference: "REQ-H", caseID: "CASE-H", fromAuthority: "JP-A", toAuthority: "CN-A", channel: .centralAuthority,
            basisID: "TREATY", subject: "Subject \(text)", items: ["\(text) first item", "Second item \(text)"],
            sentDate: TestWorld.date("2011-09-30"), counterpartReference: "Their ref \(text)", note: "Request note \(text)"),
            by: Clerk(name: "Tester", today: TestWorld.date("2011-09-30")))
        _ = try store.translate(.request, "REQ-H", lang: "ja", [.subject: ["件名 \(text)"]], reason: "translation", clearance: .secret, by: setup)
        try store.addReply(Reply(
            requestReference: "REQ-H", date: TestWorld.date("2011-10-14"), fromAuthority: "CN-A", kind: .nonCommittal,
            summary: "Reply summary \(text)"), by: Clerk(name: "Tester", today: TestWorld.date("2011-10-14")))
        try store.addFollowUp(FollowUp(
            requestReference: "REQ-H", date: TestWorld.date("2011-11-14"), kind: .noteVerbale, reference: "NV \(text)",
            note: "Follow-up note \(text)"), by: Clerk(name: "Tester", today: TestWorld.date("2011-11-14")))
        try store.addEngagement(Engagement(
            id: "VISIT-H", counterpart: "CN", startDate: TestWorld.date("2011-12-25"), endDate: TestWorld.date("2011-12-26"),
            level: .leaders, title: "Visit title \(text)", place: "Place \(text)", note: "Visit note \(text)"), by: setup)
        let report = try store.stallReport(asOf: TestWorld.date("2011-11-28"), before: "VISIT-H")
        return (world, store, report)
    }

    @Test("every hostile piece at once: escaped in XML and HTML, valid XML, exact round trip")
    func everythingAtOnce() throws {
        let text = Self.everything
        let (world, _, report) = try Self.hostileWorld(text)
        defer { withExtendedLifetime(world) {} }
        let finding = try #require(report.groups.first?.findings.first)
        #expect(finding.isStalled)
        #expect(finding.caseTitle == "Case title \(text)")
        let templates = try StallTemplates()

        let (xml, root) = try templates.xml(report)
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("]]>"))
        #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(xml.contains("&amp;"))
        #expect(!xml.contains("\"quotes\""))
        #expect(xml.contains("\u{202E}RTL override"))
        #expect(xml.contains("🚨 漢字"))

        // Parsed back, every value is exactly what the clerk typed.
        #expect(root.children(named: "title").first?.text == "Pre-summit brief: Visit title \(text)")
        let engagement = try #require(root.children(named: "engagement").first)
        #expect(engagement.children(named: "title").first?.text == "Visit title \(text)")
        #expect(engagement.children(named: "place").first?.text == "Place \(text)")
        #expect(engagement.children(named: "counterpart").first?.text == "China \(text)")
        let findings = try #require(root.children(named: "counterpart-findings").first)
        #expect(findings.children(named: "name").first?.text == "China \(text)")
        let request = try #require(findings.children(named: "request").first)
        #expect(request.children(named: "case-title").first?.text == "Case title \(text)")
        #expect(request.children(named: "subject").first?.text == "Subject \(text)")
        let counterpart = try #require(request.children(named: "counterpart").first)
        #expect(counterpart.text == "China \(text)")
        #expect(counterpart.attribute("authority-name") == "Receiver \(text)")
        let talkingPoint = try #require(request.children(named: "talking-point").first?.text)
        #expect(talkingPoint.contains("Subject \(text)."))
        #expect(talkingPoint.contains("Ask that the Receiver \(text) execute the request"))
        #expect(request.children(named: "next-step").first?.text.contains("Visit title \(text)") == true)

        let html = try templates.renderer.render(report, as: .html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&amp;"))
        #expect(!html.contains("\"quotes\""))
        #expect(!html.contains("'apostrophes'"))
        #expect(!html.contains("]]>"))
        #expect(html.contains("\u{202E}RTL override"))
        #expect(html.contains("🚨 漢字"))
        #expect(html.contains("Case title &lt;script&gt;"))
        #expect(html.contains("Place &lt;script&gt;"))
        #expect(html.contains("Receiver &lt;script&gt;"))
        // Exactly the template's own tags: the one <title> and no extra elements from the data.
        #expect(html.components(separatedBy: "<title>").count == 2)
        #expect(html.components(separatedBy: "<article").count == 2)

        // JSON keeps the text as typed.
        let decoded = try JSONDecoder().decode(StallReport.self, from: Data(try JSONDocument.encode(report).utf8))
        #expect(decoded.groups.first?.findings.first?.subject == "Subject \(text)")
        #expect(decoded.engagement?.place == "Place \(text)")
    }

    @Test("each hostile piece alone in every field", arguments: HostileTextTests.pieces)
    func eachPiece(_ piece: String) throws {
        let (world, _, report) = try Self.hostileWorld(piece)
        defer { withExtendedLifetime(world) {} }
        let templates = try StallTemplates()
        let (xml, root) = try templates.xml(report)
        let html = try templates.renderer.render(report, as: .html)
        for document in [xml, html] {
            #expect(!document.contains("<script>"))
            #expect(!document.contains("]]>"))
            #expect(!document.contains(" \"quotes\""))
            #expect(!document.contains("'apostrophes'"))
        }
        let request = try #require(root.children(named: "counterpart-findings").first?.children(named: "request").first)
        #expect(request.children(named: "case-title").first?.text == "Case title \(piece)")
        #expect(request.children(named: "subject").first?.text == "Subject \(piece)")
        if piece.hasPrefix("<script>") {
            #expect(xml.contains("&lt;script&gt;"))
            #expect(html.contains("&lt;script&gt;"))
        }
    }
}

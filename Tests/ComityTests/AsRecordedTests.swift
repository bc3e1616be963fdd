import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Reports "as recorded": only what had been recorded by the end of a day counts, so the brief
/// given that day comes out again whatever was entered or corrected since.
@Suite("as recorded")
struct AsRecordedTests {
    typealias W = TestWorld

    static func scope(_ asOf: CalendarDate, recordedBy: CalendarDate? = nil) -> ComityStore.StallScope {
        ComityStore.StallScope(asOf: asOf, includeNotStalled: true, recordedBy: recordedBy)
    }

    static func json(_ assessments: [Assessment]) throws -> [String] {
        try assessments.map { a in String(decoding: try JSONStreamWriter.bytes { try a.write(to: &$0) }, as: UTF8.self) }
    }

    static func assessment(_ world: TestWorld, _ reference: String, asOf: CalendarDate, recordedBy: CalendarDate?) throws -> Assessment? {
        try world.store.assessments(scope(asOf, recordedBy: recordedBy)).first { $0.reference == reference }
    }

    @Test("a reply entered late is left out of the report as recorded before it was entered")
    func lateReply() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.store.addReply(
            Reply(requestReference: "R1", date: W.day(10), kind: .acknowledgement, summary: "Received"), by: world.clerk(W.day(40)))
        let now = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: nil))
        #expect(now.replyCount == 1)
        #expect(!now.categories.contains(.noAcknowledgement))
        let then = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(30)))
        #expect(then.replyCount == 0)
        #expect(then.categories.contains(.noAcknowledgement))
        // By the day it was entered, it counts.
        #expect(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(40))?.replyCount == 1)
    }

    @Test("a request entered late is not in the report as recorded before, and its clocks are refused then")
    func lateRequest() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.store.addRequest(
            Request(reference: "R2", caseID: "CASE-A", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
                    basisID: "JP-CN-MLAT", subject: "Entered late", items: ["x"], sentDate: W.day(5)),
            by: world.clerk(W.day(50)))
        let now = try world.store.assessments(Self.scope(W.day(30))).map(\.reference)
        #expect(now == ["R1", "R2"])
        let then = try world.store.assessments(Self.scope(W.day(30), recordedBy: W.day(30))).map(\.reference)
        #expect(then == ["R1"])
        let desk = Desk(store: world.store, clerk: world.clerk(W.day(60)), clearance: .secret, clearanceIsDefault: true)
        #expect(throws: ComityError.self) { try desk.clocks(of: "R2", asOf: W.day(30), asRecorded: W.day(30)) }
        #expect(try desk.clocks(of: "R2", asOf: W.day(30), asRecorded: W.day(50)).reference == "R2")
    }

    @Test("a move entered late leaves the request open in the report as recorded before it")
    func lateMove() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.store.move("R1", to: .withdrawn, on: W.day(20), by: world.clerk(W.day(45)))
        #expect(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: nil) == nil)
        let then = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(30)))
        #expect(then.state == .transmitted)
        #expect(then.isStalled)
    }

    @Test("a follow-up entered late does not count as sent in the report as recorded before it")
    func lateFollowUp() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.store.addFollowUp(FollowUp(requestReference: "R1", date: W.day(25), kind: .reminder), by: world.clerk(W.day(45)))
        #expect(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: nil)?.followUpsSent == 1)
        #expect(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(30))?.followUpsSent == 0)
        #expect(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(45))?.followUpsSent == 1)
    }

    @Test("corrections recorded later are undone in the report as recorded before them, and kept after")
    func laterCorrections() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.reply("R1", on: W.day(3), .acknowledgement)
        try world.engagement("SUMMIT", start: W.day(70), level: .leaders, title: "Summit in Beijing")
        let desk = Desk(store: world.store, clerk: world.clerk(W.day(40)), clearance: .secret, clearanceIsDefault: true)
        let reply = try #require(try desk.replies(to: "R1").first?.id)
        _ = try desk.editReply(id: reply, reason: "it was non-committal") { $0.kind = .nonCommittal }
        _ = try desk.editRequest("R1", reason: "typo") { $0.subject = "Tracing the servers" }
        _ = try desk.editCase("CASE-A", reason: "retitled") { $0.title = "Intrusion into a shipyard" }
        _ = try desk.editEngagement("SUMMIT", reason: "moved") { $0.startDate = W.day(150); $0.endDate = W.day(150) }

        let now = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: nil))
        #expect(now.lastReplyKind == .nonCommittal)
        #expect(now.subject == "Tracing the servers")
        #expect(now.caseTitle == "Intrusion into a shipyard")
        #expect(now.engagement == nil)

        let then = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(30)))
        #expect(then.lastReplyKind == .acknowledgement)
        #expect(then.subject == "Tracing the source of the intrusion")
        #expect(then.caseTitle == "Intrusion into a test company")
        #expect(then.engagement?.id == "SUMMIT")
        #expect(then.recommendedStep == .talkingPoints)

        let after = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(40)))
        #expect(after.lastReplyKind == .nonCommittal)
        #expect(after.subject == "Tracing the servers")

        // The letter drafted as recorded then quotes the subject as it then stood.
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let spec = LetterSpec(reference: "R1", kind: .talkingPoints, date: W.day(30), recordedBy: W.day(30))
        let letter = try desk.previewLetter(spec, renderer: renderer)
        #expect(letter.document.contains("Tracing the source of the intrusion"))
        #expect(!letter.document.contains("Tracing the servers<"))
        var issued = spec
        issued.date = W.day(40)
        #expect(throws: ComityError.self) { try desk.issueLetters([issued], renderer: renderer) }
    }

    @Test("a meeting rescheduled later keeps its old dates in the report as recorded before")
    func laterReschedule() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.engagement("SUMMIT", start: W.day(70), end: W.day(71))
        try world.store.reschedule("SUMMIT", start: W.day(200), end: W.day(200), by: world.clerk(W.day(40)))
        #expect(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: nil)?.engagement == nil)
        let then = try #require(try Self.assessment(world, "R1", asOf: W.day(30), recordedBy: W.day(30))?.engagement)
        #expect(then.startDate == W.day(70))
        #expect(then.endDate == W.day(71))
        #expect(RecordedView.oldSpan("from 2011-12-25 to 2012-01-02") ?? (W.day(0), W.day(0)) == (W.date("2011-12-25"), W.date("2011-12-25")))
        #expect(RecordedView.oldSpan("moved for the election") == nil)
    }

    @Test("a day after which nothing was recorded gives the report as of that day")
    func nothingLater() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.reply("R1", on: W.day(3), .acknowledgement)
        let plain = try world.store.assessments(Self.scope(W.day(30)))
        let recorded = try world.store.assessments(Self.scope(W.day(30), recordedBy: W.day(90)))
        #expect(try Self.json(plain) == Self.json(recorded))
    }

    @Test("--as-recorded after today is refused")
    func future() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        let desk = Desk(store: world.store, clerk: world.clerk(W.day(10)), clearance: .secret, clearanceIsDefault: true)
        #expect(throws: ComityError.self) { try desk.stallReport(asOf: W.day(10), asRecorded: W.day(11)) }
    }

    @Test("the demo's brief of 2011-11-28 comes out again as recorded on 2011-12-01, and on 2011-11-28 the visit was still planned for 12–13 December")
    func demoBrief() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let desk = try Desk.create(.sqlite(path: dir.appendingPathComponent("demo.sqlite").path), clerk: Clerk(name: "t", today: W.date("2012-03-01")))
        try DemoWorld.load(into: desk)
        let day = W.date("2011-11-28")
        let plain = try desk.stallReport(asOf: day, before: "NODA-BEIJING-2011")
        let recorded = try desk.stallReport(asOf: day, before: "NODA-BEIJING-2011", asRecorded: W.date("2011-12-01"))
        #expect(!plain.groups.isEmpty)
        #expect(try Self.json(plain.groups.flatMap(\.findings)) == Self.json(recorded.groups.flatMap(\.findings)))
        #expect(recorded.scope.asRecorded == W.date("2011-12-01"))
        #expect(recorded.text.contains("As recorded at the end of 2011-12-01"))
        // The postponement was recorded on 2011-12-01.
        let planned = try desk.stallReport(asOf: day, before: "NODA-BEIJING-2011", asRecorded: day)
        #expect(planned.engagement?.startDate == W.date("2011-12-12"))
        #expect(plain.engagement?.startDate == W.date("2011-12-25"))
        #expect(!plain.text.contains("As recorded"))
    }

    @Test("on a world recorded day by day, the report as recorded on a day is the report as of it, on one connection or several")
    func synthetic() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 800)
        for back in [0, 20, 365] {
            let day = SyntheticWorldTests.today.adding(days: -back)
            let plain = try StallStreamTests.run(store, ComityStore.StallScope(asOf: day), chunkSize: 1_000_000, workers: 1)
            #expect(plain.json.count > 5)
            for (chunkSize, workers) in [(1_000_000, 1), (37, 3)] {
                let recorded = try StallStreamTests.run(
                    store, ComityStore.StallScope(asOf: day, recordedBy: day), chunkSize: chunkSize, workers: workers)
                #expect(recorded.json == plain.json, "\(back) days back, chunks of \(chunkSize)")
            }
            // As recorded a year earlier still, requests closed since were open, and later ones unknown.
            let earlier = try StallStreamTests.run(
                store, ComityStore.StallScope(asOf: day, recordedBy: day.adding(days: -365)), chunkSize: 1_000_000, workers: 1)
            #expect(earlier.json != plain.json)
        }
    }
}

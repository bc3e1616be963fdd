import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// What came of a request at a meeting is corrected like any other record, and a report as
/// recorded before the correction gives the advice of then.
@Suite("outcome corrections")
struct OutcomeCorrectionTests {
    typealias W = TestWorld

    @Test("an outcome's response is corrected, in the request's history, and undone as recorded before")
    func correctResponse() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.engagement("SUMMIT", start: W.day(60), end: W.day(61))
        let recording = Desk(store: world.store, clerk: world.clerk(W.day(61)), clearance: .secret, clearanceIsDefault: true)
        let outcome = try recording.addOutcome(EngagementOutcome(
            engagementID: "SUMMIT", requestReference: "R1", date: W.day(61), raised: true, raisedBy: "Prime Minister", response: "none"))
        let id = try #require(outcome.id)

        let desk = Desk(store: world.store, clerk: world.clerk(W.day(80)), clearance: .secret, clearanceIsDefault: true)
        let events = try desk.editOutcome(id: id, reason: "the readout came in") { $0.response = "would look into it" }
        #expect(events.map(\.field) == ["response"])
        #expect(events.first?.oldValue == "none")
        #expect(try desk.history(of: "R1").contains { $0.action == .corrected && $0.subjectType == .outcome && $0.subjectID == String(id) })

        let now = try #require(try desk.clocks(of: "R1", asOf: W.day(75)))
        #expect(now.nextStep.contains("would look into it"), "\(now.nextStep)")
        let then = try #require(try desk.clocks(of: "R1", asOf: W.day(75), asRecorded: W.day(75)))
        #expect(then.nextStep.contains("“none”"), "\(then.nextStep)")
        #expect(!then.nextStep.contains("would look into it"))

        // It stays with its request and engagement, on a day of that engagement.
        #expect(throws: ComityError.self) { try desk.editOutcome(id: id, reason: "x") { $0.engagementID = "OTHER" } }
        #expect(throws: ComityError.self) { try desk.editOutcome(id: id, reason: "x") { $0.date = W.day(65) } }
        #expect(throws: ComityError.self) { try desk.editOutcome(id: id, reason: "x") { $0.raised = false } }
        #expect(try desk.outcomes(of: "R1").first?.response == "would look into it")
    }

    @Test("a reply's Japanese summary is translated and cleared, each change in its history")
    func summaryJa() throws {
        let world = try TestWorld()
        try world.send("R1", on: W.day(0))
        try world.reply("R1", on: W.day(3), .nonCommittal)
        let desk = Desk(store: world.store, clerk: world.clerk(W.day(10)), clearance: .secret, clearanceIsDefault: true)
        let reply = try #require(try desk.replies(to: "R1").first?.id)
        let set = try desk.translate(.reply, String(reply), lang: "ja", [.summary: ["関係当局に照会する"]], reason: "translation")
        #expect(set.map(\.field) == ["summary@ja"] && set.first?.action == .corrected)
        #expect(set.first?.oldValue == nil)
        #expect(try desk.translations(of: .reply, String(reply)).map(\.text) == ["関係当局に照会する"])
        let cleared = try desk.translate(.reply, String(reply), lang: "ja", [.summary: nil], reason: "wrong")
        #expect(cleared.first?.oldValue == "関係当局に照会する" && cleared.first?.newValue == nil)
        #expect(try desk.translations(of: .reply, String(reply)).isEmpty)
    }
}

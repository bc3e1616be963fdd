import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

extension TestWorld {
    /// Records the outcome of `reference` at engagement `id`.
    @discardableResult
    func outcome(
        _ id: String, _ reference: String, on date: CalendarDate, raised: Bool = true, by: String = "Prime Minister",
        response: String = "none", commitment: String = "", commitmentDate: CalendarDate? = nil
    ) throws -> EngagementOutcome {
        try store.addOutcome(EngagementOutcome(
            engagementID: id, requestReference: reference, date: date, raised: raised, raisedBy: raised ? by : "",
            response: response, commitment: commitment, commitmentDate: commitmentDate), by: clerk(date))
    }
}

/// The escalation ladder after meetings, and briefs that are not letters.
@Suite("Escalation ladder")
struct EscalationLadderTests {
    private func d(_ n: Int) -> CalendarDate { TestWorld.day(n) }

    @Test("a talking-points brief climbs no rung and starts no follow-up clock; once its meeting is past, its outcome is asked for")
    func briefIsNoLetter() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(10), .nonCommittal)
        try world.followUp("R-1", on: d(40), .talkingPoints)
        let a = try #require(try world.assessment("R-1", asOf: d(60)))
        #expect(a.ladderStep == .reminder)
        #expect(a.recommendedStep == nil)
        #expect(a.nextStep.hasPrefix("record what came of it at the meeting the brief of \(d(40).iso) was for ('comity engagement outcome ENGAGEMENT R-1"))
        #expect(a.followUpsSent == 0)
        #expect(a.lastFollowUp == nil)
        let clock = try #require(a.clocks.first { $0.kind == .followUp })
        #expect(clock.rule.contains("after the request was sent"))
        #expect(clock.start == d(0))
    }

    @Test("without a meeting in the window the top of the ladder is another ministerial letter, never a leaders' meeting")
    func noLeadersMeetingForever() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        for (n, step) in [(30, EscalationStep.reminder), (60, .noteVerbale), (90, .aideMemoire), (120, .ministerial), (140, .talkingPoints)] {
            try world.followUp("R-1", on: d(n), step)
        }
        try world.engagement("SUMMIT", start: d(150))
        try world.outcome("SUMMIT", "R-1", on: d(150))
        for (n, step) in [(160, EscalationStep.noteVerbale), (190, .aideMemoire), (220, .ministerial)] {
            try world.followUp("R-1", on: d(n), step)
        }
        for day in [251, 400, 2000] {
            let a = try #require(try world.assessment("R-1", asOf: d(day)))
            #expect(a.recommendedStep == .ministerial)
            #expect(a.ladderStep == .ministerial)
            #expect(a.nextStep.hasPrefix("send a ministerial letter again"))
            #expect(a.nextStep.contains("comity engagement add"))
        }
        // A meeting in the window brings the talking point back.
        try world.engagement("SUMMIT-2", start: d(2030))
        let a = try #require(try world.assessment("R-1", asOf: d(2000)))
        #expect(a.recommendedStep == .talkingPoints)
    }

    @Test("after a summit at which it was raised, the next step is a note verbale citing the meeting, not the bottom rung")
    func afterTheSummit() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(10), .nonCommittal)
        try world.engagement("SUMMIT", start: d(80), end: d(81), title: "Summit in Beijing")
        let before = try #require(try world.assessment("R-1", asOf: d(81)))
        #expect(before.recommendedStep == .talkingPoints)

        try world.outcome("SUMMIT", "R-1", on: d(81), by: "Prime Minister Noda")
        let after = try #require(try world.assessment("R-1", asOf: d(81)))
        #expect(after.recommendedStep == .noteVerbale)
        #expect(after.engagement == nil)
        #expect(after.lastMeeting?.engagement.id == "SUMMIT")
        #expect(after.nextStep.contains("following up on Summit in Beijing"))
        #expect(after.nextStep.contains("Prime Minister Noda raised it"))
        #expect(after.nextStep.contains("“none”"))
        #expect(after.talkingPoint.contains("Prime Minister Noda raised it at Summit in Beijing"))

        // The note verbale sent, the ladder climbs from there; a new summit in the window brings it back.
        try world.followUp("R-1", on: d(90), .noteVerbale)
        #expect(try world.assessment("R-1", asOf: d(130))?.recommendedStep == .aideMemoire)
        try world.engagement("SUMMIT-2", start: d(170))
        let again = try #require(try world.assessment("R-1", asOf: d(130)))
        #expect(again.recommendedStep == .talkingPoints)
        #expect(again.engagement?.id == "SUMMIT-2")
    }

    @Test("a letter sent before the summit does not count as following it up")
    func lettersBeforeTheMeeting() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(10), .nonCommittal)
        try world.followUp("R-1", on: d(45), .ministerial)
        try world.engagement("SUMMIT", start: d(80))
        try world.outcome("SUMMIT", "R-1", on: d(80))
        let a = try #require(try world.assessment("R-1", asOf: d(100)))
        #expect(a.recommendedStep == .noteVerbale)
    }

    @Test("a commitment made at the meeting is a promise clock: wait for it, then follow up when it is broken")
    func commitmentIsAPromise() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(10), .nonCommittal)
        try world.engagement("SUMMIT", start: d(80))
        try world.outcome("SUMMIT", "R-1", on: d(80), response: "China will look into it", commitment: "to reply through the central authority",
                          commitmentDate: d(120))
        let waiting = try #require(try world.assessment("R-1", asOf: d(100)))
        let promise = try #require(waiting.clocks.first { $0.kind == .promise })
        #expect(promise.due == d(120))
        #expect(promise.status == .running)
        #expect(promise.rule.contains("committed to at Summit in Beijing"))
        #expect(waiting.recommendedStep == nil)
        #expect(waiting.nextStep.hasPrefix("wait for what China committed to"))
        #expect(waiting.nextStep.contains(d(120).iso))

        let broken = try #require(try world.assessment("R-1", asOf: d(121)))
        #expect(broken.categories.contains(.promiseBroken))
        #expect(broken.recommendedStep == .noteVerbale)
    }

    @Test("a request not raised at a meeting is not put to that meeting again, and climbs on from its letters")
    func notRaised() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(10), .nonCommittal)
        try world.engagement("SUMMIT", start: d(80), end: d(81))
        try world.outcome("SUMMIT", "R-1", on: d(80), raised: false, response: "")
        let a = try #require(try world.assessment("R-1", asOf: d(80)))
        #expect(a.engagement == nil)
        #expect(a.lastMeeting == nil)
        #expect(a.recommendedStep == .reminder)
    }

    @Test("an outcome is refused where it cannot be true, in one sentence naming what to fix")
    func outcomeRules() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.send("R-US", on: d(0), from: "JP-MOJ", to: "US-DOJ", basis: nil)
        try world.engagement("SUMMIT", start: d(80), end: d(81))
        func refusal(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(refusal { try world.outcome("SUMMIT", "R-1", on: d(85)) }.contains("must fall within it"))
        #expect(refusal { try world.outcome("SUMMIT", "R-US", on: d(80)) }.contains("was with CN"))
        #expect(refusal { try world.outcome("NONE", "R-1", on: d(80)) }.contains("NONE"))
        #expect(refusal {
            try world.store.addOutcome(EngagementOutcome(engagementID: "SUMMIT", requestReference: "R-1", date: d(80), raised: true), by: world.clerk(d(80)))
        }.contains("--by"))
        #expect(refusal {
            try world.store.addOutcome(EngagementOutcome(engagementID: "SUMMIT", requestReference: "R-1", date: d(80), raised: false, raisedBy: "X"),
                                       by: world.clerk(d(80)))
        }.contains("not raised"))
        #expect(refusal {
            try world.store.addOutcome(EngagementOutcome(engagementID: "SUMMIT", requestReference: "R-1", date: d(80), raised: true, raisedBy: "X"),
                                       by: world.clerk(d(79)))
        }.contains("after today"))
        try world.outcome("SUMMIT", "R-1", on: d(80))
        #expect(refusal { try world.outcome("SUMMIT", "R-1", on: d(81)) }.contains("already recorded"))
        #expect(try world.store.outcomes(of: "R-1", clearance: .secret).count == 1)
    }

    @Test("a talking point mentions a hard limit only inside the warning window, and a passed one as passed")
    func talkingPointDeadlines() throws {
        let world = try TestWorld()
        try world.addCase("CASE-FAR", limitation: d(1000))
        try world.addCase("CASE-NEAR", limitation: d(100))
        try world.send("R-FAR", on: d(0), case: "CASE-FAR")
        try world.send("R-NEAR", on: d(0), case: "CASE-NEAR")
        let far = try #require(try world.assessment("R-FAR", asOf: d(60)))
        #expect(!far.talkingPoint.contains("Time is short"))
        #expect(!far.talkingPoint.contains("limitation"))
        let near = try #require(try world.assessment("R-NEAR", asOf: d(60)))
        #expect(near.talkingPoint.contains("Time is short: the limitation period of case CASE-NEAR runs out on"))
        #expect(near.talkingPoint.contains("in 40 days"))
        let passed = try #require(try world.assessment("R-NEAR", asOf: d(130)))
        #expect(passed.talkingPoint.contains("The time limit passed on"))
        #expect(passed.talkingPoint.range(of: #"-\d"#, options: .regularExpression) == nil)
    }

    @Test("talking points quote the reply as recorded, or name its kind; never a fixed phrase, never a claim of evidence")
    func talkingPointWords() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.store.addReply(
            Reply(requestReference: "R-1", date: d(5), kind: .nonCommittal, summary: "Forwarded to the competent department."), by: world.clerk(d(5)))
        try world.send("R-2", on: d(0))
        try world.reply("R-2", on: d(5), .premiseRejected)
        let a = try #require(try world.assessment("R-1", asOf: d(60)))
        #expect(a.talkingPoint.contains("was non-committal"))
        #expect(!a.talkingPoint.contains("relevant authorities"))
        let b = try #require(try world.assessment("R-2", asOf: d(60)))
        #expect(b.talkingPoint.contains("rejected the premise"))
        #expect(!b.talkingPoint.contains("evidence"))
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The stall engine on small constructed histories: each category appears on the day its
/// threshold is reached and not the day before, with the finding's fields filled in.
@Suite("Stall engine")
struct StallEngineTests {
    private func d(_ n: Int) -> CalendarDate { TestWorld.day(n) }

    // MARK: - One test per category, at the threshold and one day short

    @Test("no acknowledgement after 21 days without any reply")
    func noAcknowledgement() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))

        let short = try #require(try world.assessment("R-1", asOf: d(20)))
        #expect(short.categories.isEmpty)
        #expect(!short.isStalled)
        #expect(short.nextStep == "wait: no step needed yet")
        #expect(try world.stalled(asOf: d(20)).isEmpty)

        let a = try #require(try world.stalled(asOf: d(21)).first)
        #expect(a.reference == "R-1")
        #expect(a.category == .noAcknowledgement)
        #expect(a.categories == [.noAcknowledgement])
        #expect(a.ballWith == .them)
        #expect(a.state == .transmitted)
        #expect(a.daysSinceSent == 21)
        #expect(a.lastReplyDate == nil)
        #expect(a.daysSinceLastReply == nil)
        #expect(a.daysSinceLastSubstantiveReply == nil)
        #expect(a.replyCount == 0)
        #expect(a.followUpsSent == 0)
        #expect(a.severity == .medium)
        #expect(a.ladderStep == .reminder)
        #expect(a.recommendedStep == .reminder)
        #expect(a.nextStep == "send a working-level reminder")
        #expect(a.counterpart == "CN")
        #expect(a.counterpartName == "China")
        #expect(a.toAuthorityName == "Ministry of Public Security")
    }

    @Test("acknowledged only 45 days after a bare acknowledgement")
    func acknowledgedOnly() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(2), .acknowledgement)

        #expect(try world.categories("R-1", asOf: d(46)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(47)))
        #expect(a.categories == [.acknowledgedOnly])
        #expect(a.state == .acknowledged)
        #expect(a.ballWith == .them)
        #expect(a.daysSinceSent == 47)
        #expect(a.lastReplyKind == .acknowledgement)
        #expect(a.daysSinceLastReply == 45)
        #expect(a.daysSinceLastSubstantiveReply == nil)
        #expect(a.severity == .low)
        #expect(a.nextStep == "send a working-level reminder")
    }

    @Test("an acknowledgement after a substantive reply is not 'acknowledged only'")
    func acknowledgementAfterSubstance() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(1), .interimStatus)
        try world.reply("R-1", on: d(2), .acknowledgement)
        let a = try #require(try world.assessment("R-1", asOf: d(100)))
        #expect(!a.categories.contains(.acknowledgedOnly))
        #expect(a.daysSinceLastSubstantiveReply == 99)
        #expect(a.lastSubstantiveReplyDate == d(1))
    }

    @Test("non-committal 30 days after a non-committal reply")
    func nonCommittal() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(3), .nonCommittal)

        #expect(try world.categories("R-1", asOf: d(32)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(33)))
        #expect(a.categories == [.nonCommittal])
        #expect(a.ballWith == .them)
        #expect(a.daysSinceLastReply == 30)
        #expect(a.daysSinceLastSubstantiveReply == nil)
        #expect(a.severity == .medium)
    }

    @Test("premise rejected at once by default, and after premise-days when set")
    func premiseRejected() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(5), .premiseRejected)

        #expect(try world.categories("R-1", asOf: d(4)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(5)))
        #expect(a.categories == [.premiseRejected])
        #expect(a.severity == .high)
        #expect(a.ballWith == .them)
        // A rejection of the premise moves nothing: the request is still transmitted.
        #expect(a.state == .transmitted)
        #expect(a.daysSinceLastSubstantiveReply == nil)

        try world.set("premise-days", "7")
        #expect(try world.categories("R-1", asOf: d(11)).isEmpty)
        #expect(try world.categories("R-1", asOf: d(12)) == [.premiseRejected])
    }

    @Test("supplement loop: blocked on us 30 days after the counterpart asked for more")
    func supplementLoop() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(1), .acknowledgement)
        try world.reply("R-1", on: d(10), .supplementRequest)

        let short = try #require(try world.assessment("R-1", asOf: d(39)))
        #expect(short.categories.isEmpty)
        #expect(short.ballWith == .us)

        let a = try #require(try world.assessment("R-1", asOf: d(40)))
        #expect(a.categories == [.supplementLoop])
        #expect(a.state == .supplementRequested)
        #expect(a.ballWith == .us)
        #expect(a.ladderStep == nil)
        #expect(a.recommendedStep == nil)
        #expect(a.nextStep == "send the further information the counterpart asked for; the response clock stands still until we do")
        #expect(a.severity == .medium)
        // A supplement request is substantive: it is the last substantive reply.
        #expect(a.daysSinceLastSubstantiveReply == 30)
        #expect(a.responseDue == nil)
        let response = try #require(a.clocks.first { $0.kind == .response })
        #expect(response.status == .stopped)
        #expect(response.due == nil)
        #expect(a.talkingPoint.contains("We owe the next step"))
    }

    @Test("a second supplement request is a loop at once")
    func supplementAskedTwice() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(10), .supplementRequest)
        #expect(try world.categories("R-1", asOf: d(12)).isEmpty)
        try world.reply("R-1", on: d(12), .supplementRequest, keepState: true)
        #expect(try world.categories("R-1", asOf: d(12)) == [.supplementLoop])
    }

    @Test("postponed 60 days after a postponement")
    func postponed() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(1), .acknowledgement)
        try world.reply("R-1", on: d(10), .postponement)

        #expect(try world.categories("R-1", asOf: d(69)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(70)))
        #expect(a.categories == [.postponed])
        #expect(a.state == .postponed)
        #expect(a.ballWith == .them)
        #expect(a.severity == .low)
        #expect(a.daysSinceLastSubstantiveReply == 60)
    }

    @Test("promise broken the day after the promised date, unless a substantive reply came")
    func promiseBroken() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(5), .interimStatus, promised: d(40))
        try world.send("R-2", on: d(0))
        try world.reply("R-2", on: d(5), .interimStatus, promised: d(40))
        try world.reply("R-2", on: d(35), .partialResults)

        #expect(try world.categories("R-1", asOf: d(40)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(41)))
        #expect(a.categories == [.promiseBroken])
        #expect(a.severity == .high)
        #expect(a.daysSinceLastSubstantiveReply == 36)
        let promise = try #require(a.clocks.first { $0.kind == .promise })
        #expect(promise.status == .passed)
        #expect(promise.due == d(40))

        let kept = try #require(try world.assessment("R-2", asOf: d(41)))
        #expect(!kept.categories.contains(.promiseBroken))
        #expect(kept.clocks.first { $0.kind == .promise }?.status == .met)
    }

    @Test("overdue the day after the response is due")
    func overdue() throws {
        let world = try TestWorld()
        // No period in the basis: the central-authority channel's default of 30 calendar days applies.
        try world.send("R-1", on: d(0), basis: nil)
        try world.reply("R-1", on: d(2), .interimStatus)

        let short = try #require(try world.assessment("R-1", asOf: d(30)))
        #expect(short.categories.isEmpty)
        #expect(short.responseDue == d(30))

        let a = try #require(try world.assessment("R-1", asOf: d(31)))
        #expect(a.categories == [.overdue])
        #expect(a.responseDue == d(30))
        #expect(a.severity == .medium)
        #expect(a.daysSinceLastSubstantiveReply == 29)
    }

    @Test("very overdue after twice the response period; critical after three follow-ups")
    func veryOverdue() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0), basis: nil)
        try world.reply("R-1", on: d(2), .interimStatus)

        #expect(try world.categories("R-1", asOf: d(60)) == [.overdue])
        let a = try #require(try world.assessment("R-1", asOf: d(61)))
        #expect(a.categories == [.veryOverdue])
        #expect(a.severity == .high)

        try world.followUp("R-1", on: d(31), .reminder)
        try world.followUp("R-1", on: d(41), .noteVerbale)
        #expect(try world.assessment("R-1", asOf: d(61))?.severity == .high)
        try world.followUp("R-1", on: d(51), .aideMemoire)
        let chased = try #require(try world.assessment("R-1", asOf: d(61)))
        #expect(chased.severity == .critical)
        #expect(chased.followUpsSent == 3)
        #expect(chased.lastFollowUp?.kind == .aideMemoire)
    }

    @Test("hard limit approaching 90 days before the case's limitation date; critical inside 30")
    func hardLimitApproaching() throws {
        let world = try TestWorld()
        try world.addCase("CASE-L", limitation: d(200))
        try world.send("R-1", on: d(0), case: "CASE-L")
        try world.reply("R-1", on: d(1), .interimStatus)

        #expect(try world.categories("R-1", asOf: d(109)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(110)))
        #expect(a.categories == [.hardLimitApproaching])
        #expect(a.severity == .high)
        #expect(a.hardLimit?.date == d(200))
        #expect(a.hardLimit?.daysLeft == 90)
        #expect(a.hardLimit?.what == "limitation period of case CASE-L runs out")
        #expect(a.talkingPoint.contains("Time is short"))

        #expect(try world.assessment("R-1", asOf: d(169))?.severity == .high)
        #expect(try world.assessment("R-1", asOf: d(170))?.severity == .critical)
    }

    @Test("hard limit approaching before preserved data expire")
    func preservationExpiry() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0), preservedUntil: d(150))
        try world.reply("R-1", on: d(1), .interimStatus)

        #expect(try world.categories("R-1", asOf: d(59)).isEmpty)
        let a = try #require(try world.assessment("R-1", asOf: d(60)))
        #expect(a.categories == [.hardLimitApproaching])
        #expect(a.hardLimit?.what == "preserved data expire")
        #expect(a.hardLimit?.daysLeft == 90)
    }

    @Test("a hard limit that has passed is named as passed, and the step is to ask whether the request still serves")
    func hardLimitPassed() throws {
        let world = try TestWorld()
        try world.addCase("CASE-L", limitation: d(200))
        try world.send("R-1", on: d(0), case: "CASE-L")
        try world.reply("R-1", on: d(1), .interimStatus)

        #expect(try world.assessment("R-1", asOf: d(200))?.categories.first == .hardLimitApproaching)
        let a = try #require(try world.assessment("R-1", asOf: d(201)))
        #expect(a.category == .hardLimitPassed)
        #expect(!a.categories.contains(.hardLimitApproaching))
        #expect(a.hardLimit?.daysLeft == -1)
        #expect(a.severity == .high)
        #expect(a.nextStep.contains("withdraw it if not"))
        #expect(a.nextStep.contains(d(200).iso))
        #expect(a.recommendedStep == nil)
        #expect(!a.talkingPoint.contains("Time is short"))
    }

    @Test(
        "a long-past hard limit does not hide one that is approaching")
    func nearestHardLimit() throws {
        let world = try TestWorld()
        try world.addCase("CASE-L", limitation: d(260))
        try world.send("R-1", on: d(0), case: "CASE-L", preservedUntil: d(0))
        try world.reply("R-1", on: d(1), .interimStatus)
        let a = try #require(try world.assessment("R-1", asOf: d(200)))
        #expect(a.categories.contains(.hardLimitApproaching))
        #expect(a.hardLimit?.date == d(260))
        #expect(a.hardLimit?.daysLeft == 60)
        #expect(a.talkingPoint.contains("Time is short"))
    }

    // MARK: - Several categories at once

    @Test("categories are listed main one first, in the documented order")
    func categoryOrder() throws {
        #expect(StallCategory.allCases.sorted() == [
            .hardLimitPassed, .hardLimitApproaching, .promiseBroken, .premiseRejected, .nonCommittal, .supplementLoop,
            .postponed, .noAcknowledgement, .acknowledgedOnly, .veryOverdue, .overdue,
        ])
        let world = try TestWorld()
        try world.addCase("CASE-L", limitation: d(120))
        try world.send("R-1", on: d(0), case: "CASE-L", basis: nil)
        try world.reply("R-1", on: d(3), .nonCommittal)
        let a = try #require(try world.assessment("R-1", asOf: d(40)))
        #expect(a.categories == [.hardLimitApproaching, .nonCommittal, .overdue])
        #expect(a.category == .hardLimitApproaching)
    }

    @Test("urgency raises severity one level")
    func urgencyRaisesSeverity() throws {
        let world = try TestWorld()
        try world.send("R-ROUTINE", on: d(0), urgency: .routine)
        try world.send("R-URGENT", on: d(0), urgency: .urgent)
        try world.send("R-IMMEDIATE", on: d(0), urgency: .immediate)
        try world.send("R-PREMISE", on: d(0), urgency: .immediate)
        try world.reply("R-PREMISE", on: d(1), .premiseRejected)
        let all = Dictionary(uniqueKeysWithValues: try world.stalled(asOf: d(21)).map { ($0.reference, $0) })
        #expect(all["R-ROUTINE"]?.severity == .medium)
        #expect(all["R-URGENT"]?.severity == .high)
        #expect(all["R-IMMEDIATE"]?.severity == .high)
        #expect(all["R-PREMISE"]?.severity == .critical)
        #expect(Severity.low < .medium && Severity.medium < .high && Severity.high < .critical)
    }

    // MARK: - The escalation ladder and the next step

    @Test("the ladder climbs one rung above the highest letter sent, up to the ministerial letter without a meeting in view")
    func escalationLadder() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        let steps: [(EscalationStep, EscalationStep, String)] = [
            (.reminder, .noteVerbale, "send a note verbale"),
            (.noteVerbale, .aideMemoire, "have the ambassador make a démarche, leaving an aide-mémoire"),
            (.aideMemoire, .ministerial, "send a ministerial letter"),
            (.ministerial, .ministerial,
             "send a ministerial letter again; no meeting with the counterpart at which to raise it is recorded in the look-ahead window (record one with 'comity engagement add')"),
        ]
        #expect(try world.assessment("R-1", asOf: d(21))?.recommendedStep == .reminder)
        for (index, (sent, next, words)) in steps.enumerated() {
            let day = 22 + 2 * index
            try world.followUp("R-1", on: d(day), sent)
            let a = try #require(try world.assessment("R-1", asOf: d(day + 1)))
            #expect(a.followUpsSent == index + 1)
            #expect(a.lastFollowUp?.kind == sent)
            #expect(a.ladderStep == next)
            #expect(a.recommendedStep == next)
            #expect(a.nextStep == words)
        }
    }

    @Test("a reminder after a note verbale does not step the ladder back down")
    func ladderUsesHighestRung() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.followUp("R-1", on: d(22), .noteVerbale)
        try world.followUp("R-1", on: d(30), .reminder)
        let a = try #require(try world.assessment("R-1", asOf: d(31)))
        #expect(a.ladderStep == .aideMemoire)
        #expect(a.lastFollowUp?.kind == .reminder)
        #expect(a.followUpsSent == 2)
    }

    @Test("a talking point when a senior engagement with the counterpart is inside the look-ahead window")
    func talkingPointInsideWindow() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.engagement("SUMMIT", start: d(81), end: d(82), title: "Leaders' summit")

        let outside = try #require(try world.assessment("R-1", asOf: d(20)))
        #expect(outside.engagement == nil)
        #expect(outside.recommendedStep == nil)

        let inside = try #require(try world.assessment("R-1", asOf: d(21)))
        #expect(inside.categories == [.noAcknowledgement])
        #expect(inside.engagement?.id == "SUMMIT")
        #expect(inside.engagement?.daysUntil == 60)
        #expect(inside.recommendedStep == .talkingPoints)
        #expect(inside.ladderStep == .reminder)
        #expect(inside.nextStep == "raise it as a talking point at Leaders' summit (27–28 March 2020, in 60 days)")
        #expect(inside.talkingPoint.hasPrefix("Raise our request of 6 January 2020 (R-1): Tracing the source of the intrusion."))
        #expect(inside.talkingPoint.contains("China has not acknowledged it in 21 days."))
        #expect(inside.talkingPoint.hasSuffix("Ask that the Ministry of Public Security execute the request and name a point of contact."))

        // One day ahead reads "in 1 day".
        let eve = try #require(try world.assessment("R-1", asOf: d(80)))
        #expect(eve.nextStep == "raise it as a talking point at Leaders' summit (27–28 March 2020, in 1 day)")
        #expect(eve.talkingPoint.contains("China has not acknowledged it in 80 days."))
    }

    @Test("no talking point when the engagement is one day beyond the look-ahead window")
    func talkingPointOutsideWindow() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.engagement("SUMMIT", start: d(82))
        let a = try #require(try world.assessment("R-1", asOf: d(21)))
        #expect(a.engagement == nil)
        #expect(a.recommendedStep == .reminder)
        #expect(a.nextStep == "send a working-level reminder")

        try world.set("lookahead-days", "61", for: .centralAuthority)
        let wider = try #require(try world.assessment("R-1", asOf: d(21)))
        #expect(wider.recommendedStep == .talkingPoints)
        #expect(wider.engagement?.daysUntil == 61)
    }

    @Test("a working-level meeting is no place for a talking point; another state's summit is not ours")
    func talkingPointNeedsSeniorEngagementWithCounterpart() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.engagement("US-SUMMIT", with: "US", start: d(30), level: .leaders)
        try world.engagement("CN-WORKING", with: "CN", start: d(40), level: .working, title: "Working-level consultations")
        let a = try #require(try world.assessment("R-1", asOf: d(21)))
        #expect(a.engagement?.id == "CN-WORKING")
        #expect(a.recommendedStep == .reminder)
        #expect(a.nextStep == "send a working-level reminder")
    }

    @Test(
        "a leaders' summit inside the window is recommended even when a working-level meeting comes first")
    func summitBehindWorkingMeeting() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.engagement("CN-WORKING", start: d(30), level: .working, title: "Working-level consultations")
        try world.engagement("CN-SUMMIT", start: d(50), level: .leaders, title: "Leaders' summit")
        let a = try #require(try world.assessment("R-1", asOf: d(21)))
        #expect(a.recommendedStep == .talkingPoints)
        #expect(a.nextStep.contains("Leaders' summit"))
    }

    @Test("with the ball on our side the next step is our own homework, even before a summit")
    func ballWithUsBeforeSummit() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(1), .supplementRequest)
        try world.engagement("SUMMIT", start: d(50))
        let a = try #require(try world.assessment("R-1", asOf: d(31)))
        #expect(a.categories == [.supplementLoop])
        #expect(a.ballWith == .us)
        #expect(a.engagement?.id == "SUMMIT")
        #expect(a.recommendedStep == nil)
        #expect(a.nextStep.hasPrefix("send the further information"))
    }

    // MARK: - Settings

    @Test("per-channel settings override settings for every channel, which override the defaults")
    func perChannelSettings() throws {
        let world = try TestWorld()
        try world.set("no-ack-days", "10")
        try world.set("no-ack-days", "14", for: .centralAuthority)
        try world.send("R-CA", on: d(0), channel: .centralAuthority)
        try world.send("R-POLICE", on: d(0), from: "JP-NPA", channel: .police)
        try world.send("R-247", on: d(0), from: "JP-NPA", channel: .network247)

        #expect(try world.store.settings(for: .centralAuthority).noAckDays == 14)
        #expect(try world.store.settings(for: .police).noAckDays == 10)
        #expect(try world.store.settings(for: .network247).noAckDays == 10)
        #expect(try world.store.settings(for: .police).ackOnlyDays == 45)

        #expect(try world.categories("R-CA", asOf: d(13)).isEmpty)
        #expect(try world.categories("R-CA", asOf: d(14)) == [.noAcknowledgement])
        #expect(try world.categories("R-POLICE", asOf: d(9)).isEmpty)
        #expect(try world.categories("R-POLICE", asOf: d(10)) == [.noAcknowledgement])
        #expect(try world.categories("R-247", asOf: d(10)).contains(.noAcknowledgement))
    }

    @Test("the 24/7 network defaults: 3 days to acknowledge, 7 days to respond")
    func network247Defaults() throws {
        let world = try TestWorld()
        try world.send("R-247", on: d(0), from: "JP-NPA", channel: .network247, basis: nil)
        try world.send("R-POLICE", on: d(0), from: "JP-NPA", channel: .police, basis: nil)
        #expect(try world.categories("R-247", asOf: d(2)).isEmpty)
        #expect(try world.categories("R-247", asOf: d(3)) == [.noAcknowledgement])
        #expect(try world.categories("R-POLICE", asOf: d(3)).isEmpty)
        let a = try #require(try world.assessment("R-247", asOf: d(8)))
        #expect(a.responseDue == d(7))
        #expect(a.categories == [.noAcknowledgement, .overdue])
    }

    @Test("a response-period setting applies when the legal basis sets none")
    func responsePeriodSetting() throws {
        let world = try TestWorld()
        try world.set("response-period", "45 calendar", for: .centralAuthority)
        try world.send("R-DEFAULT", on: d(0), basis: nil)
        try world.send("R-TREATY", on: d(0))
        #expect(try world.assessment("R-DEFAULT", asOf: d(1))?.responseDue == d(45))
        #expect(try world.assessment("R-TREATY", asOf: d(1))?.responseDue == d(365))
    }

    // MARK: - The response clock

    @Test("a supplement request stops the response clock until we answer; the due date moves by the paused days")
    func supplementStopsClock() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0), basis: nil)
        try world.send("R-PLAIN", on: d(0), basis: nil)
        try world.reply("R-1", on: d(1), .acknowledgement)
        try world.reply("R-PLAIN", on: d(1), .interimStatus)
        try world.reply("R-1", on: d(10), .supplementRequest)

        let stopped = try #require(try world.assessment("R-1", asOf: d(20)))
        #expect(stopped.responseDue == nil)
        #expect(stopped.clocks.first { $0.kind == .response }?.status == .stopped)
        #expect(stopped.clocks.first { $0.kind == .response }?.explanation.contains("stopped on \(d(10).iso)") == true)

        try world.move("R-1", to: .underExecution, on: d(25))
        let resumed = try #require(try world.assessment("R-1", asOf: d(26)))
        // Days 10 to 24 stood still: 15 days later than the plain 30.
        #expect(resumed.responseDue == d(45))
        #expect(resumed.clocks.first { $0.kind == .response }?.explanation.contains("stopped for 15 days") == true)
        #expect(resumed.ballWith == .them)
        #expect(try world.assessment("R-PLAIN", asOf: d(26))?.responseDue == d(30))

        #expect(!(try world.categories("R-1", asOf: d(45))).contains(.overdue))
        #expect(try world.categories("R-1", asOf: d(46)).contains(.overdue))
        #expect(try world.categories("R-PLAIN", asOf: d(31)) == [.overdue])
    }

    @Test("a resend restarts the response clock; an ordinary reminder does not")
    func resendRestartsClock() throws {
        let world = try TestWorld()
        for reference in ["R-RESENT", "R-REMINDED"] {
            try world.send(reference, on: d(0), basis: nil)
            try world.reply(reference, on: d(1), .interimStatus)
        }
        try world.followUp("R-RESENT", on: d(20), .noteVerbale, resend: true)
        try world.followUp("R-REMINDED", on: d(20), .noteVerbale)

        let resent = try #require(try world.assessment("R-RESENT", asOf: d(31)))
        #expect(resent.responseDue == d(50))
        #expect(resent.categories.isEmpty)
        #expect(resent.clocks.first { $0.kind == .response }?.rule.contains("resent \(d(20).iso)") == true)

        let reminded = try #require(try world.assessment("R-REMINDED", asOf: d(31)))
        #expect(reminded.responseDue == d(30))
        #expect(reminded.categories == [.overdue])
        #expect(try world.categories("R-RESENT", asOf: d(51)) == [.overdue])
    }

    @Test("working days are the requested state's: Japanese holidays are skipped for a request to Japan")
    func workingDaysOfRequestedState() throws {
        let world = try TestWorld()
        try world.addBasis("US-JP-MLAT", period: Period(days: 20, unit: .working), parties: ["US", "JP"])
        try world.addBasis("JP-CN-20W", period: Period(days: 20, unit: .working), parties: ["JP", "CN"])
        try world.addCase("CASE-US", lead: "US-DOJ")
        // Friday 16 September 2011; Japan rests on 19 September, 23 September and 10 October 2011.
        let sent = TestWorld.date("2011-09-16")
        try world.send("R-TO-JP", on: sent, from: "US-DOJ", to: "JP-MOJ", case: "CASE-US", basis: "US-JP-MLAT")
        try world.send("R-TO-CN", on: sent, basis: "JP-CN-20W")
        let asOf = TestWorld.date("2011-10-12")

        let toJapan = try #require(try world.assessment("R-TO-JP", asOf: asOf))
        #expect(toJapan.responseDue == TestWorld.date("2011-10-19"))
        let explanation = try #require(toJapan.clocks.first { $0.kind == .response }?.explanation)
        #expect(explanation.contains("of JP"))
        #expect(explanation.contains("3 holidays"))
        #expect(explanation.contains("2011-09-19"))
        #expect(explanation.contains("2011-09-23"))
        #expect(explanation.contains("2011-10-10"))

        // China with no holidays on record: weekends only.
        let toChina = try #require(try world.assessment("R-TO-CN", asOf: asOf))
        #expect(toChina.responseDue == TestWorld.date("2011-10-14"))

        // Import National Day (1–7 October) and its make-up working days (Saturday 8 and Sunday 9 October).
        var entries = (1...7).map { HolidayEntry(date: TestWorld.date("2011-10-0\($0)"), name: "National Day") }
        entries.append(HolidayEntry(date: TestWorld.date("2011-10-08"), name: "National Day make-up working day", isWorkingDay: true))
        entries.append(HolidayEntry(date: TestWorld.date("2011-10-09"), name: "National Day make-up working day", isWorkingDay: true))
        try world.store.importHolidays(entries, party: "CN", source: "test", by: world.clerk(asOf))
        let imported = try #require(try world.assessment("R-TO-CN", asOf: asOf))
        #expect(imported.responseDue == TestWorld.date("2011-10-19"))
        #expect(imported.clocks.first { $0.kind == .response }?.explanation.contains("make-up working days") == true)

        #expect(!(try world.categories("R-TO-JP", asOf: TestWorld.date("2011-10-19"))).contains(.overdue))
        #expect(try world.categories("R-TO-JP", asOf: TestWorld.date("2011-10-20")).contains(.overdue))
    }

    // MARK: - History replayed as of a date

    @Test("a request is judged on the history up to the as-of date, not on what came later")
    func replayAsOf() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.reply("R-1", on: d(3), .nonCommittal)
        try world.reply("R-1", on: d(50), .fullResults)

        let before = try #require(try world.assessment("R-1", asOf: d(2)))
        #expect(before.state == .transmitted)
        #expect(before.replyCount == 0)
        let stalled = try #require(try world.assessment("R-1", asOf: d(40)))
        #expect(stalled.categories == [.nonCommittal])
        #expect(stalled.state == .acknowledged)
        #expect(try world.assessment("R-1", asOf: d(50)) == nil)
        #expect(try world.assessment("R-1", asOf: d(-1)) == nil)
    }

    @Test("drafted requests and closed requests are never assessed")
    func onlyOutstandingRequests() throws {
        let world = try TestWorld()
        try world.store.addRequest(
            Request(reference: "R-DRAFT", caseID: "CASE-A", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
                    channel: .centralAuthority, subject: "Not yet sent"),
            by: world.clerk(d(0)))
        try world.send("R-WITHDRAWN", on: d(0))
        try world.move("R-WITHDRAWN", to: .withdrawn, on: d(5))
        #expect(try world.assessment("R-DRAFT", asOf: d(100)) == nil)
        #expect(try world.assessment("R-WITHDRAWN", asOf: d(100)) == nil)
        #expect(try world.assessment("R-WITHDRAWN", asOf: d(4)) != nil)
    }

    @Test("a due item names its clock by the clock's title in lower case, and only the engine's states await execution or put the ball with us")
    func dueItemNamesAndStates() {
        for kind in RequestClock.Kind.allCases {
            let clock = RequestClock(kind: kind, start: nil, due: nil, status: .running, rule: "", explanation: "", daysLeft: nil)
            #expect(clock.dueItemName == clock.title.lowercased())
        }
        #expect(RequestState.allCases.filter(StallEngine.awaitsExecution) == [.transmitted, .acknowledged, .underExecution, .partiallyExecuted])
        #expect(RequestState.allCases.filter { StallEngine.ballHolder($0) == .us } == [.drafted, .inClearance, .supplementRequested, .conditionsProposed])
    }
}

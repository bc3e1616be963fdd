import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// Requests that come to us: recorded as received under a case of ours, answered by us, and
/// weighed by the stall engine the other way round.
@Suite struct IncomingRequestTests {
    /// A world whose desk is Japan's, with China's request CN-1 received on day 0 under a case
    /// of ours (`ASSIST`), on the treaty's clock of `period`.
    static func world(period: Period? = Period(days: 30, unit: .calendar)) throws -> TestWorld {
        let world = try TestWorld(treatyPeriod: period)
        try world.set(StoredSetting.ourStateKey, "JP")
        try world.addCase("ASSIST", title: "Assistance to China", lead: "JP-NPA")
        try world.send("CN-1", on: TestWorld.day(0), from: "CN-MPS", to: "JP-NPSC", case: "ASSIST")
        return world
    }

    @Test("an incoming request is stored as received, with a history that starts there, and check is clean")
    func recordedAsReceived() throws {
        let world = try Self.world()
        let stored = try world.store.request("CN-1")
        #expect(stored.state == .transmitted)
        #expect(stored.sentDate == TestWorld.day(0))
        let history = try world.store.history(of: "CN-1")
        #expect(history.map(\.action) == [.created, .moved])
        #expect(history.last?.fromState == nil && history.last?.toState == .transmitted)
        #expect(history.last?.note == "recorded as received")
        #expect(try world.store.check(today: TestWorld.day(1)).problems.isEmpty)
        #expect(RequestState.transmitted.name(for: .incoming) == "received")
        #expect(RequestState.acknowledged.name(for: .incoming) == "under-assessment")
        #expect(RequestState.acknowledged.name(for: .outgoing) == "acknowledged")
        #expect(try RequestState.parseEitherWay("under-assessment", field: "state") == .acknowledged)
    }

    @Test("the rules of a request that comes to us: a case of ours, a day it was received, our replies, no follow-ups")
    func rules() throws {
        let world = try Self.world()
        // It must be filed under a case of the state it came to.
        let wrongCase = #expect(throws: ComityError.self) {
            try world.addCase("CN-CASE", lead: "CN-MPS")
        }
        #expect(wrongCase != nil)
        let noDate = #expect(throws: ComityError.self) {
            try world.store.addRequest(Request(reference: "CN-2", caseID: "ASSIST", fromAuthority: "CN-MPS", toAuthority: "JP-NPSC",
                                               channel: .centralAuthority, subject: "Records"), by: world.clerk(TestWorld.day(1)))
        }
        #expect(noDate?.description == "request CN-2 comes to us from CN-MPS; give the day it was received with --received")
        // Neither end ours, or both: refused as before.
        let foreign = #expect(throws: ComityError.self) {
            try world.send("CN-US", on: TestWorld.day(1), from: "CN-MPS", to: "US-DOJ", case: "ASSIST", basis: nil)
        }
        #expect(foreign?.description.contains("a request it records goes from an authority of JP or comes to one") == true, "\(String(describing: foreign))")
        // Our reply comes from an authority of ours.
        let theirs = #expect(throws: ComityError.self) {
            try world.store.addReply(Reply(requestReference: "CN-1", date: TestWorld.day(2), fromAuthority: "CN-MPS", kind: .acknowledgement,
                                           summary: "Received"), by: world.clerk(TestWorld.day(2)))
        }
        #expect(theirs?.description == "the reply is recorded as from CN-MPS of CN, but request CN-1 came to JP and the reply is JP's own; give an authority of JP with --from")
        let chaser = #expect(throws: ComityError.self) { try world.followUp("CN-1", on: TestWorld.day(3), .reminder) }
        #expect(chaser?.description == "request CN-1 came to JP, and a follow-up chases a request we sent; record our answer to it with 'comity reply add'")
        try world.store.addReply(Reply(requestReference: "CN-1", date: TestWorld.day(2), fromAuthority: "JP-NPSC", kind: .acknowledgement,
                                       summary: "Received and passed to the police"), by: world.clerk(TestWorld.day(2)))
        #expect(try world.store.request("CN-1").state == .acknowledged)
    }

    @Test("without the desk's state recorded, a request that comes to the state of its case is refused until it is; an import lets it through")
    func ourStateFirst() throws {
        let world = try TestWorld()
        let refused = #expect(throws: ComityError.self) {
            try world.send("CN-1", on: TestWorld.day(0), from: "CN-MPS", to: "JP-NPSC")
        }
        #expect(refused?.description == "request CN-1 comes to JP from CN-MPS; record whose desk this is first with 'comity settings set our-state JP'")
        #expect(try world.store.requests().isEmpty)
        try world.set(StoredSetting.ourStateKey, "JP")
        try world.send("CN-1", on: TestWorld.day(0), from: "CN-MPS", to: "JP-NPSC")
        #expect(try world.store.request("CN-1").state == .transmitted)
    }

    @Test("the stall engine turns around: overdue is about us, the ball is with us, the step is ours with its reply letter")
    func turnedAround() throws {
        let world = try Self.world()
        let fresh = try #require(try world.assessment("CN-1", asOf: TestWorld.day(10)))
        #expect(fresh.direction == .incoming)
        #expect(fresh.counterpart == "CN")
        #expect(fresh.ballWith == .us)
        #expect(!fresh.isStalled)
        #expect(fresh.responseDue == TestWorld.day(30))
        #expect(fresh.ladderStep == nil && fresh.recommendedStep == nil)
        #expect(!fresh.clocks.contains { $0.kind == .followUp }, "nobody follows up on us from here")
        #expect(fresh.clocks.first { $0.kind == .response }?.rule.contains("received 2020-01-06") == true)
        #expect(fresh.nextStep.hasPrefix("acknowledge receipt to the Ministry of Public Security (the acknowledgement letter)"))
        #expect(fresh.replyLetter == .acknowledgement)

        let late = try #require(try world.assessment("CN-1", asOf: TestWorld.day(31)))
        #expect(late.categories == [.noAcknowledgement, .overdue])
        #expect(late.nextStep.contains("our answer was due 2020-02-05"))

        try world.store.addReply(Reply(requestReference: "CN-1", date: TestWorld.day(32), fromAuthority: "JP-NPSC", kind: .acknowledgement,
                                       summary: "Received"), by: world.clerk(TestWorld.day(32)))
        try world.move("CN-1", to: .underExecution, on: TestWorld.day(33))
        let executing = try #require(try world.assessment("CN-1", asOf: TestWorld.day(61)))
        #expect(executing.categories == [.veryOverdue])
        #expect(executing.nextStep.hasPrefix("chase the executing agency"))
        #expect(executing.replyLetter == .partialExecution)
        #expect(executing.ballWith == .us)
    }

    @Test("a supplement we asked for puts the ball with them and stops our clock")
    func supplementWeAskedFor() throws {
        let world = try Self.world()
        try world.store.addReply(Reply(requestReference: "CN-1", date: TestWorld.day(5), fromAuthority: "JP-NPSC", kind: .supplementRequest,
                                       summary: "We need the account numbers"), by: world.clerk(TestWorld.day(5)))
        let waiting = try #require(try world.assessment("CN-1", asOf: TestWorld.day(200)))
        #expect(waiting.state == .supplementRequested)
        #expect(waiting.ballWith == .them)
        #expect(!waiting.isStalled, "a long wait on their supplement is no finding about us: \(waiting.categories)")
        #expect(waiting.clocks.first { $0.kind == .response }?.status == .stopped)
        #expect(waiting.nextStep == "wait for the further information we asked the Ministry of Public Security for; our response clock stands still until it arrives")
    }

    @Test("our clock counts our own working days, skipping our holidays, not the counterpart's")
    func ourWorkingDays() throws {
        let world = try Self.world(period: Period(days: 5, unit: .working))
        // Day 2 (Wednesday 8 January 2020) a holiday of ours; a Chinese holiday on day 3 changes nothing.
        _ = try world.store.importHolidays([HolidayEntry(date: TestWorld.day(2), name: "A holiday of ours")], party: "JP", source: "test",
                                           by: world.clerk(TestWorld.day(0)))
        _ = try world.store.importHolidays([HolidayEntry(date: TestWorld.day(3), name: "A holiday of theirs")], party: "CN", source: "test",
                                           by: world.clerk(TestWorld.day(0)))
        let assessment = try #require(try world.assessment("CN-1", asOf: TestWorld.day(1)))
        // Received Monday 6 January 2020 (day 0). Our working days: Tue 7, Thu 9, Fri 10, Tue 14, Wed 15:
        // Wednesday 8 is the holiday imported, Monday 13 Coming of Age Day. On China's calendar it
        // would be Tuesday 14.
        #expect(assessment.responseDue == TestWorld.day(9))
        #expect(assessment.clocks.first { $0.kind == .response }?.explanation.contains("2020-01-13") == true,
                "\(assessment.clocks.first { $0.kind == .response }?.explanation ?? "")")
    }

    @Test("a counterpart's scope holds the requests it sent us; clearance, corrections and export treat them as any other")
    func scopeClearanceCorrectionsExport() throws {
        let world = try Self.world()
        try world.send("JP-1", on: TestWorld.day(0))
        let china = try world.store.assessments(ComityStore.StallScope(asOf: TestWorld.day(40), counterpart: "CN", includeNotStalled: true))
        #expect(Set(china.map(\.reference)) == ["CN-1", "JP-1"])
        #expect(china.first { $0.reference == "CN-1" }?.direction == .incoming)
        #expect(china.first { $0.reference == "JP-1" }?.direction == .outgoing)
        let us = try world.store.assessments(ComityStore.StallScope(asOf: TestWorld.day(40), counterpart: "US", includeNotStalled: true))
        #expect(us.isEmpty)

        let listed = try world.store.requests(counterpart: "CN")
        #expect(listed.map(\.reference) == ["CN-1", "JP-1"])
        let exported = try world.store.exportTables(counterpart: "CN")
        let requests = try #require(exported.first { $0.table.name == "request" })
        #expect(requests.rows.count == 2)

        let desk = Desk(store: world.store, clerk: world.clerk(TestWorld.day(41)), clearance: .secret, clearanceIsDefault: true)
        let events = try desk.editRequest("CN-1", reason: "their wording") { $0.subject = "Subscriber records" }
        #expect(events.map(\.action) == [.corrected])
        let wrong = #expect(throws: ComityError.self) {
            try desk.editRequest("CN-1", reason: "typo") { $0.fromAuthority = "JP-NPA" }
        }
        #expect(wrong?.description.contains("both of JP") == true, "\(String(describing: wrong))")

        try desk.editRequest("CN-1", reason: "it is secret") { $0.classification = .secret }
        let confidential = Desk(store: world.store, clerk: world.clerk(TestWorld.day(41)), clearance: .confidential, clearanceIsDefault: false)
        let refused = #expect(throws: ComityError.self) { try confidential.request("CN-1") }
        #expect(refused?.description == "request CN-1 is classified above your clearance (confidential); ask a colleague cleared for it")
        #expect(try confidential.direction(of: world.store.request("JP-1")) == .outgoing)
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The MHI request through December 2011 and January 2012, entered by hand from the news
/// reports alone, and as the demo holds it: a talking point up to the Noda visit, then a note
/// verbale following up on the meeting at which the Prime Minister raised it. Never the
/// bottom rung, never the leaders' meeting again, and every recommended letter can be written.
@Suite("The MHI request before and after the Noda visit")
struct MHIReplayTests {
    static let reference = DemoWorld.mhiRequest
    static let visit = DemoWorld.nodaVisit
    static func date(_ iso: String) -> CalendarDate { LetterFixtures.date(iso) }
    static func clerk(_ iso: String) -> Clerk { Clerk(name: "Tester", today: date(iso)) }

    /// A store with only what the news reported, the visit's outcome as reported, and the
    /// talking points recorded as a follow-up the day the brief was written.
    static func handEntered(_ folder: URL) throws -> ComityStore {
        let store = try ComityStore.create(at: folder.appendingPathComponent("mhi.sqlite").path)
        let setup = clerk("2011-08-11")
        try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: setup)
        try store.addParty(Party(code: "CN", name: "China", formalName: "People's Republic of China"), by: setup)
        for a in [
            Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority, city: "Tokyo"),
            Authority(id: "JP-TMPD", party: "JP", name: "Tokyo Metropolitan Police Department", role: .police, city: "Tokyo"),
            Authority(id: "JP-MOFA", party: "JP", name: "Ministry of Foreign Affairs of Japan", role: .foreignMinistry, city: "Tokyo"),
            Authority(id: "JP-EMB-CN", party: "JP", name: "Embassy of Japan in the People's Republic of China", role: .embassy,
                      city: "Beijing", postedTo: "CN"),
            Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security of the People's Republic of China",
                      role: .centralAuthority, city: "Beijing"),
            Authority(id: "CN-MFA", party: "CN", name: "Ministry of Foreign Affairs of the People's Republic of China",
                      role: .foreignMinistry, city: "Beijing"),
        ] { try store.addAuthority(a, by: setup) }
        try store.addBasis(LegalBasis(
            id: "JP-CN-MLAT", instrument: "Treaty between Japan and the People's Republic of China on Mutual Legal Assistance in Criminal Matters",
            kind: .bilateralTreaty, parties: [.init(party: "JP", from: date("2008-11-23")), .init(party: "CN", from: date("2008-11-23"))]),
            by: setup)
        try store.addCase(Case(
            id: "MHI-2011", title: "Intrusion into Mitsubishi Heavy Industries", leadAuthority: "JP-TMPD",
            offence: "Unauthorised computer access", incidentDate: date("2011-08-11"), discoveryDate: date("2011-08-11"),
            classification: .restricted), by: setup)
        try store.addRequest(Request(
            reference: reference, caseID: "MHI-2011", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
            basisID: "JP-CN-MLAT", subject: "Tracing the source of the intrusion into Mitsubishi Heavy Industries",
            items: ["Identify the servers in China that the malware communicated with"], urgency: .urgent, sentDate: date("2011-09-30")),
            by: clerk("2011-09-30"))
        try store.addReply(Reply(
            requestReference: reference, date: date("2011-10-14"), fromAuthority: "CN-MPS", kind: .nonCommittal,
            summary: "China said it would contact the relevant authorities."), by: clerk("2011-10-14"))
        try store.addEngagement(Engagement(
            id: visit, counterpart: "CN", startDate: date("2011-12-25"), endDate: date("2011-12-26"), level: .leaders,
            title: "Prime Minister Noda's visit to Beijing", place: "Beijing"), by: clerk("2011-11-01"))
        try store.addFollowUp(FollowUp(requestReference: reference, date: date("2011-11-28"), kind: .talkingPoints), by: clerk("2011-11-28"))
        try store.addOutcome(EngagementOutcome(
            engagementID: visit, requestReference: reference, date: date("2011-12-26"), raised: true,
            raisedBy: "Prime Minister Noda", response: "none"), by: clerk("2011-12-26"))
        return store
    }

    /// Checks the next step on every day of December 2011 and January 2012, and that the letter
    /// recommended at each stage can be written.
    static func replay(_ store: ComityStore) throws {
        let renderer = try DocumentRenderer(templates: LetterFixtures.templates)
        var day = date("2011-12-01")
        while day <= date("2012-01-31") {
            let scope = ComityStore.StallScope(asOf: day, includeNotStalled: true)
            let a = try #require(try store.assessments(scope).first { $0.reference == reference }, "as of \(day.iso)")
            #expect(a.ballWith == .them, "as of \(day.iso)")
            #expect(a.followUpsSent == 0, "the brief is no letter, as of \(day.iso)")
            #expect(a.recommendedStep != .reminder, "never the bottom rung, as of \(day.iso)")
            if day <= date("2011-12-25") {
                #expect(a.recommendedStep == .talkingPoints, "as of \(day.iso)")
                #expect(a.nextStep.hasPrefix("raise it as a talking point at Prime Minister Noda's visit to Beijing"), "as of \(day.iso)")
            } else {
                #expect(a.recommendedStep == .noteVerbale, "as of \(day.iso)")
                #expect(a.nextStep == "send a note verbale, following up on Prime Minister Noda's visit to Beijing (25–26 December 2011), at which Prime Minister Noda raised it; the response recorded: “none”", "as of \(day.iso)")
                #expect(a.engagement == nil, "the visit is behind it, as of \(day.iso)")
                #expect(a.lastMeeting?.engagement.id == visit)
            }
            day = day.adding(days: 1)
        }
        for iso in ["2011-12-25", "2011-12-26", "2012-01-15", "2012-01-31"] {
            let letter = try store.previewLetter(LetterSpec(reference: reference, language: .en, format: .xml, date: date(iso)), renderer: renderer)
            #expect(letter.kind == (iso == "2011-12-25" ? .talkingPoints : .noteVerbale))
            if letter.kind == .noteVerbale {
                #expect(letter.document.contains("This request was raised at Prime Minister Noda&#39;s visit to Beijing (25–26 December 2011) by Prime Minister Noda."))
                #expect(!letter.document.contains("Talking points"), "the brief is not cited to China")
            }
        }
    }

    @Test("entered by hand from the news: a talking point up to the visit, then a note verbale following up on it")
    func handEnteredReplay() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-mhi-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.replay(try Self.handEntered(folder))
    }

    @Test("the demo tells the same story, and in 2021 still follows up on the meeting rather than starting again")
    func demoReplay() throws {
        let world = try LetterWorld.demo()
        let store = world.store
        try store.addFollowUp(FollowUp(requestReference: Self.reference, date: Self.date("2011-11-28"), kind: .talkingPoints), by: Self.clerk("2011-11-28"))
        // Until someone records what came of it at the visit, that is what the desk is asked for.
        let asked = try #require(try store.assessments(.init(asOf: Self.date("2012-01-15"))).first { $0.reference == Self.reference })
        #expect(asked.recommendedStep == nil)
        #expect(asked.nextStep.hasPrefix("record what came of it at the meeting the brief of 2011-11-28 was for ('comity engagement outcome ENGAGEMENT JP-MHI-2011-001 --raised --by"))
        try store.addOutcome(EngagementOutcome(
            engagementID: Self.visit, requestReference: Self.reference, date: Self.date("2011-12-26"), raised: true,
            raisedBy: "Prime Minister Noda", response: "none"), by: Self.clerk("2012-01-15"))
        try Self.replay(store)
        let later = try #require(try store.assessments(.init(asOf: Self.date("2021-04-22"))).first { $0.reference == Self.reference })
        #expect(later.recommendedStep == .noteVerbale)
        #expect(later.nextStep.contains("following up on Prime Minister Noda's visit to Beijing"))
    }

    @Test("a report as recorded before the outcome was entered leaves it out")
    func outcomeAsRecorded() throws {
        let world = try LetterWorld.demo()
        let store = world.store
        try store.addOutcome(EngagementOutcome(
            engagementID: Self.visit, requestReference: Self.reference, date: Self.date("2011-12-26"), raised: true,
            raisedBy: "Prime Minister Noda", response: "none"), by: Self.clerk("2012-01-15"))
        func step(recordedBy: String) throws -> Assessment? {
            try store.assessments(.init(asOf: Self.date("2012-01-10"), recordedBy: Self.date(recordedBy))).first { $0.reference == Self.reference }
        }
        let before = try #require(try step(recordedBy: "2012-01-10"))
        #expect(before.lastMeeting == nil)
        #expect(before.recommendedStep == .reminder)
        let after = try #require(try step(recordedBy: "2012-01-15"))
        #expect(after.lastMeeting?.engagement.id == Self.visit)
        #expect(after.recommendedStep == .noteVerbale)
    }
}

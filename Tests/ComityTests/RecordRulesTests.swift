import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The rules every record keeps, as the store's add methods apply them: text that an export
/// can carry and that is no longer than it looks, settings the stall engine can read.
@Suite("Record rules")
struct RecordRulesTests {
    static let clerk = Fixture.sato

    /// Runs `body` with the demo world loaded.
    static func withDemo(_ body: (ComityStore) throws -> Void) throws {
        try Fixture.withStore { store, _ in
            try DemoWorld.load(into: store, by: clerk)
            try body(store)
        }
    }

    /// The sentence of the error `body` throws.
    static func refusal(_ body: () throws(ComityError) -> Void) -> String {
        do {
            try body()
            Issue.record("expected a refusal, got none")
            return ""
        } catch {
            #expect(error.category == .invalid, "\(error)")
            return error.description
        }
    }

    /// One character made of a letter and 9,999 combining acute accents: 19,999 bytes of UTF-8.
    static let heavyCharacter = "e" + String(repeating: "\u{301}", count: 9_999)

    static func reply(_ summary: String, on date: String = "2021-05-01") -> Reply {
        Reply(requestReference: DemoWorld.jaxaRequest, date: Fixture.day(date), kind: .interimStatus, summary: summary)
    }

    @Test("a text limit counts bytes as well as characters: one character of 19,999 bytes is refused")
    func bytesCount() throws {
        #expect(Self.heavyCharacter.count == 1 && Self.heavyCharacter.utf8.count == 19_999)
        try Self.withDemo { store in
            let message = Self.refusal { () throws(ComityError) in try store.addReply(Self.reply(Self.heavyCharacter), by: Self.clerk) }
            #expect(message == "the summary is 19999 bytes long; keep it under 4000 characters and 16000 bytes")
            let ascii = Self.refusal { () throws(ComityError) in try store.addReply(Self.reply(String(repeating: "x", count: 4001)), by: Self.clerk) }
            #expect(ascii == "the summary is 4001 characters long; keep it under 4000")
            // 4,000 characters of three bytes each are within both limits.
            try store.addReply(Self.reply(String(repeating: "日", count: 4000)), by: Self.clerk)
        }
    }

    static let refusedScalars: [UInt32] = [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF, 0x0, 0x1B, 0x7F, 0x9B]

    @Test("noncharacters of every plane and control characters are refused in every text field, naming it", arguments: refusedScalars)
    func refusedCharacters(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let bad = "A\(Character(scalar))B"
        let code = "U+" + String(value, radix: 16, uppercase: true).leftPadded(to: 4)
        try Self.withDemo { store in
            let day = Fixture.day("2023-01-01")
            let attempts: [(field: String, add: () throws(ComityError) -> Void)] = [
                ("party name", { () throws(ComityError) in try store.addParty(Party(code: "FR", name: bad, formalName: "French Republic"), by: Self.clerk) }),
                ("city", { () throws(ComityError) in
                    try store.addAuthority(Authority(id: "JP-X", party: "JP", name: "Office", role: .police, city: bad), by: Self.clerk) }),
                ("instrument name", { () throws(ComityError) in
                    try store.addBasis(LegalBasis(id: "B-X", instrument: bad, kind: .convention, parties: [.init(party: "JP", from: day)]), by: Self.clerk) }),
                ("case title", { () throws(ComityError) in
                    try store.addCase(Case(id: "C-X", title: bad, leadAuthority: "JP-NPA", offence: "O", incidentDate: day, discoveryDate: day), by: Self.clerk) }),
                ("item of assistance", { () throws(ComityError) in
                    try store.addRequest(Request(reference: "R-X", caseID: "MHI-2011", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
                                                 channel: .centralAuthority, subject: "Logs", items: ["Fine", bad]), by: Self.clerk) }),
                ("summary", { () throws(ComityError) in try store.addReply(Self.reply(bad), by: Self.clerk) }),
                ("note", { () throws(ComityError) in
                    try store.addFollowUp(FollowUp(requestReference: DemoWorld.jaxaRequest, date: Fixture.day("2021-05-01"), kind: .reminder, note: bad), by: Self.clerk) }),
                ("place", { () throws(ComityError) in
                    try store.addEngagement(Engagement(id: "E-X", counterpart: "CN", startDate: day, endDate: day, level: .working, title: "Talks", place: bad), by: Self.clerk) }),
                ("name of the holiday on 2024-10-01", { () throws(ComityError) in
                    try store.importHolidays([HolidayEntry(date: Fixture.day("2024-10-01"), name: bad)], party: "CN", source: "cn.ics", by: Self.clerk) }),
                ("actor name", { () throws(ComityError) in try store.addParty(Party(code: "FR", name: "France", formalName: "French Republic"), by: Clerk(name: bad, today: Fixture.today)) }),
            ]
            let before = try InterchangeTests.json(store)
            for attempt in attempts {
                let message = Self.refusal(attempt.add)
                #expect(message.contains("the \(attempt.field) contains "), "\(attempt.field): \(message)")
                #expect(message.contains(code), "\(attempt.field): \(message)")
                #expect(!message.unicodeScalars.contains(scalar), "the sentence does not echo the character")
            }
            #expect(try InterchangeTests.json(store) == before, "nothing was written")
        }
    }

    @Test("a tab, a line feed and a carriage return are text like any other")
    func whiteSpaceAllowed() throws {
        try Self.withDemo { store in
            try store.addReply(Self.reply("First line,\r\nsecond\tcolumn\nthird"), by: Self.clerk)
            #expect(try store.replies(to: DemoWorld.jaxaRequest).contains { $0.summary == "First line,\r\nsecond\tcolumn\nthird" })
        }
    }

    @Test("the validators list every rule a record breaks, each with its field")
    func everyProblemWithItsField() throws {
        var request = Request(
            reference: "R 1", caseID: "C", fromAuthority: "A", toAuthority: "B", channel: .diplomatic, subject: "",
            items: ["ok", "bad\u{FFFF}"], state: .drafted, preservedUntil: Fixture.day("2020-01-01"))
        request.sentDate = Fixture.day("2030-01-01")
        let problems = request.problems(today: Fixture.today)
        #expect(problems.map(\.field) == ["reference", "subject", "items", "sent_date", "preserved_until", "sent_date"], "\(problems)")
        #expect(throws: ValidationFailure.self) { try request.validate(today: Fixture.today) }
        #expect(Party(code: "fr", name: "France", formalName: "French Republic").problems().map(\.message)
                == ["the party code 'fr' is kept in capitals; write it as FR"])
        #expect(LegalBasis(id: "B", instrument: "I", kind: .convention, responsePeriod: Period(days: 99_999_999_999, unit: .calendar), parties: [])
                    .problems().map(\.field) == ["response_days", nil])
        #expect(StoredSetting(channel: "*", key: "follow-up-days", value: "-5").problems().map(\.message)
                == ["follow-up-days must be a whole number of days from 0 to 3650, not '-5'"])
        #expect(StoredSetting(channel: "*", key: "clearance", value: "Confidential").problems().map(\.field) == ["value"])
        #expect(StoredSetting(channel: "*", key: "clearance", value: "confidential").problems().isEmpty)
        #expect(StoredSetting(channel: "Diplomatic", key: "no-ack-days", value: "3").problems().map(\.field) == ["channel"])
        let event = Event(id: 7, subjectType: .request, subjectID: "R1", action: .moved, date: Fixture.day("2199-12-31"),
                          recordedOn: Fixture.today, actor: "Sato")
        #expect(event.problems(today: Fixture.today).map(\.message) == ["event 7 is dated 2199-12-31, after today (2024-01-10); Comity records what has happened"])
    }

    @Test("the default clearance is stored as exactly a lowercase level, whatever case the clerk typed")
    func clearanceStoredExactly() throws {
        try Self.withDemo { store in
            try store.setSetting("clearance", to: "Confidential", channel: nil, by: Self.clerk)
            let stored = try #require(try store.storedSettings().first { $0.key == "clearance" })
            #expect(stored.value == "confidential" && stored.problems().isEmpty)
            #expect(try store.defaultClearance() == .confidential)
        }
    }
}

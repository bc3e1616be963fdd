import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@_spi(Worlds) @testable import ComityWorlds

/// Corrections through the desk: one 'corrected' event per changed column, refusals where the
/// history would become impossible, and clearance as for every other write.
@Suite("corrections")
struct CorrectionTests {
    static let today = try! CalendarDate(iso: "2021-05-01")
    static let clerk = Clerk(name: "Sato", today: today)
    static let mhi = DemoWorld.mhiRequest

    static func date(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    /// A demo desk in a fresh folder, removed afterwards.
    static func withDemo<T>(_ body: (Desk) throws -> T) throws -> T {
        try DeskTests.withStore { path in
            let desk = try Desk.create(.sqlite(path: path), clerk: clerk)
            try DemoWorld.load(into: desk)
            return try body(desk)
        }
    }

    /// The message of the refusal `body` throws, or a recorded issue when it throws none.
    static func refusal(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        Issue.record("not refused")
        return ""
    }

    @Test("a request's correction is one event per column: field, stored old and new text, clerk, today, reason")
    func requestEvents() throws {
        try Self.withDemo { desk in
            let items = ["Identify the servers", "Preserve the logs"]
            let events = try desk.editRequest(Self.mhi, reason: "typo in the subject") { r in
                r.subject = "Tracing the source of the MHI intrusion"
                r.items = items
                r.counterpartReference = nil
            }
            #expect(events.map { $0.field } == ["subject", "items", "counterpart_reference"])
            let subject = try #require(events.first)
            #expect(subject.action == .corrected && subject.subjectType == .request && subject.subjectID == Self.mhi)
            #expect(subject.oldValue == "Tracing the source of the intrusion into Mitsubishi Heavy Industries")
            #expect(subject.newValue == "Tracing the source of the MHI intrusion")
            #expect(subject.date == Self.today && subject.recordedOn == Self.today && subject.actor == "Sato")
            #expect(subject.note == "typo in the subject")
            #expect(events[1].newValue == #"["Identify the servers","Preserve the logs"]"#)
            #expect(events[2].oldValue == "MPS-ICC-2011-0417" && events[2].newValue == nil)
            let stored = try desk.request(Self.mhi).request
            #expect(stored.subject == "Tracing the source of the MHI intrusion" && stored.items == items && stored.counterpartReference == nil)
            // The history holds the events as written, read back through the store's decoder.
            let history = try desk.history(of: Self.mhi).filter { $0.action == .corrected }
            #expect(history == events)
            // The stored text is the column's: the SQL agrees.
            let raw = try desk.store.write { db in try String.fetchOne(db, sql: "SELECT items FROM request WHERE reference = ?", arguments: [Self.mhi]) }
            #expect(raw == events[1].newValue)
        }
    }

    @Test("the old value is the text the column held, and columns not corrected are left as they were")
    func storedText() throws {
        try Self.withDemo { desk in
            let spaced = #"[ "Identify the servers" ]"#
            try desk.store.write { db in try db.execute(sql: "UPDATE request SET items = ? WHERE reference = ?", arguments: [spaced, Self.mhi]) }
            try desk.editRequest(Self.mhi, reason: "subject only") { $0.subject = "New subject" }
            let raw = { try desk.store.write { db in try String.fetchOne(db, sql: "SELECT items FROM request WHERE reference = ?", arguments: [Self.mhi]) } }
            #expect(try raw() == spaced)
            let events = try desk.editRequest(Self.mhi, reason: "items") { $0.items = ["Identify the servers", "Preserve the logs"] }
            #expect(events.map(\.oldValue) == [spaced])
            #expect(try raw() == events.first?.newValue)
        }
    }

    @Test("a correction that changes nothing, an identifier or a state is refused, and nothing is written")
    func refusedChanges() throws {
        try Self.withDemo { desk in
            let before = try desk.history(of: Self.mhi).count
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "x") { $0.urgency = .urgent } }.contains("nothing to change"))
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "x") { $0.state = .executed } }.contains("request move"))
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "x") { $0.reference = "JP-NEW" } }.contains("cannot be changed"))
            #expect(Self.refusal { try desk.editCase("MHI-2011", reason: "x") { $0.id = "MHI" } }.contains("cannot be changed"))
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "") { $0.subject = "New" } }.contains("reason"))
            #expect(try desk.history(of: Self.mhi).count == before)
            #expect(try desk.request(Self.mhi).request.subject.hasPrefix("Tracing the source of the intrusion"))
        }
    }

    @Test("a sent date is not moved after the move to transmitted, the first reply or follow-up, nor removed or added")
    func sentDate() throws {
        try Self.withDemo { desk in
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "x") { $0.sentDate = Self.date("2011-10-01") } }
                .contains("after it was moved to transmitted on 2011-09-30"))
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "x") { $0.sentDate = nil } }.contains("not removed"))
            let events = try desk.editRequest(Self.mhi, reason: "cable gives the 28th") { $0.sentDate = Self.date("2011-09-28") }
            #expect(events.map(\.oldValue) == ["2011-09-30"] && events.map(\.newValue) == ["2011-09-28"])
            #expect(Self.refusal { try desk.editRequest(Self.mhi, reason: "x") { $0.sentDate = Self.date("2011-08-01") } }
                .contains("before case MHI-2011 began"))
        }
    }

    @Test("a draft under a basis the counterpart is not party to is fixed by correcting its basis (Budapest, Japan to China)")
    func budapestDraft() throws {
        try Self.withDemo { desk in
            let draft = Request(
                reference: "JP-MHI-2011-002", caseID: "MHI-2011", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
                channel: .centralAuthority, basisID: "BUDAPEST", subject: "Preservation of server logs")
            try desk.addRequest(draft)
            try desk.move(draft.reference, to: .inClearance, on: Self.today)
            #expect(Self.refusal { try desk.move(draft.reference, to: .transmitted, on: Self.today) }.contains("not a party"))
            let events = try desk.editRequest(draft.reference, reason: "China is not party to Budapest; the MLAT applies") {
                $0.basisID = "JP-CN-MLAT"
            }
            #expect(events.map(\.field) == ["basis_id"] && events.map(\.oldValue) == ["BUDAPEST"] && events.map(\.newValue) == ["JP-CN-MLAT"])
            try desk.move(draft.reference, to: .transmitted, on: Self.today)
            #expect(try desk.request(draft.reference).request.state == .transmitted)
            // A draft gets no sent date by correction: it is moved.
            #expect(Self.refusal { try desk.editRequest("JP-MHI-2011-003", reason: "x") { $0.subject = "y" } }.contains("JP-MHI-2011-003"))
        }
    }

    @Test("a reply's correction is its own event, in its request's history; impossible dates and kinds are refused")
    func replies() throws {
        try Self.withDemo { desk in
            let reply = try #require(try desk.replies(to: Self.mhi).first?.id)
            #expect(Self.refusal { try desk.editReply(id: reply, reason: "x") { $0.date = Self.date("2011-09-01") } }.contains("before request"))
            #expect(Self.refusal { try desk.editReply(id: reply, reason: "x") { $0.date = Self.date("2021-06-01") } }.contains("after today"))
            #expect(Self.refusal { try desk.editReply(id: reply, reason: "x") { $0.kind = .fullResults } }.contains("moved request"))
            #expect(Self.refusal { try desk.editReply(id: reply, reason: "x") { $0.requestReference = DemoWorld.jaxaRequest } }.contains("belongs to its request"))
            #expect(Self.refusal { try desk.editReply(id: reply, reason: "x") { $0.fromAuthority = "JP-NPA" } }.contains("went to CN"))
            let events = try desk.editReply(id: reply, reason: "cable of the 28th") {
                $0.date = Self.date("2011-10-28")
                $0.kind = .acknowledgement
            }
            #expect(events.map(\.field) == ["date", "kind"] && events.allSatisfy { $0.subjectType == .reply && $0.subjectID == String(reply) })
            #expect(events.map(\.oldValue) == ["2011-10-14", "non-committal"] && events.map(\.newValue) == ["2011-10-28", "acknowledgement"])
            let history = try desk.history(of: Self.mhi)
            #expect(history.suffix(2).map(\.field) == ["date", "kind"])
            // The reply's events are its request's: its number alone names no history.
            #expect(!Self.refusal { _ = try desk.history(of: String(reply)) }.isEmpty)
        }
    }

    @Test("reports and clocks as of a past date use the corrected reply")
    func reportsUseCorrections() throws {
        try Self.withDemo { desk in
            let asOf = Self.date("2011-11-28")
            let before = try #require(try desk.stallReport(asOf: asOf).groups.flatMap(\.findings).first { $0.reference == Self.mhi })
            #expect(before.lastReplyKind == .nonCommittal && before.daysSinceLastReply == 45)
            let reply = try #require(try desk.replies(to: Self.mhi).first?.id)
            try desk.editReply(id: reply, reason: "the cable") {
                $0.date = Self.date("2011-10-28")
                $0.kind = .acknowledgement
            }
            let after = try #require(try desk.stallReport(asOf: asOf).groups.flatMap(\.findings).first { $0.reference == Self.mhi })
            #expect(after.lastReplyKind == .acknowledgement && after.daysSinceLastReply == 31)
            #expect(after.category != before.category)
            let clocks = try desk.clocks(of: Self.mhi, asOf: asOf)
            #expect(clocks.lastReplyDate == Self.date("2011-10-28"))
        }
    }

    @Test("cases keep their dates in order and their requests sent by their lead's state; clearance bounds them")
    func cases() throws {
        try Self.withDemo { desk in
            #expect(Self.refusal { try desk.editCase("MHI-2011", reason: "x") { $0.incidentDate = ReportedDate(Self.date("2011-08-20")) } }.contains("before its incident"))
            #expect(Self.refusal { try desk.editCase("MHI-2011", reason: "x") { $0.leadAuthority = "CN-MPS" } }.contains("this desk is JP's"))
            #expect(Self.refusal { try desk.editCase("MHI-2011", reason: "x") { $0.discoveryDate = ReportedDate(Self.date("2011-10-01")) } }.contains("before case MHI-2011 began"))
            let events = try desk.editCase("MHI-2011", reason: "limitation from the prosecutors") { $0.limitationDate = Self.date("2018-08-11") }
            #expect(events.map(\.field) == ["limitation_date"] && events[0].oldValue == nil && events[0].newValue == "2018-08-11")
            let low = try Desk.open(.sqlite(path: desk.path), clerk: Self.clerk, clearance: .restricted)
            #expect(Self.refusal { try low.editCase("MHI-2011", reason: "x") { $0.classification = .secret } }.contains("restricted clearance"))
            try desk.editCase("MHI-2011", reason: "raised") { $0.classification = .secret }
            let hidden = Self.refusal { try low.editCase("MHI-2011", reason: "x") { $0.title = "New" } }
            #expect(hidden.contains("case MHI-2011 is classified above your clearance") && !hidden.contains("Mitsubishi"))
        }
    }

    @Test("a request above the clearance is refused by its reference alone; it cannot be classified or moved above it")
    func requestClearance() throws {
        try Self.withDemo { desk in
            try desk.addCase(Case(id: "SECRET-CASE", title: "A secret case", leadAuthority: "JP-TMPD", offence: "Espionage",
                                  incidentDate: Self.date("2011-08-11"), discoveryDate: Self.date("2011-08-11"), classification: .secret))
            let low = try Desk.open(.sqlite(path: desk.path), clerk: Self.clerk, clearance: .restricted)
            #expect(Self.refusal { try low.editRequest(Self.mhi, reason: "x") { $0.classification = .confidential } }.contains("restricted clearance"))
            let moved = Self.refusal { try low.editRequest(Self.mhi, reason: "x") { $0.caseID = "SECRET-CASE" } }
            #expect(moved.contains("case SECRET-CASE is classified above your clearance"))
            try desk.editRequest(Self.mhi, reason: "raised") { $0.classification = .secret }
            let hidden = Self.refusal { try low.editRequest(Self.mhi, reason: "x") { $0.subject = "New" } }
            #expect(hidden.contains("request \(Self.mhi) is classified above your clearance") && !hidden.contains("Tracing"))
            let reply = try #require(try desk.replies(to: Self.mhi).first?.id)
            let replyRefusal = Self.refusal { try low.editReply(id: reply, reason: "x") { $0.summary = "New" } }
            #expect(replyRefusal.contains("reply \(reply) is classified above your clearance") && !replyRefusal.contains("relevant"))
        }
    }

    @Test("parties, authorities, legal bases and engagements are corrected under the rules of their add")
    func registry() throws {
        try Self.withDemo { desk in
            let party = try desk.translate(.party, "cn", lang: "ja", [.name: ["中国"]], reason: "letters use the short form")
            #expect(party.map(\.field) == ["name@ja"] && party[0].subjectID == "CN" && party[0].oldValue == "中華人民共和国")
            #expect(Self.refusal { try desk.editParty("CN", reason: "x") { $0.code = "KR" } }.contains("cannot be changed"))
            #expect(Self.refusal { try desk.editAuthority("CN-MPS", reason: "x") { $0.party = "US" } }.contains("record a new authority"))
            #expect(try desk.editAuthority("JP-MOJ", reason: "full name") { $0.name = "Ministry of Justice of Japan" }.count == 1)
            #expect(Self.refusal { try desk.editEngagement(DemoWorld.nodaVisit, reason: "x") { $0.endDate = Self.date("2011-12-01") } }.contains("before it starts"))
            #expect(try desk.editEngagement(DemoWorld.nodaVisit, reason: "place") { $0.place = "Beijing, Great Hall of the People" }.count == 1)
            // A binding is a row of its own: its field names the party, its values the date bound from.
            let basis = try desk.editBasis("BUDAPEST", reason: "date of entry into force") {
                $0.parties = $0.parties.map { $0.party == "US" ? .init(party: "US", from: Self.date("2007-01-02")) : $0 }
            }
            #expect(basis.map(\.field) == ["basis_party:US"] && basis[0].oldValue == "2007-01-01" && basis[0].newValue == "2007-01-02")
            #expect(try desk.basis("BUDAPEST").boundSince("US") == Self.date("2007-01-02"))
            let response = try desk.editBasis("JP-CN-MLAT", reason: "period") { $0.responsePeriod = Period(days: 60, unit: .calendar) }
            #expect(response.map(\.field) == ["response_days", "response_unit"] && response.map(\.newValue) == ["60", "calendar"])
            // A basis may not stop binding a state a request was sent to under it.
            #expect(Self.refusal { try desk.editBasis("JP-CN-MLAT", reason: "x") { $0.parties.removeAll { $0.party == "CN" } } }.contains("not a party"))
            #expect(try desk.basis("JP-CN-MLAT").boundSince("CN") != nil)
        }
    }

    @Test("a follow-up's correction is its own event in its request's history; it stays after the sending")
    func followUps() throws {
        try Self.withDemo { desk in
            let followUp = try desk.addFollowUp(FollowUp(requestReference: Self.mhi, date: Self.date("2011-11-15"), kind: .reminder))
            let id = try #require(followUp.id)
            #expect(Self.refusal { try desk.editFollowUp(id: id, reason: "x") { $0.date = Self.date("2011-09-01") } }.contains("before request"))
            let events = try desk.editFollowUp(id: id, reason: "number from the register") {
                $0.reference = "NV-2011-0042"
                $0.restartsClock = true
            }
            #expect(events.map(\.field) == ["reference", "restarts_clock"] && events.map(\.newValue) == ["NV-2011-0042", "1"])
            #expect(events.allSatisfy { $0.subjectType == .followUp && $0.subjectID == String(id) })
            #expect(try desk.history(of: Self.mhi).suffix(2).map(\.field) == ["reference", "restarts_clock"])
        }
    }

    @Test("check accepts a database with corrections, and names a correction that names no field")
    func check() throws {
        try Self.withDemo { desk in
            try desk.editRequest(Self.mhi, reason: "typo") { $0.subject = "Corrected subject" }
            try desk.editReply(id: 1, reason: "typo") { $0.summary = "China said it would contact the relevant authorities" }
            #expect(try desk.check().isSound)
            try desk.store.write { db in
                try db.execute(sql: """
                    INSERT INTO event (subject_type, subject_id, action, date, recorded_on, actor, note)
                    VALUES ('request', ?, 'corrected', '2021-05-01', '2021-05-01', 'Sato', 'no field')
                    """, arguments: [Self.mhi])
            }
            let report = try desk.check()
            #expect(report.problems.contains { $0.contains("field") && $0.contains("NULL") }, "\(report.problems)")
        }
    }
}

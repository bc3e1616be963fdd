import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// Dates as the source gives them: to the day, the month or the year.
@Suite struct ReportedDateTests {
    static func reported(_ iso: String) -> ReportedDate {
        do { return try ReportedDate(iso: iso) } catch { preconditionFailure("bad reported date \(iso)") }
    }

    @Test("written as given, read as given", arguments: [
        ("2011-08-11", "11 August 2011", "平成23年8月11日", "2011-08-11", "2011-08-11"),
        ("2011-08", "August 2011", "平成23年8月", "2011-08-01", "2011-08-31"),
        ("2012-02", "February 2012", "平成24年2月", "2012-02-01", "2012-02-29"),
        ("2011", "2011", "平成23年", "2011-01-01", "2011-12-31"),
        ("2019", "2019", "平成31年／令和元年", "2019-01-01", "2019-12-31"),
        ("2019-05", "May 2019", "令和元年5月", "2019-05-01", "2019-05-31"),
        ("1989-01", "January 1989", "昭和64年／平成元年1月", "1989-01-01", "1989-01-31"),
    ])
    func forms(_ iso: String, _ english: String, _ japanese: String, _ earliest: String, _ latest: String) throws {
        let date = try ReportedDate(iso: iso)
        #expect(date.iso == iso)
        #expect(date.english == english)
        #expect(date.japaneseEra == japanese)
        #expect(date.earliest.iso == earliest)
        #expect(date.latest.iso == latest)
        let json = try JSONEncoder().encode(date)
        #expect(String(decoding: json, as: UTF8.self) == "\"\(iso)\"")
        #expect(try JSONDecoder().decode(ReportedDate.self, from: json) == date)
    }

    @Test("anything else is refused, saying the three forms", arguments: ["2011-8", "11 Aug 2011", "201", "2011-13", "2011-02-30", "2011-", "", "２０１１"])
    func refused(_ text: String) {
        let error = #expect(throws: DateError.self) { try ReportedDate(iso: text) }
        if case .malformed = error {
            #expect(ReportedDate.refusal(text, error!).contains("write it as YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no more"))
        }
    }

    @Test("a case's rules weigh a month or a year by its whole span")
    func caseRules() {
        let today = try! CalendarDate(iso: "2011-12-01")
        func problems(incident: String?, discovered: String, limitation: String? = nil) -> [String] {
            Case(id: "C-1", title: "A case", leadAuthority: "JP-NPSC", offence: "Fraud", incident: incident.map(Self.reported),
                 discovered: Self.reported(discovered), limitationDate: limitation.map { try! CalendarDate(iso: $0) })
                .problems(today: today).map(\.field!)
        }
        #expect(problems(incident: "2011-08", discovered: "2011-08-11").isEmpty)   // discovered in the month it began
        #expect(problems(incident: "2011-08-20", discovered: "2011-08").isEmpty)   // the month may end after the incident
        #expect(problems(incident: "2011-09", discovered: "2011-08") == ["discovery_date"])
        #expect(problems(incident: nil, discovered: "2011").isEmpty)
        #expect(problems(incident: "2011", discovered: "2011", limitation: "2011-01-01") == ["limitation_date"])
        #expect(problems(incident: nil, discovered: "2012") == ["discovery_date"])  // not yet begun on today
    }

    @Test("a request may be sent in the month its case was discovered; a partial date is stored and exported as written")
    func store() throws {
        let world = try TestWorld()
        try world.store.addCase(Case(id: "CASE-M", title: "Month only", leadAuthority: "JP-NPSC", offence: "Fraud", incident: nil,
                                     discovered: Self.reported("2020-01")), by: world.clerk(TestWorld.day(0)))
        try world.send("JP-M-1", on: TestWorld.date("2020-01-06"), case: "CASE-M")
        let stored = try world.store.caseFile("CASE-M")
        #expect(stored.incidentDate == nil)
        #expect(stored.discoveryDate.iso == "2020-01")
        let raw = try world.store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT incident_date, discovery_date FROM case_file WHERE id = 'CASE-M'")!
        }
        #expect(raw[0] as String? == nil)
        #expect(raw[1] as String == "2020-01")
        // A case's creation is dated to the first day its discovery could be.
        let created = try world.store.history(of: "CASE-M").first
        #expect(created?.date.iso == "2020-01-01")
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Rules checked against the demo world (`DemoWorld.load`) in a temp store.
@Suite("Validation")
struct ValidationTests {
    static let clerk = Fixture.sato

    /// Runs `body` with the demo world loaded, plus a US central authority.
    func withDemo(_ body: (ComityStore) throws -> Void) throws {
        try Fixture.withStore { store, _ in
            try DemoWorld.load(into: store, by: Self.clerk)
            try store.addAuthority(Authority(id: "US-DOJ", party: "US", name: "Department of Justice", role: .centralAuthority), by: Self.clerk)
            try body(store)
        }
    }

    /// A Japanese request in the MHI case, to be adjusted per test.
    func request(_ reference: String, to: String = "CN-MPS", basis: String? = "JP-CN-MLAT", sent: String? = "2012-12-01") -> Request {
        Request(
            reference: reference, caseID: "MHI-2011", fromAuthority: "JP-NPSC", toAuthority: to,
            channel: .centralAuthority, basisID: basis, subject: "Logs of the command servers",
            sentDate: sent.map(Fixture.day))
    }

    /// The error `body` throws, which must be a `ComityError` of `category`.
    func failure(_ category: ComityError.Category, _ body: () throws(ComityError) -> Void) -> String {
        do {
            try body()
            Issue.record("expected a \(category) error, got none")
            return ""
        } catch {
            #expect(error.category == category, "\(error)")
            return error.description
        }
    }

    // MARK: - Legal basis

    @Test("the demo world loads as reported")
    func demoWorld() throws {
        try withDemo { store throws in
            #expect(try DemoWorld.summary(of: store) == "4 cases, 4 requests, 3 replies and 1 engagement(s)")
            #expect(try store.request(DemoWorld.mhiRequest).state == .acknowledged)
            #expect(try store.request(DemoWorld.pensionRequest).state == .lapsed)
            #expect(try store.request(DemoWorld.jaxaRequest).state == .transmitted)
            let visit = try store.engagement(DemoWorld.nodaVisit)
            #expect(visit.startDate == Fixture.day("2011-12-25") && visit.endDate == Fixture.day("2011-12-26"))
        }
    }

    @Test("the Budapest Convention is refused for a Japan→China request: China is not a party")
    func budapestJapanChina() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addRequest(request("JP-BUD-CN", basis: "BUDAPEST", sent: "2013-01-15"), by: Self.clerk)
            }
            #expect(message.contains("China (CN) is not a party"), "\(message)")
            #expect(message.contains("BUDAPEST"))
            #expect(throws: ComityError.self) { try store.request("JP-BUD-CN") }
        }
    }

    @Test("a Japanese request under Budapest before 2012-11-01 is refused, naming the in-force date")
    func budapestBeforeInForce() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addRequest(request("JP-BUD-US", to: "US-DOJ", basis: "BUDAPEST", sent: "2012-10-31"), by: Self.clerk)
            }
            #expect(message.contains("Japan (JP)"), "\(message)")
            #expect(message.contains("2012-10-31"))
            #expect(message.contains("in force for JP from 2012-11-01"), "\(message)")

            // The first day in force is accepted.
            try store.addRequest(request("JP-BUD-US", to: "US-DOJ", basis: "BUDAPEST", sent: "2012-11-01"), by: Self.clerk)
            #expect(try store.request("JP-BUD-US").state == .transmitted)
        }
    }

    @Test("the bilateral treaty binds Japan and China only from its entry into force")
    func treatyInForce() throws {
        try withDemo { store throws in
            try store.addCase(Case(id: "OLD-2008", title: "An older intrusion", leadAuthority: "JP-TMPD", offence: "O",
                                   incidentDate: Fixture.day("2008-01-01"), discoveryDate: Fixture.day("2008-01-02")), by: Self.clerk)
            var early = request("JP-MLAT-EARLY", sent: "2008-11-22")
            early.caseID = "OLD-2008"
            let message = failure(.invalid) { () throws(ComityError) in try store.addRequest(early, by: Self.clerk) }
            #expect(message.contains("in force for JP from 2008-11-23"), "\(message)")
            early.sentDate = Fixture.day("2008-11-23")
            try store.addRequest(early, by: Self.clerk)
            // The treaty does not bind the United States at all.
            let us = failure(.invalid) { () throws(ComityError) in
                try store.addRequest(request("JP-MLAT-US", to: "US-DOJ", sent: "2012-01-01"), by: Self.clerk)
            }
            #expect(us.contains("United States (US) is not a party"), "\(us)")
        }
    }

    @Test("a basis is checked when a draft is transmitted, not only when it is recorded as sent")
    func basisCheckedOnTransmit() throws {
        try withDemo { store throws in
            try store.addRequest(request("JP-DRAFT", basis: "BUDAPEST", sent: nil), by: Self.clerk)
            try store.move("JP-DRAFT", to: .inClearance, on: Fixture.today, by: Self.clerk)
            let message = failure(.invalid) { () throws(ComityError) in
                try store.move("JP-DRAFT", to: .transmitted, on: Fixture.today, by: Self.clerk)
            }
            #expect(message.contains("China (CN) is not a party"))
            #expect(try store.request("JP-DRAFT").state == .inClearance)
        }
    }

    @Test("a basis must bind at least one party, each once, all of them recorded")
    func basisBindings() throws {
        try withDemo { store throws in
            let none = failure(.invalid) { () throws(ComityError) in
                try store.addBasis(LegalBasis(id: "EMPTY", instrument: "I", kind: .arrangement, parties: []), by: Self.clerk)
            }
            #expect(none.contains("binds no party"))
            let twice = failure(.invalid) { () throws(ComityError) in
                try store.addBasis(LegalBasis(id: "TWICE", instrument: "I", kind: .arrangement, parties: [
                    .init(party: "JP", from: Fixture.day("2000-01-01")), .init(party: "JP", from: Fixture.day("2001-01-01")),
                ]), by: Self.clerk)
            }
            #expect(twice.contains("names a party twice"))
            let unknown = failure(.notFound) { () throws(ComityError) in
                try store.addBasis(LegalBasis(id: "GB-JP", instrument: "I", kind: .bilateralTreaty, parties: [
                    .init(party: "JP", from: Fixture.day("2000-01-01")), .init(party: "GB", from: Fixture.day("2000-01-01")),
                ]), by: Self.clerk)
            }
            #expect(unknown.contains("no party 'GB'"))
        }
    }

    // MARK: - Codes and dates

    @Test("unknown country codes are refused, lower case is accepted", arguments: ["XX", "JPN", "J", "", "1P", "ZZ", "jp ", "日本"])
    func unknownCountryCode(code: String) {
        let error = #expect(throws: ValidationFailure.self) { try Party.validCode(code) }
        #expect(error?.message.contains("is not an ISO 3166-1 alpha-2 country code") == true)
        #expect(throws: ValidationFailure.self) { try Party(code: code) }
    }

    @Test("country codes are upper-cased", arguments: [("jp", "JP"), ("Cn", "CN"), ("US", "US"), ("gb", "GB")])
    func countryCodeCase(input: String, expected: String) throws {
        #expect(try Party.validCode(input) == expected)
        #expect(try Party(code: input).code == expected)
    }

    @Test("impossible dates are refused", arguments: [
        ("2011-02-30", "February 2011 has 28 days"),
        ("2011-13-01", "there is no month 13"),
        ("2011-00-10", "there is no month 0"),
        ("2011-04-31", "April 2011 has 30 days"),
        ("2100-02-29", "February 2100 has 28 days"),
        ("0000-00-00", "outside the years Comity accepts"),
        ("2011-09-00", "September 2011 has 30 days"),
    ])
    func impossibleDates(text: String, reason: String) {
        let error = #expect(throws: DateError.self) { try CalendarDate(iso: text) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    @Test("malformed dates are refused", arguments: ["2011-9-30", "30/09/2011", "2011/09/30", "20110930", "", "2011-09-30 ", "２０１１-09-30", "2011-0a-30", "-011-09-30"])
    func malformedDates(text: String) {
        let error = #expect(throws: DateError.self) { try CalendarDate(iso: text) }
        #expect(error == .malformed(text))
        #expect(error?.description.contains("YYYY-MM-DD") == true)
    }

    @Test("real dates parse and print back", arguments: ["2011-09-30", "2012-02-29", "2000-02-29", "1900-01-01", "2199-12-31"])
    func realDates(text: String) throws {
        let date = try CalendarDate(iso: text)
        #expect(date.iso == text)
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
    }

    @Test("date arithmetic crosses months and leap days")
    func dateArithmetic() throws {
        #expect(try CalendarDate(iso: "2011-09-30").adding(days: 14).iso == "2011-10-14")
        #expect(try CalendarDate(iso: "2012-02-28").adding(days: 1).iso == "2012-02-29")
        #expect(try CalendarDate(iso: "1970-01-01").dayNumber == 0)
        #expect(try CalendarDate(iso: "2011-09-30").days(until: CalendarDate(iso: "2011-12-26")) == 87)
        #expect(try CalendarDate(iso: "2011-12-26").isoWeekday == 1)
        #expect(try CalendarDate(iso: "2011-10-15").isWeekend)
    }

    @Test("periods parse, and bad period text is refused", arguments: ["", "thirty", "0", "-5", "30 fortnights", "3651", "30x", "99999999999999999999"])
    func badPeriods(text: String) {
        let error = #expect(throws: ValidationFailure.self) { try Period(parsing: text) }
        #expect(error?.message.contains("is not a period") == true)
    }

    @Test("good periods parse")
    func goodPeriods() throws {
        #expect(try Period(parsing: "30") == Period(days: 30, unit: .calendar))
        #expect(try Period(parsing: "20w") == Period(days: 20, unit: .working))
        #expect(try Period(parsing: " 20 Working ") == Period(days: 20, unit: .working))
        #expect(try Period(parsing: "60 calendar days").description == "60 calendar days")
    }

    // MARK: - Chronology

    @Test("a reply dated before the request was sent is refused")
    func replyBeforeSent() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: DemoWorld.jaxaRequest, date: Fixture.day("2021-04-19"), kind: .acknowledgement, summary: "received"), by: Self.clerk)
            }
            #expect(message.contains("before request \(DemoWorld.jaxaRequest) was sent on 2021-04-20"), "\(message)")
            #expect(try store.replies(to: DemoWorld.jaxaRequest).count == 1)
        }
    }

    @Test("a request sent before its case was discovered is refused")
    func sentBeforeDiscovery() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addRequest(request("JP-EARLY", sent: "2011-08-10"), by: Self.clerk)
            }
            #expect(message.contains("before case MHI-2011 began on 2011-08-11"), "\(message)")
        }
    }

    @Test("a case discovered before its incident, or with its limitation before the incident, is refused")
    func caseDates() throws {
        try withDemo { store throws in
            let discovered = failure(.invalid) { () throws(ComityError) in
                try store.addCase(Case(id: "C-X", title: "T", leadAuthority: "JP-TMPD", offence: "O",
                                       incidentDate: Fixture.day("2020-05-02"), discoveryDate: Fixture.day("2020-05-01")), by: Self.clerk)
            }
            #expect(discovered.contains("before its incident"))
            let limitation = failure(.invalid) { () throws(ComityError) in
                try store.addCase(Case(id: "C-X", title: "T", leadAuthority: "JP-TMPD", offence: "O",
                                       incidentDate: Fixture.day("2020-05-02"), discoveryDate: Fixture.day("2020-05-03"),
                                       limitationDate: Fixture.day("2020-05-02")), by: Self.clerk)
            }
            #expect(limitation.contains("limitation date 2020-05-02"))
        }
    }

    @Test("dates after today are refused: case, request, reply, move")
    func futureDates() throws {
        try withDemo { store throws in
            let clerk = Clerk(name: "Sato", today: Fixture.day("2022-01-01"))
            let later = Fixture.day("2022-01-02")
            let caseMessage = failure(.invalid) { () throws(ComityError) in
                try store.addCase(Case(id: "C-F", title: "T", leadAuthority: "JP-TMPD", offence: "O",
                                       incidentDate: Fixture.day("2021-12-01"), discoveryDate: later), by: clerk)
            }
            #expect(caseMessage.contains("after today (2022-01-01)"))
            let requestMessage = failure(.invalid) { () throws(ComityError) in
                try store.addRequest(request("JP-FUTURE", sent: "2022-01-02"), by: clerk)
            }
            #expect(requestMessage.contains("after today (2022-01-01)"))
            let replyMessage = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: DemoWorld.jaxaRequest, date: later, kind: .acknowledgement, summary: "ok"), by: clerk)
            }
            #expect(replyMessage.contains("after today (2022-01-01)"))
            let moveMessage = failure(.invalid) { () throws(ComityError) in
                try store.move(DemoWorld.jaxaRequest, to: .withdrawn, on: later, by: clerk)
            }
            #expect(moveMessage.contains("after today (2022-01-01)"))
            // Today itself is fine.
            try store.move(DemoWorld.jaxaRequest, to: .withdrawn, on: clerk.today, by: clerk)
            #expect(try store.request(DemoWorld.jaxaRequest).state == .withdrawn)
        }
    }

    @Test("a move dated before the request's last recorded change is refused")
    func moveOutOfOrder() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.move(DemoWorld.mhiRequest, to: .underExecution, on: Fixture.day("2011-10-13"), by: Self.clerk)
            }
            #expect(message.contains("before the last recorded change"), "\(message)")
            #expect(message.contains("2011-10-14"))
        }
    }

    // MARK: - Duplicates, unknown records, final states

    @Test("duplicate identifiers are refused for every kind of record")
    func duplicates() throws {
        try withDemo { store throws in
            let cases: [(String, () throws(ComityError) -> Void)] = [
                ("party 'JP'", { () throws(ComityError) in try store.addParty(Party(code: "JP", name: "J", formalName: "J"), by: Self.clerk) }),
                ("authority 'JP-NPA'", { () throws(ComityError) in
                    try store.addAuthority(Authority(id: "JP-NPA", party: "JP", name: "N", role: .police), by: Self.clerk) }),
                ("legal basis 'BUDAPEST'", { () throws(ComityError) in
                    try store.addBasis(LegalBasis(id: "BUDAPEST", instrument: "I", kind: .convention,
                                                  parties: [.init(party: "JP", from: Fixture.today)]), by: Self.clerk) }),
                ("case 'MHI-2011'", { () throws(ComityError) in
                    try store.addCase(Case(id: "MHI-2011", title: "T", leadAuthority: "JP-TMPD", offence: "O",
                                           incidentDate: Fixture.day("2020-01-01"), discoveryDate: Fixture.day("2020-01-01")), by: Self.clerk) }),
                ("request '\(DemoWorld.mhiRequest)'", { () throws(ComityError) in
                    try store.addRequest(request(DemoWorld.mhiRequest), by: Self.clerk) }),
                ("engagement '\(DemoWorld.nodaVisit)'", { () throws(ComityError) in
                    try store.addEngagement(Engagement(id: DemoWorld.nodaVisit, counterpart: "CN", startDate: Fixture.today,
                                                       endDate: Fixture.today, level: .working, title: "T"), by: Self.clerk) }),
            ]
            for (what, body) in cases {
                let message = failure(.invalid, body)
                #expect(message.contains(what) && message.contains("already recorded"), "\(message)")
            }
        }
    }

    @Test("duplicate messages use the right article")
    func duplicateArticle() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addAuthority(Authority(id: "JP-NPA", party: "JP", name: "N", role: .police), by: Self.clerk)
            }
            #expect(message.hasPrefix("an authority 'JP-NPA'"), "\(message)")
        }
    }

    @Test("records that do not exist are reported as not found")
    func notFound() throws {
        try withDemo { store throws in
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.request("NOPE") }.contains("no request 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.caseFile("NOPE") }.contains("no case 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.basis("NOPE") }.contains("no legal basis 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.authority("NOPE") }.contains("no authority 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.party("GB") }.contains("comity party add GB"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.engagement("NOPE") }.contains("no engagement 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.reply(id: 999) }.contains("no reply '999'"))
            #expect(failure(.notFound) { () throws(ComityError) in _ = try store.history(of: "NOPE") }.contains("no record 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in
                try store.addRequest(Request(reference: "R-X", caseID: "NOPE", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
                                             channel: .diplomatic, subject: "S"), by: Self.clerk)
            }.contains("no case 'NOPE'"))
            #expect(failure(.notFound) { () throws(ComityError) in
                try store.addRequest(request("R-X", basis: "NOPE"), by: Self.clerk)
            }.contains("no legal basis 'NOPE'"))
        }
    }

    @Test("a reply to a request in a final state is refused")
    func replyToFinal() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: DemoWorld.pensionRequest, date: Fixture.day("2019-01-01"), kind: .fullResults, summary: "late"), by: Self.clerk)
            }
            #expect(message.contains("is lapsed, a final state"), "\(message)")
            #expect(try store.replies(to: DemoWorld.pensionRequest).isEmpty)
        }
    }

    @Test("a reply to a request not yet sent is refused")
    func replyToDraft() throws {
        try withDemo { store throws in
            try store.addRequest(request("JP-DRAFT", sent: nil), by: Self.clerk)
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: "JP-DRAFT", date: Fixture.today, kind: .acknowledgement, summary: "ok"), by: Self.clerk)
            }
            #expect(message.contains("has not been sent"))
        }
    }

    // MARK: - Replies

    @Test("a reply from an authority of the wrong state is refused")
    func replyFromWrongParty() throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: DemoWorld.jaxaRequest, date: Fixture.day("2021-05-01"), fromAuthority: "JP-NPA", kind: .acknowledgement, summary: "ok"), by: Self.clerk)
            }
            #expect(message.contains("went to CN"), "\(message)")
        }
    }

    @Test("a promised date not after the reply is refused; refusal grounds only on a refusal")
    func replyFields() throws {
        try withDemo { store throws in
            let promised = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: DemoWorld.jaxaRequest, date: Fixture.day("2021-05-01"), kind: .interimStatus,
                                         summary: "soon", promisedDate: Fixture.day("2021-05-01")), by: Self.clerk)
            }
            #expect(promised.contains("is not after the reply"))
            let grounds = failure(.invalid) { () throws(ComityError) in
                try store.addReply(Reply(requestReference: DemoWorld.jaxaRequest, date: Fixture.day("2021-05-01"), kind: .postponement,
                                         summary: "later", refusalGrounds: [.politicalOffence]), by: Self.clerk)
            }
            #expect(grounds.contains("give --grounds only with --kind refusal"))
            #expect(try store.replies(to: DemoWorld.jaxaRequest).count == 1)
        }
    }

    // MARK: - Participants and text

    @Test("a request must be sent by the case's state to another state")
    func participants() throws {
        try withDemo { store throws in
            var fromChina = request("R-CN")
            fromChina.fromAuthority = "CN-MOJ"
            #expect(failure(.invalid) { () throws(ComityError) in try store.addRequest(fromChina, by: Self.clerk) }.contains("case MHI-2011 is JP's"))
            #expect(failure(.invalid) { () throws(ComityError) in
                try store.addRequest(request("R-JP", to: "JP-NPA"), by: Self.clerk)
            }.contains("both of JP"))
        }
    }

    @Test("empty, over-long and control-character text is refused")
    func text() throws {
        try withDemo { store throws in
            var empty = request("R-EMPTY")
            empty.subject = " \n\t"
            #expect(failure(.invalid) { () throws(ComityError) in try store.addRequest(empty, by: Self.clerk) }.contains("the subject is empty"))
            var control = request("R-CTRL")
            control.items = ["Preserve\u{1B}[2J the logs"]
            #expect(failure(.invalid) { () throws(ComityError) in try store.addRequest(control, by: Self.clerk) }.contains("the item of assistance contains the control character U+001B"))
            var long = request("R-LONG")
            long.subject = String(repeating: "x", count: 1001)
            #expect(failure(.invalid) { () throws(ComityError) in try store.addRequest(long, by: Self.clerk) }.contains("1001 characters long"))
            let title = failure(.invalid) { () throws(ComityError) in
                try store.addCase(Case(id: "C-T", title: "Bad\u{07}title", leadAuthority: "JP-TMPD", offence: "O",
                                       incidentDate: Fixture.today, discoveryDate: Fixture.today), by: Self.clerk)
            }
            #expect(title.contains("the case title contains the control character U+0007"))
        }
    }

    @Test("handles must be short, plain and not start with '-'", arguments: ["", "-R1", "R 1", "R1;DROP", "R\u{1B}1", String(repeating: "R", count: 65), "参照"])
    func badHandles(reference: String) throws {
        try withDemo { store throws in
            let message = failure(.invalid) { () throws(ComityError) in try store.addRequest(request(reference), by: Self.clerk) }
            #expect(message.contains("is not a valid request reference"), "\(message)")
            #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }

    @Test("an engagement may not end before it starts, nor be rescheduled to the same dates")
    func engagementSpan() throws {
        try withDemo { store throws in
            let backwards = failure(.invalid) { () throws(ComityError) in
                try store.addEngagement(Engagement(id: "E-X", counterpart: "CN", startDate: Fixture.day("2012-05-02"),
                                                   endDate: Fixture.day("2012-05-01"), level: .working, title: "T"), by: Self.clerk)
            }
            #expect(backwards.contains("ends on 2012-05-01, before it starts on 2012-05-02"))
            let same = failure(.invalid) { () throws(ComityError) in
                try store.reschedule(DemoWorld.nodaVisit, start: Fixture.day("2011-12-25"), end: Fixture.day("2011-12-26"), by: Self.clerk)
            }
            #expect(same.contains("already set"))
            let reversed = failure(.invalid) { () throws(ComityError) in
                try store.reschedule(DemoWorld.nodaVisit, start: Fixture.day("2011-12-26"), end: Fixture.day("2011-12-25"), by: Self.clerk)
            }
            #expect(reversed.contains("before it starts"))
            #expect(failure(.notFound) { () throws(ComityError) in
                try store.addEngagement(Engagement(id: "E-GB", counterpart: "GB", startDate: Fixture.today, endDate: Fixture.today,
                                                   level: .working, title: "T"), by: Self.clerk)
            }.contains("no party 'GB'"))
        }
    }

    @Test("preserved data may not expire before the request is sent")
    func preservation() throws {
        try withDemo { store throws in
            var kept = request("R-KEEP")
            kept.preservedUntil = Fixture.day("2012-11-30")
            #expect(failure(.invalid) { () throws(ComityError) in try store.addRequest(kept, by: Self.clerk) }.contains("check --preserved-until"))
        }
    }

    @Test("enum values parse case-insensitively and list the accepted ones when wrong")
    func enumParsing() throws {
        #expect(try Channel.parse("Diplomatic", field: "channel") == .diplomatic)
        #expect(try RequestState.parse("UNDER-EXECUTION", field: "state") == .underExecution)
        let error = #expect(throws: ValidationFailure.self) { try ReplyKind.parse("maybe", field: "reply kind") }
        #expect(error?.message == "'maybe' is not a valid reply kind; use \(ReplyKind.choices)")
        #expect(ReplyKind.choices.hasSuffix("refusal or premise-rejected"))
    }
}

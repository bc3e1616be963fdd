import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Letters that can be carried out and say only what is on record: a reminder needs no
/// reference the counterpart never gave, replies are quoted as recorded in the letter's
/// language, deadlines read approaching or passed, and nothing is issued twice.
@Suite("Letters that follow through")
struct LetterFollowThroughTests {
    static func date(_ iso: String) -> CalendarDate { LetterFixtures.date(iso) }

    @Test("a reminder to a counterpart that never replied cites our request and our earlier letters, and no reference of theirs")
    func reminderWithoutTheirReference() throws {
        let world = try LetterWorld.constructed()
        try world.send(theirReference: nil)
        try world.store.addFollowUp(FollowUp(requestReference: LetterWorld.request, date: Self.date("2011-11-01"), kind: .reminder, reference: "JP-NPSC/2011/0007"),
                                    by: world.clerk("2011-11-01"))
        let letter = try world.preview(.reminder, on: "2011-12-15")
        #expect(letter.document.contains("We refer to our request for assistance JP-TEST-2011-001 of 30 September 2011"))
        #expect(letter.document.contains("Working-level reminder No. JP-NPSC/2011/0007 of 1 November 2011"))
        #expect(!letter.document.contains("your reference"))
        // And the engine's recommendation for it can be carried out as it stands.
        let a = try #require(try world.store.assessments(.init(asOf: Self.date("2011-12-15"))).first)
        let recommended = try world.preview(nil, on: "2011-12-15")
        #expect(recommended.kind.escalation == a.recommendedStep)
    }

    @Test("a police-to-police request rests on no legal basis, and its reminder names none")
    func policeWithoutBasis() throws {
        let world = try LetterWorld.constructed()
        try world.store.addRequest(Request(
            reference: "JP-POL-2011-001", caseID: "CASE-L", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .police,
            subject: LetterWorld.subject, items: LetterWorld.items, sentDate: Self.date("2011-09-30")), by: world.clerk("2011-09-30"))
        let letter = try world.preview(.reminder, of: "JP-POL-2011-001", on: "2011-12-15")
        #expect(!letter.document.contains("made under"))
        #expect(!letter.document.contains("<basis>"))
        // Through the central authorities, the instrument is still required.
        try world.send(basis: nil)
        let error = try letterError { try world.preview(.reminder, on: "2011-12-15") }
        #expect("\(error)".contains("the legal basis of request \(LetterWorld.request) (it was recorded without --basis)"))
    }

    @Test("a Japanese letter quotes the reply's Japanese summary, and is refused naming it when there is none")
    func japaneseSummary() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        try world.reply(on: "2011-10-14", .nonCommittal, summary: "Forwarded to the competent department.")
        let reply = try #require(try world.store.replies(to: LetterWorld.request).first?.id)
        _ = try world.store.translate(.reply, String(reply), lang: "ja", [.summary: nil], reason: "untranslated", clearance: .secret, by: world.clerk("2011-10-14"))
        let error = try letterError { try world.preview(.noteVerbale, .ja, on: "2011-12-15") }
        #expect(error.category == .invalid)
        #expect("\(error)".contains("the ja summary of the reply of 2011-10-14 to JP-TEST-2011-001, which the letter quotes (reply \(reply)) (record it with 'comity translate reply \(reply) --lang ja --summary …')"))

        let other = try LetterWorld.constructed()
        try other.send()
        let answer = try other.store.addReply(Reply(
            requestReference: LetterWorld.request, date: Self.date("2011-10-14"), fromAuthority: "CN-MPS", kind: .nonCommittal,
            summary: "Forwarded to the competent department."), by: other.clerk("2011-10-14")).reply
        try other.ja(.reply, String(answer.id!), [.summary: "所管部門に回付したとのこと。"], on: "2011-10-14")
        let letter = try other.preview(.noteVerbale, .ja, on: "2011-12-15")
        #expect(letter.document.contains("所管部門に回付したとのこと。"))
        #expect(!letter.document.contains("Forwarded to the competent department."))
        #expect(!letter.document.contains("関係当局に連絡する旨"))
        let english = try other.preview(.noteVerbale, .en, on: "2011-12-15")
        #expect(english.document.contains("Forwarded to the competent department."))
        #expect(!english.document.contains("relevant authorities"))
    }

    /// A world whose one request is in a case with a limitation date.
    static func limited(_ limitation: String) throws -> LetterWorld {
        let world = try LetterWorld.constructed()
        try world.store.addCase(Case(
            id: "CASE-T", title: "A case with a limitation date", leadAuthority: "JP-NPSC", offence: "Unauthorised computer access",
            incidentDate: date("2011-01-03"), discoveryDate: date("2011-01-03"), limitationDate: date(limitation), classification: .restricted),
            by: world.clerk("2011-01-03"))
        try world.store.addRequest(Request(
            reference: LetterWorld.request, caseID: "CASE-T", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
            basisID: "JP-CN-MLAT", subject: LetterWorld.subject, items: LetterWorld.items, sentDate: date("2011-09-30")),
            by: world.clerk("2011-09-30"))
        try world.ja(.request, LetterWorld.request, [.subject: LetterWorld.subjectJa], on: "2011-09-30")
        try world.store.translate(.request, LetterWorld.request, lang: "ja", [.items: LetterWorld.items.map { "項目：\($0)" }],
                                  reason: "translation", clearance: .secret, by: world.clerk("2011-09-30"))
        try world.ja(.case, "CASE-T", [.title: "公訴時効のある事件"], on: "2011-01-03")
        return world
    }

    @Test("a time limit is 'approaching' only inside the warning window, 'passed' once passed, and never a negative count", arguments: [
        ("2015-01-01", nil as String?),
        ("2012-01-20", "Please note that a time limit is approaching: the limitation period of the investigation runs out, 20 January 2012, 36 days from the date of this letter."),
        ("2011-12-01", "Please note that a time limit passed on 1 December 2011, 14 days before the date of this letter: the limitation period of the investigation runs out on that date."),
    ])
    func deadlines(limitation: String, notice: String?) throws {
        let world = try Self.limited(limitation)
        for language in [LetterLanguage.en, .ja] {
            let letter = try world.preview(.reminder, language, .xml, on: "2011-12-15")
            let text = letter.document
            #expect(text.range(of: #"-\d+ ?(day|日)"#, options: .regularExpression) == nil)
            #expect(text.range(of: #"days-left="-"#, options: .regularExpression) == nil)
            if language == .en {
                if let notice { #expect(text.contains(notice)) } else { #expect(!text.contains("time limit") && !text.contains("<hard-limit")) }
            } else {
                #expect(text.contains("既に到来") == (limitation == "2011-12-01"))
                #expect(text.contains("到来することに") == (limitation == "2012-01-20"))
            }
        }
    }

    @Test("issuing the same request's letter twice on one day is refused with one sentence; the next day's is not")
    func issueOncePerDay() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let first = try world.issue(nil, on: "2011-12-15")
        let error = try letterError { try world.issue(nil, on: "2011-12-15") }
        #expect(error.category == .invalid)
        #expect("\(error)" == "request JP-TEST-2011-001 already has \(first.kind.title.lowercased()) \(first.number!) issued on 2011-12-15; one is enough for the day (see 'comity letter list JP-TEST-2011-001')")
        #expect(try world.store.letters(of: LetterWorld.request).count == 1)
        _ = try world.issue(nil, on: "2011-12-16")
        #expect(try world.store.letters(of: LetterWorld.request).count == 2)
    }

    @Test("a batch issues nothing for a request followed up within its interval, and says so; two runs on one day issue once")
    func batchOnce() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        try world.send("JP-TEST-2011-002")
        let day = Self.date("2011-12-15")
        let first = try world.store.letterBatch(date: day, counterpart: nil, language: .en, format: .xml, renderer: world.renderer,
                                                issuedBy: world.clerk("2011-12-15"))
        #expect(first.letters.count == 2)
        let second = try world.store.letterBatch(date: day, counterpart: nil, language: .en, format: .xml, renderer: world.renderer,
                                                 issuedBy: world.clerk("2011-12-15"))
        #expect(second.letters.isEmpty)
        #expect(second.skipped.count == 2)
        #expect(second.skipped.allSatisfy { $0.reason.description.contains("within the follow-up interval of 30 days; the next is due on 2012-01-14") })
        let later = try world.store.letterBatch(date: Self.date("2012-01-14"), counterpart: nil, language: .en, format: .xml,
                                                renderer: world.renderer, issuedBy: world.clerk("2012-01-14"))
        #expect(later.letters.count == 2)
        #expect(later.letters.allSatisfy { $0.kind == .noteVerbale })
    }
}

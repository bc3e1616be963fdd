import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The register of issued letters: numbering per sender and year, the stored document and its
/// digest, the follow-up it records, citations of earlier letters, all-or-nothing batches, and
/// the escalation ladder moving up as letters are issued.
@Suite("Letter register")
struct LetterRegisterTests {
    @Test("numbers run per sender and year: 0001, 0002, …; a new year restarts; each sender has its own sequence")
    func numbering() throws {
        let world = try LetterWorld.constructed()
        for reference in ["R-1", "R-2", "R-3"] { try world.send(reference, sent: "2011-09-01") }
        let plan: [(String, EscalationStep, String, String)] = [
            ("R-1", .noteVerbale, "2011-11-01", "JP-EMB-CN/2011/0001"),
            ("R-2", .noteVerbale, "2011-11-01", "JP-EMB-CN/2011/0002"),
            ("R-3", .reminder, "2011-11-02", "JP-NPSC/2011/0001"),
            ("R-1", .aideMemoire, "2011-12-01", "JP-EMB-CN/2011/0003"),
            ("R-2", .ministerial, "2011-12-05", "JP-NPSC/2011/0002"),
            ("R-3", .noteVerbale, "2012-01-10", "JP-EMB-CN/2012/0001"),
            ("R-1", .reminder, "2012-01-11", "JP-NPSC/2012/0001"),
            ("R-2", .noteVerbale, "2012-01-12", "JP-EMB-CN/2012/0002"),
            ("R-1", .talkingPoints, "2012-01-13", "JP-MOFA/2012/0001"),
            ("R-3", .aideMemoire, "2012-01-13", "JP-EMB-CN/2012/0003"),
        ]
        for (reference, kind, day, expected) in plan {
            let letter = try world.issue(kind, .en, .xml, of: reference, on: day)
            #expect(letter.number == expected, "\(reference) \(kind.rawValue) on \(day)")
            #expect(letter.kind.escalation == kind)
        }
        let registered = try ["R-1", "R-2", "R-3"].flatMap { try world.store.letters(of: $0) }
        #expect(Set(registered.map(\.number)) == Set(plan.map(\.3)))
        #expect(try world.store.letters(of: "R-1").map(\.number) == [
            "JP-EMB-CN/2011/0001", "JP-EMB-CN/2011/0003", "JP-NPSC/2012/0001", "JP-MOFA/2012/0001",
        ], "a request's register entries, oldest first")
    }

    @Test("an issued letter is stored as issued, with the SHA-256 of its text", arguments: [LetterLanguage.en, .ja], DocumentKind.allCases)
    func storedDocument(language: LetterLanguage, format: DocumentKind) throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let preview = try world.preview(.noteVerbale, language, format, on: "2011-11-28")
        let issued = try world.issue(.noteVerbale, language, format, on: "2011-11-28")
        let number = try #require(issued.number)
        #expect(number == "JP-EMB-CN/2011/0001")
        #expect(preview.number == nil)
        #expect(issued.document != preview.document, "an issued letter carries its number, a preview says it is a draft")

        let stored = try world.store.letter(number: number)
        #expect(Data(stored.document.utf8) == Data(issued.document.utf8), "the stored document is byte for byte the issued one")
        let digest = try LetterFixtures.sha256(issued.document)
        #expect(stored.sha256 == digest)
        #expect(issued.sha256 == digest)
        #expect(stored.kind == .noteVerbale && stored.language == language && stored.format == format.rawValue)
        #expect(stored.date == LetterFixtures.date("2011-11-28") && stored.sender == "JP-EMB-CN")
        #expect(stored.requestReference == LetterWorld.request && stored.classification == .restricted)
        let entry = try #require(try world.store.letters(of: LetterWorld.request).first)
        #expect(entry.sha256 == digest && entry.number == number)

        switch format {
        case .xml:
            let root = try LetterFixtures.parse(issued.document)
            #expect(root.attribute("draft") == "false")
            #expect(root.attribute("number") == number)
        case .html:
            #expect(issued.document.contains(language == .en ? "<p class=\"number\">No. \(number)</p>" : "<p class=\"number\">第\(number)号</p>"))
            #expect(!issued.document.contains("class=\"draft\""))
            #expect(preview.document.contains("class=\"draft\""))
        }
    }

    @Test("issuing records the follow-up and a line in the request's history")
    func followUpEvent() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let historyBefore = try world.store.history(of: LetterWorld.request)
        let letter = try world.issue(.noteVerbale, .en, .html, on: "2011-11-28")
        let number = try #require(letter.number)

        let followUps = try world.store.followUps(of: LetterWorld.request)
        #expect(followUps.count == 1)
        let followUp = try #require(followUps.first)
        #expect(followUp.reference == number)
        #expect(followUp.kind == .noteVerbale)
        #expect(followUp.date == LetterFixtures.date("2011-11-28"))
        #expect(!followUp.restartsClock, "a letter is a follow-up, not a resend")
        #expect(followUp.note.contains(String(letter.sha256.prefix(16))))

        let history = try world.store.history(of: LetterWorld.request)
        #expect(history.count == historyBefore.count + 1)
        let event = try #require(history.last)
        #expect(event.action == .followUp)
        #expect(event.date == LetterFixtures.date("2011-11-28"))
        #expect(event.note.contains(number))
        #expect(event.note.contains("note verbale"))
        #expect(event.actor == "Tester")
    }

    @Test("a later letter cites the earlier ones by number and date, in English and in Japanese")
    func citations() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let note = try #require(try world.issue(.noteVerbale, .en, .xml, on: "2011-11-01").number)
        let reminder = try #require(try world.issue(.reminder, .en, .html, on: "2011-11-15").number)
        #expect(note == "JP-EMB-CN/2011/0001" && reminder == "JP-NPSC/2011/0001")

        let root = try LetterFixtures.parse(try world.preview(.aideMemoire, .en, .xml, on: "2011-12-01").document)
        let cites = try #require(LetterFixtures.element(root, "citations")).children(named: "cite")
        #expect(cites.map { $0.attribute("number") } == [note, reminder])
        #expect(cites.map { $0.attribute("date") } == ["2011-11-01", "2011-11-15"])
        #expect(cites.map(\.text) == ["Note verbale", "Working-level reminder"])
        let paragraphs = LetterFixtures.paragraphs(root)
        #expect(paragraphs.contains("Note verbale No. JP-EMB-CN/2011/0001 of 1 November 2011"))
        #expect(paragraphs.contains("Working-level reminder No. JP-NPSC/2011/0001 of 15 November 2011"))

        let ja = try world.preview(.noteVerbale, .ja, .html, on: "2011-12-01").document
        #expect(ja.contains("平成23年11月1日付け口上書第JP-EMB-CN/2011/0001号"))
        #expect(ja.contains("平成23年11月15日付け催促状第JP-NPSC/2011/0001号"))

        // A letter dated before a follow-up does not cite it.
        let earlier = try LetterFixtures.parse(try world.preview(.aideMemoire, .en, .xml, on: "2011-11-10").document)
        #expect(LetterFixtures.element(earlier, "citations")?.children(named: "cite").map { $0.attribute("number") } == [note])
        let first = try LetterFixtures.parse(try world.preview(.aideMemoire, .en, .xml, on: "2011-10-31").document)
        #expect(LetterFixtures.element(first, "citations") == nil)
    }

    @Test("a batch is issued whole or not at all")
    func batchAllOrNothing() throws {
        let world = try LetterWorld.constructed()
        try world.send("R-1")
        try world.send("R-2", theirReference: nil)
        let clerk = world.clerk("2011-11-28")
        let good = world.spec(.reminder, of: "R-1", on: "2011-11-28")
        let bad = world.spec(.reminder, of: "R-9", on: "2011-11-28")  // a request that is not recorded
        #expect(throws: ComityError.self) { try world.store.issueLetters([good, bad], renderer: world.renderer, by: clerk) }
        #expect(try world.store.letters(of: "R-1").isEmpty)
        #expect(try world.store.followUps(of: "R-1").isEmpty)

        struct Stop: Error {}
        var seen: [Letter] = []
        #expect(throws: (any Error).self) {
            try world.store.issueLetters([good, world.spec(.noteVerbale, of: "R-2", on: "2011-11-28")], renderer: world.renderer, by: clerk) { letters in
                seen = letters
                throw Stop()
            }
        }
        #expect(seen.compactMap(\.number) == ["JP-NPSC/2011/0001", "JP-EMB-CN/2011/0001"], "the callback sees the numbered letters")
        #expect(try world.store.letters(of: "R-1").isEmpty && world.store.letters(of: "R-2").isEmpty)
        #expect(try world.store.followUps(of: "R-2").isEmpty)

        let issued = try world.store.issueLetters([good, world.spec(.noteVerbale, of: "R-2", on: "2011-11-28")], renderer: world.renderer, by: clerk)
        #expect(issued.compactMap(\.number) == ["JP-NPSC/2011/0001", "JP-EMB-CN/2011/0001"], "a failed batch leaves no gap")
    }

    @Test("a preview records nothing")
    func previewRecordsNothing() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let history = try world.store.history(of: LetterWorld.request)
        for kind in EscalationStep.allCases {
            for language in [LetterLanguage.en, .ja] {
                _ = try world.preview(kind, language, .html, on: "2011-11-28")
            }
        }
        _ = try world.preview(nil, .en, .xml, on: "2011-11-28")
        #expect(try world.store.letters(of: LetterWorld.request).isEmpty)
        #expect(try world.store.followUps(of: LetterWorld.request).isEmpty)
        #expect(try world.store.history(of: LetterWorld.request) == history)
        #expect(try world.issue(.reminder, on: "2011-11-28").number == "JP-NPSC/2011/0001", "previews take no number")
    }

    @Test("a letter is issued on or before today and in the order of the request's history")
    func issueChronology() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        #expect(throws: ComityError.self) {
            try world.store.issueLetter(world.spec(.reminder, on: "2011-11-28"), renderer: world.renderer, by: world.clerk("2011-11-27"))
        }
        _ = try world.issue(.reminder, on: "2011-11-28")
        #expect(throws: ComityError.self) { try world.issue(.noteVerbale, on: "2011-11-20") }
        #expect(try world.store.letters(of: LetterWorld.request).count == 1)
    }

    // MARK: The ladder

    @Test("without a kind, the ladder moves up with each letter issued: reminder, note verbale, aide-mémoire, ministerial letter, and another without a meeting in view")
    func ladderAdvances() throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2011-09-01")  // no reply: "no acknowledgement" after 21 days
        let steps: [(String, EscalationStep)] = [
            ("2011-10-01", .reminder), ("2011-10-20", .noteVerbale), ("2011-11-10", .aideMemoire), ("2011-11-30", .ministerial),
            ("2011-12-20", .ministerial),
        ]
        for (day, expected) in steps {
            let preview = try world.preview(nil, .en, .xml, on: day)
            #expect(preview.kind.escalation == expected, "recommended on \(day)")
            let issued = try world.issue(nil, .en, .xml, on: day)
            #expect(issued.kind.escalation == expected)
            #expect(try LetterFixtures.parse(issued.document).attribute("kind") == expected.rawValue)
        }
        #expect(try world.store.followUps(of: LetterWorld.request).map(\.kind) == steps.map(\.1))
    }

    @Test("after a reminder the next step is a note verbale, unless a summit is in the look-ahead window: then talking points",
          arguments: [nil, EngagementLevel.working, .seniorOfficials, .leaders])
    func ladderWithEngagement(level: EngagementLevel?) throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2011-09-01")
        let reminder = try world.issue(nil, .en, .html, on: "2011-10-01")
        #expect(reminder.kind == .reminder)
        #expect(reminder.number == "JP-NPSC/2011/0001")
        // A summit 39 days after the next letter's date: inside the 60-day look-ahead.
        if let level { try world.engagement(start: "2011-12-10", end: "2011-12-11", level: level, recordedOn: "2011-10-15") }
        let expected: EscalationStep = (level ?? .working) >= .seniorOfficials ? .talkingPoints : .noteVerbale
        #expect(try world.preview(nil, .en, .xml, on: "2011-11-01").kind.escalation == expected)
        let next = try world.issue(nil, .en, .xml, on: "2011-11-01")
        #expect(next.kind.escalation == expected)
        #expect(next.number == (expected == .talkingPoints ? "JP-MOFA/2011/0001" : "JP-EMB-CN/2011/0001"))
    }

    @Test("a summit beyond the look-ahead window does not change the step")
    func engagementOutsideWindow() throws {
        let world = try LetterWorld.constructed()
        try world.send(sent: "2011-09-01")
        _ = try world.issue(nil, .en, .html, on: "2011-10-01")
        try world.engagement(start: "2012-01-15", level: .leaders, recordedOn: "2011-10-15")  // 75 days after 2011-11-01
        #expect(try world.preview(nil, .en, .xml, on: "2011-11-01").kind == .noteVerbale)
        #expect(try world.preview(nil, .en, .xml, on: "2011-11-20").kind == .talkingPoints, "56 days ahead: inside the window")
    }
}

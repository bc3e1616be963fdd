import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// A batch renders its letters on several threads while it composes the next ones; what it
/// produces must not depend on that: the same letters, in the same order, as one by one.
@Suite("Letter batches rendered on every core")
struct LetterBatchTests {
    static let today = SyntheticWorldTests.today

    /// Every letter of the batch with the place `deliver` was given it at.
    final class Delivered: @unchecked Sendable {
        private let lock = NSLock()
        private var letters: [Int: Letter] = [:]
        private(set) var duplicates = 0

        func put(_ letter: Letter, _ index: Int) {
            lock.lock()
            if letters.updateValue(letter, forKey: index) != nil { duplicates += 1 }
            lock.unlock()
        }

        var inOrder: [Letter] {
            lock.lock()
            defer { lock.unlock() }
            return letters.keys.sorted().map { letters[$0]! }
        }
    }

    @Test("a batch gives exactly the letters previews give one by one, in the batch's order", arguments: [DocumentKind.html, .xml])
    func sameAsOneByOne(format: DocumentKind) throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 4_000)
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let delivered = Delivered()
        let batch = try store.letterBatch(
            date: Self.today, counterpart: nil, language: .en, format: format, renderer: renderer,
            deliver: { letter, index in delivered.put(letter, index) })
        #expect(batch.letters.count + batch.skipped.count > 2 * ComityStore.letterGroup, "enough stalled requests for several groups")
        #expect(batch.letters.count > 100, "enough letters for several threads")
        #expect(delivered.duplicates == 0)
        // A delivered preview comes back without its document: `deliver` had it.
        #expect(batch.letters.allSatisfy { $0.document.isEmpty })
        #expect(delivered.inOrder.map { var kept = $0; kept.document = ""; return kept } == batch.letters,
                "each letter delivered once, at its place in the batch")
        #expect(batch.letters.map(\.requestReference) == batch.letters.map(\.requestReference).sorted(), "in the order of the assessments")
        for letter in delivered.inOrder {
            let single = try store.previewLetter(
                LetterSpec(reference: letter.requestReference, kind: letter.kind, language: .en, format: format, date: Self.today),
                renderer: renderer)
            #expect(single == letter, "\(letter.requestReference)")
        }
        // Without `deliver`, the batch keeps every document.
        let kept = try store.letterBatch(date: Self.today, counterpart: nil, language: .en, format: format, renderer: renderer)
        #expect(kept.letters == delivered.inOrder)
    }

    @Test("every day count a letter shows comes with its phrase in the letter's language, so rendering adds none", arguments: ["en", "ja"])
    func dayPhrasesComposed(tag: String) throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_500)
        let phrases = try DocumentRenderer(templates: SyntheticWorldTests.templates).phrasebook(try LetterLanguage(tag: tag))
        var checked = 0, limits = 0, replies = 0, engagements = 0
        try store.read { db in
            try ComityStore.forEachAssessment(db, ComityStore.StallScope(asOf: Self.today)) { a in
                guard a.ballWith != .us, a.recommendedStep != nil else { return }
                let spec = LetterSpec(reference: a.reference, language: phrases.language, format: .html, date: Self.today)
                let values = try ComityStore.uncheckedComposer(db, spec, assessment: a).context(number: nil, phrases: phrases)
                #expect(TemplateValue.addingDayPhrases(values, days: phrases.days) == values, "\(a.reference)")
                checked += 1
                if case .object(let limit) = values["hardLimit"] {
                    limits += 1
                    #expect(limit["daysLeftText"] == .text(phrases.days(limit["daysLeft"].flatMap { if case .number(let n) = $0 { n } else { nil } } ?? -1)))
                }
                if case .list(let items) = values["replies"], !items.isEmpty { replies += 1 }
                if case .object = values["engagement"] { engagements += 1 }
            }
        }
        #expect(checked > 50 && limits > 0 && replies > 0 && engagements > 0, "\(checked) letters, \(limits) limits, \(replies) with replies, \(engagements) engagements")
    }

    @Test("a batch asked for no digests gives its previews none, and its issued letters their own, which the register records")
    func digestsOnlyWhereShown() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_000)
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let digested = try store.letterBatch(date: Self.today, counterpart: nil, language: .en, format: .html, renderer: renderer)
        let bare = try store.letterBatch(date: Self.today, counterpart: nil, language: .en, format: .html, renderer: renderer, digests: false)
        #expect(bare.letters.count > 10)
        #expect(digested.letters.allSatisfy { $0.sha256 == DocumentDigest.sha256($0.document) && $0.sha256.count == 64 })
        #expect(bare.letters.allSatisfy { $0.sha256.isEmpty })
        #expect(bare.letters.map(\.document) == digested.letters.map(\.document), "the same letters, only without digests")
        let issued = try store.letterBatch(
            date: Self.today, counterpart: nil, language: .en, format: .html, renderer: renderer, issuedBy: Clerk(name: "Sato", today: Self.today), digests: false)
        #expect(issued.letters.count == bare.letters.count)
        for letter in issued.letters {
            #expect(letter.sha256 == DocumentDigest.sha256(letter.document))
            #expect(try store.letter(number: try #require(letter.number)).sha256 == letter.sha256)
        }
    }

    @Test("an issued batch numbers each sender's letters on from its register, in the batch's order, and registers them as written")
    func issuedNumbers() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_000)
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let preview = try store.letterBatch(date: Self.today, counterpart: nil, language: .en, format: .xml, renderer: renderer)
        var last: [String: Int] = [:]
        for sender in Set(preview.letters.map(\.sender)) {
            last[sender] = try store.read { db in try ComityStore.nextSequence(db, sender: sender, year: Self.today.year) } - 1
        }
        let clerk = Clerk(name: "Sato", today: Self.today)
        let issued = try store.letterBatch(date: Self.today, counterpart: nil, language: .en, format: .xml, renderer: renderer, issuedBy: clerk)
        #expect(issued.letters.map(\.requestReference) == preview.letters.map(\.requestReference))
        for letter in issued.letters {
            let sequence = last[letter.sender, default: 0] + 1
            last[letter.sender] = sequence
            #expect(letter.number == ComityStore.registerNumber(sender: letter.sender, year: Self.today.year, sequence: sequence))
            let registered = try store.letter(number: try #require(letter.number))
            #expect(registered.document == letter.document && registered.sha256 == letter.sha256)
        }
        #expect(try store.check().problems.isEmpty)
    }

    @Test("register numbers keep four digits until the ten-thousandth letter")
    func registerNumbers() {
        #expect(ComityStore.registerNumber(sender: "JP-EMB-CN", year: 2011, sequence: 1) == "JP-EMB-CN/2011/0001")
        #expect(ComityStore.registerNumber(sender: "JP-EMB-CN", year: 2011, sequence: 9_999) == "JP-EMB-CN/2011/9999")
        #expect(ComityStore.registerNumber(sender: "JP-EMB-CN", year: 2011, sequence: 12_345) == "JP-EMB-CN/2011/12345")
    }

    @Test("a letter that fails stops the batch with its own error, the first in the batch's order")
    func firstFailureWins() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_500)
        let good = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let letters = try store.letterBatch(date: Self.today, counterpart: nil, language: .en, format: .xml, renderer: good).letters
        // A form whose first letter comes after letters of other forms, which render and are delivered.
        let kind = try #require(EscalationStep.allCases.first { kind in (letters.firstIndex { $0.kind.escalation == kind } ?? 0) > 0 })
        let first = letters[try #require(letters.firstIndex { $0.kind.escalation == kind })]

        let broken = try LetterTemplates.copy(into: dir.appendingPathComponent("templates")) { name, source in
            guard name == "en/letter/\(kind.rawValue).xml.mustache" else { return source }
            return source.replacingOccurrences(of: "{{> shared/letter-front.xml}}", with: "  <unexpected/>\n{{> shared/letter-front.xml}}")
        }
        let delivered = Delivered()
        let error = #expect(throws: ComityError.self) {
            try store.letterBatch(
                date: Self.today, counterpart: nil, language: .en, format: .xml, renderer: try DocumentRenderer(templates: broken),
                deliver: { letter, index in delivered.put(letter, index) })
        }
        #expect(error?.description.hasPrefix("the \(kind.title.lowercased()) for \(first.requestReference) produced is not valid") == true,
                "\(String(describing: error))")
        #expect(delivered.inOrder.allSatisfy { $0.kind.escalation != kind })
    }
}

/// Copies of the template folder with some files changed.
enum LetterTemplates {
    /// Copies the real templates into `folder`, passing each file's relative path and text through `change`.
    static func copy(into folder: URL, change: (String, String) -> String) throws -> URL {
        let source = SyntheticWorldTests.templates
        let fm = FileManager.default
        guard let files = fm.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]) else { return folder }
        for case let file as URL in files where (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(file.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let target = folder.appendingPathComponent(relative)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(change(relative, try String(contentsOf: file, encoding: .utf8)).utf8).write(to: target)
        }
        return folder
    }
}

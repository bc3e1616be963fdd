import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Every document carries the mark of the highest thing it names.
@Suite("Marks that cover everything a document names")
struct DocumentMarkTests {
    @Test("the batch index is marked as the highest of its letters and of the requests it skipped")
    func indexCoversSkipped() throws {
        let day = TestWorld.date("2011-11-28")
        let skipped = LetterIndex.Skipped(reference: "JP-R-SECRET", reason: .ballWithUs(advice: "send the further information"), classification: .secret)
        let index = LetterIndex(date: day, issued: false, letters: [], skipped: [skipped])
        #expect(index.classification == .secret)
        #expect(index.templateContext(phrases: .english)["mark"] == .text(Classification.secret.markEnglish))
        #expect(index.templateContext(phrases: .english)["classification"] == .text("secret"))
        let empty = LetterIndex(date: day, issued: false, letters: [], skipped: [])
        #expect(empty.templateContext(phrases: .english)["mark"] == .text(Classification.unclassified.markEnglish))
    }

    @Test("a batch carries each skipped request's classification as the stall engine assesses it, and its index covers them")
    func batchSkippedCarryTheirClassification() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 800)
        let today = SyntheticWorldTests.today
        let batch = try store.letterBatch(
            date: today, counterpart: nil, language: .en, format: .html, renderer: try DocumentRenderer(templates: SyntheticWorldTests.templates))
        let assessed = Dictionary(
            try store.stallReport(asOf: today).groups.flatMap(\.findings).map { ($0.reference, $0.classification) }, uniquingKeysWith: max)
        try #require(!batch.skipped.isEmpty, "the world has requests a batch skips")
        for skipped in batch.skipped {
            #expect(skipped.classification == assessed[skipped.reference], "\(skipped.reference)")
        }
        let index = LetterIndex(date: today, issued: false, letters: batch.letters, skipped: batch.skipped)
        let highest = (batch.letters.map(\.classification) + batch.skipped.map(\.classification)).max()
        #expect(index.classification == highest)
        #expect(index.classification >= batch.skipped.map(\.classification).max()!)
    }

    @Test("a secret reply raises the mark of the report, the brief and the letter that name its request")
    func replyRaisesEveryDocumentNamingIt() throws {
        let world = try TestWorld()
        let store = try ComityStore.create(at: world.folder.appendingPathComponent("demo.sqlite").path)
        try DemoWorld.load(into: store, by: Clerk(name: "Tester", today: TestWorld.date("2024-01-10")))
        let asOf = TestWorld.date("2011-11-28")
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let spec = LetterSpec(reference: DemoWorld.mhiRequest, kind: .reminder, language: .en, format: .html, date: asOf)
        // The demo's MHI request, case and reply are restricted: so are the documents naming them.
        #expect(try store.stallReport(asOf: asOf).classification == .restricted)
        #expect(try store.previewLetter(spec, renderer: renderer).classification == .restricted)

        try store.addReply(
            Reply(requestReference: DemoWorld.mhiRequest, date: TestWorld.date("2011-11-01"), kind: .nonCommittal,
                  summary: "A status report from a secret source", classification: .secret),
            keepState: true, by: Clerk(name: "Tester", today: asOf))
        let report = try store.stallReport(asOf: asOf)
        #expect(report.classification == .secret)
        #expect(report.text.hasPrefix("SECRET\n") && report.text.hasSuffix("\nSECRET\n"))
        let html = try renderer.render(report, as: .html)
        #expect(html.contains("content: \"SECRET\""), "the printed pages carry the mark in their margins")
        #expect(html.contains("<div class=\"mark top\">SECRET</div>"))
        #expect(try store.stallReport(asOf: asOf, before: "NODA-BEIJING-2011").classification == .secret)
        let letter = try store.previewLetter(spec, renderer: renderer)
        #expect(letter.classification == .secret)
        #expect(letter.document.contains("<div class=\"mark top\">SECRET</div>"))
    }
}

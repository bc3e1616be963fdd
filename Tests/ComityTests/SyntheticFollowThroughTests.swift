import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// On a synthetic world, every stalled request gets the letter the engine recommends, or a
/// listed reason: our homework, a step that is no letter, a recent follow-up, or the facts
/// to record. Never a refusal for a fact the engine itself should have known, and no letter
/// with a negative count of days.
@Suite("Synthetic world: every recommendation can be carried out")
struct SyntheticFollowThroughTests {
    @Test("each stalled request gets its recommended letter or a reason naming what to do or record")
    func everyStalledRequest() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "follow-through.sqlite", requests: 600, seed: 11)
        let today = SyntheticWorldTests.today
        let stalled = try store.assessments(.init(asOf: today))
        #expect(stalled.count > 20, "a world with enough stalled requests to say something")
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        let batch = try store.letterBatch(date: today, counterpart: nil, language: .en, format: .xml, renderer: renderer)
        let letters = Dictionary(batch.letters.map { ($0.requestReference, $0) }, uniquingKeysWith: { a, _ in a })
        let skipped = Dictionary(batch.skipped.map { ($0.reference, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(batch.letters.count + batch.skipped.count == stalled.count)
        var refusals = 0
        for a in stalled {
            if let letter = letters[a.reference] {
                #expect(letter.kind.escalation == a.recommendedStep, "\(a.reference): the letter is the recommended one")
                #expect(letter.document.range(of: #"-\d+ days|days-left="-"#, options: .regularExpression) == nil, "\(a.reference): a negative count")
                continue
            }
            let reason = try #require(skipped[a.reference], "\(a.reference) got neither a letter nor a reason")
            guard case .cannotProduce(_, _, let missing) = reason else { continue }
            refusals += 1
            for item in missing {
                #expect(item.contains("add one with") || item.contains("recorded without"), "\(a.reference): '\(item)' does not say what to record")
                #expect(!item.contains("counterpart's reference") && !item.contains("has not been transmitted") && !item.contains("legal basis"),
                        "\(a.reference): refused for a fact the engine knew: \(item)")
            }
        }
        #expect(refusals < stalled.count / 2, "most stalled requests get their letter: \(refusals) refusals of \(stalled.count)")
    }
}

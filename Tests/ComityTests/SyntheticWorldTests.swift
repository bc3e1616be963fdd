import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The synthetic world behind the benchmarks, and the streamed JSON stall report.
@Suite("Synthetic worlds and the streamed stall report")
struct SyntheticWorldTests {
    static let today = TestWorld.date("2026-11-21")
    static let templates = InterchangeTests.repository.appendingPathComponent("templates")

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("comity-synth-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func world(_ dir: URL, _ name: String, requests: Int = 600, seed: UInt64 = 7) throws -> (ComityStore, SyntheticWorld.Summary) {
        let store = try ComityStore.create(at: dir.appendingPathComponent(name).path)
        let renderer = try DocumentRenderer(templates: templates)
        let summary = try store.generate(SyntheticWorld(requests: requests, seed: seed, today: today, letterEvery: 5), renderer: renderer)
        return (store, summary)
    }

    @Test("the same seed gives the same database; another seed another world")
    func deterministic() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, summaryA) = try Self.world(dir, "a.sqlite")
        let (b, summaryB) = try Self.world(dir, "b.sqlite")
        let (c, _) = try Self.world(dir, "c.sqlite", seed: 8)
        #expect(summaryA == summaryB)
        let exportA = InterchangeJSON.encode(try a.exportTables())
        #expect(exportA == InterchangeJSON.encode(try b.exportTables()))
        #expect(exportA != InterchangeJSON.encode(try c.exportTables()))
    }

    @Test("a synthetic world is realistic and keeps every invariant the store keeps")
    func realistic() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, summary) = try Self.world(dir, "w.sqlite", requests: 2_000)
        #expect(summary.parties >= 180 && summary.parties <= 200)
        #expect(summary.requests == 2_000)
        #expect(summary.openRequests > 100 && summary.openRequests < 1_000)
        #expect(summary.replies > 2_000)
        #expect(summary.letters > 0)
        #expect(summary.engagements > 100)
        let report = try store.check()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
        let states = Set(try store.requests().map(\.state))
        #expect(states.isSuperset(of: [.transmitted, .acknowledged, .underExecution, .executed, .refused, .lapsed]))
        let channels = Set(try store.requests().map(\.channel))
        #expect(channels.count >= 5)
    }

    @Test("a synthetic world is built only into an empty database")
    func refusesAFilledDatabase() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try InterchangeTests.demo(dir)
        #expect(throws: ComityError.self) { try store.generate(SyntheticWorld(requests: 10, seed: 1, today: Self.today), renderer: nil) }
        #expect(throws: ComityError.self) { try store.generate(SyntheticWorld(requests: 0, seed: 1, today: Self.today), renderer: nil) }
        #expect(try store.requests().count == 4)
    }

    @Test("the streamed JSON report holds exactly the assessments and summary the grouped report has")
    func streamedListingMatches() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try Self.world(dir, "w.sqlite", requests: 1_500)
        for counterpart in [nil, "CN"] as [String?] {
            var bytes: [UInt8] = []
            try store.writeStallListing(asOf: Self.today, counterpart: counterpart) { bytes += $0 }
            let listing = try JSONDecoder().decode(StallListing.self, from: Data(bytes))
            let report = try store.stallReport(asOf: Self.today, counterpart: counterpart)
            let expected = report.groups.flatMap(\.findings).sorted { $0.reference < $1.reference }
            #expect(!listing.findings.isEmpty)
            #expect(try JSONDocument.encode(listing.findings) == JSONDocument.encode(expected))
            #expect(try JSONDocument.encode(listing.summary) == JSONDocument.encode(report.summary))
            #expect(listing.classification == report.classification)
            #expect(listing.findings.map(\.reference) == listing.findings.map(\.reference).sorted())
            #expect(String(decoding: bytes, as: UTF8.self).split(separator: "\n").count == listing.findings.count + 2)
        }
    }

    @Test("the stream writer finds a byte to escape wherever it lies in a long text, and nothing in text that needs none")
    func escapingScan() throws {
        let fillers = ["abcdefgh", "日本語«»", "\u{7F}~ €", "ÿÿÿÿ"]
        for filler in fillers {
            let base = String(repeating: filler, count: 6)
            #expect(!Array(base.utf8).withUnsafeBufferPointer(JSONStreamWriter.needsEscaping), "\(filler)")
            for special in ["\u{01}", "\u{1F}", "\"", "\\", "\n"] {
                for cut in 0...base.count {
                    var text = base
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: cut))
                    #expect(Array(text.utf8).withUnsafeBufferPointer(JSONStreamWriter.needsEscaping), "\(text.debugDescription)")
                    var bytes: [UInt8] = []
                    var json = JSONStreamWriter { bytes += $0 }
                    json.value(text)
                    try json.flush()
                    #expect(try JSONDecoder().decode(String.self, from: Data(bytes)) == text)
                }
            }
        }
    }

    @Test("the stream writer escapes text as JSONEncoder reads it back")
    func escaping() throws {
        let awkward = ["plain", "quote \" and back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1F} control", "日本語 «» /slash/", ""]
        var bytes: [UInt8] = []
        var json = JSONStreamWriter { bytes += $0 }
        json.beginArray()
        for text in awkward { json.value(text) }
        json.endArray()
        try json.flush()
        #expect(try JSONDecoder().decode([String].self, from: Data(bytes)) == awkward)
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender

/// The counterparts' record of the hand-built world of `CounterpartRecordTests` (requests both
/// ways, figures checked there against an independent computation) in every format, against
/// golden files; the XML validated by Comity and by xmllint. Regenerate with
///
///     COMITY_UPDATE_GOLDEN=1 swift test --filter CounterpartRecordGoldenTests
@Suite("counterparts' record, golden files")
struct CounterpartRecordGoldenTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = repository.appendingPathComponent("Tests/Golden", isDirectory: true)
    static let templates = repository.appendingPathComponent("templates", isDirectory: true)
    static let schema = templates.appendingPathComponent("schemas/counterpart-record.xsd")
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")

    /// The document in `format`, as `comity report counterparts --format FORMAT` writes it.
    static func document(_ record: CounterpartRecord, _ format: String) throws -> String {
        switch format {
        case "txt": return record.text
        case "csv": return record.csv
        case "json":
            var bytes: [UInt8] = []
            try record.writeJSON { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        default:
            return try DocumentRenderer(templates: templates).render(record, as: format == "xml" ? .xml : .html)
        }
    }

    static func check(_ actual: String, against name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["COMITY_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path), "no golden file \(name); run with COMITY_UPDATE_GOLDEN=1")
        let lines = (actual.components(separatedBy: "\n"), String(decoding: expected, as: UTF8.self).components(separatedBy: "\n"))
        let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(Data(actual.utf8) == expected, "differs from Tests/Golden/\(name) at line \((first?.offset ?? min(lines.0.count, lines.1.count)) + 1): \(first.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "length")")
    }

    /// `xmllint --schema` on a document: 0 when it validates.
    static func xmllint(_ document: String) throws -> Int32 {
        try #require(FileManager.default.isExecutableFile(atPath: xmllint.path), "xmllint is needed (libxml2-utils, installed by .ci/run)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("record.xml")
        try Data(document.utf8).write(to: file)
        let process = Process()
        process.executableURL = xmllint
        process.arguments = ["--noout", "--nonet", "--schema", schema.path, file.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("every format of the record both ways matches its golden file", arguments: ["txt", "json", "csv", "xml", "html"])
    func golden(format: String) throws {
        let world = try CounterpartRecordTests.world()
        let record = try CounterpartRecordTests.desk(world).counterpartRecord(asOf: TestWorld.day(CounterpartRecordTests.asOfDay))
        let document = try Self.document(record, format)
        try Self.check(document, against: "counterparts-both-ways.\(format)")
        switch format {
        case "txt":
            #expect(document.hasPrefix("SECRET\n") && document.hasSuffix("\nSECRET\n"))
            #expect(document.contains("  Received: 5 requests; we acknowledged 4"))
            #expect(document.contains("  Open with us by days since received: "))
        case "json":
            let object = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
            #expect(object["ourState"] as? String == "JP")
            #expect(object["incomingRecorded"] == nil)
            let counterparts = try #require(object["counterparts"] as? [[String: Any]])
            let total = try #require(counterparts.first?["total"] as? [String: Any])
            #expect(total["received"] as? Int == 5)
            #expect((total["ours"] as? [String: Any])?["overdue"] as? Int == 3)
        case "csv":
            #expect(document.hasPrefix("\u{FEFF}SECRET\r\ncounterpart,counterpart_name,channel,year,direction,requests,acknowledged,"))
            // A channel and year with only requests received has a line for them alone.
            #expect(document.contains("\r\nCN,China,diplomatic,2020,received,1,1,5,5,0,,,1,1,0,0,1,1,,,1.000,0.000,0.000\r\n"))
            #expect(!document.contains("CN,China,diplomatic,2020,sent"))
        case "xml":
            try XMLSchema(path: Self.schema.path).validate(document, documentName: "counterparts' record")
            #expect(try Self.xmllint(document) == 0, "xmllint refused the record")
            #expect(document.contains(" our-state=\"JP\""))
        case "html":
            #expect(!document.contains("<script"))
            for chart in ["answers-CN", "open-CN", "balance-CN", "answers-US", "open-US", "balance-US"] {
                #expect(document.contains("aria-labelledby=\"\(chart)-title\""), "\(chart)")
            }
            // Each chart has its table; each series a pattern of its own and a legend in words.
            #expect(document.components(separatedBy: "<svg ").count - 1 == 6)
            #expect(document.components(separatedBy: "<caption>").count - 1 == 6)
            #expect(document.contains("fill=\"url(#balance-CN-crossed)\""))
            #expect(document.contains(">received, open with us</text>"))
            #expect(document.contains("<div class=\"mark top\">SECRET</div>"))
        default:
            Issue.record("no checks for \(format)")
        }
    }

    @Test("a schema-invalid record is refused by xmllint too: the check is not vacuous")
    func xmllintRefuses() throws {
        let world = try CounterpartRecordTests.world()
        let record = try CounterpartRecordTests.desk(world).counterpartRecord(asOf: TestWorld.day(CounterpartRecordTests.asOfDay))
        let document = try Self.document(record, "xml").replacingOccurrences(of: "<ours ", with: "<mine ")
        #expect(try Self.xmllint(document) != 0)
    }
}

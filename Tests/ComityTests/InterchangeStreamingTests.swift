import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Exports written from a cursor and JSON imports read a record at a time, on synthetic worlds.
@Suite("Streamed export and import")
struct InterchangeStreamingTests {
    static let today = TestWorld.date("2026-11-21")
    static let clerk = Clerk(name: "Sato", today: today)

    /// A synthetic world of `requests` requests with letters, in `dir`.
    static func world(_ dir: URL, _ name: String = "world.sqlite", requests: Int = 400) throws -> ComityStore {
        let store = try ComityStore.create(at: dir.appendingPathComponent(name).path)
        let renderer = try DocumentRenderer(templates: SyntheticWorldTests.templates)
        _ = try store.generate(SyntheticWorld(requests: requests, seed: 3, today: today, letterEvery: 5), renderer: renderer)
        return store
    }

    /// The whole export of `store` streamed into the file `path`, as `comity export --out` writes it.
    @discardableResult
    static func streamJSON(_ store: ComityStore, to path: String) throws -> ExportTally {
        let stream = try StagedFileStream(for: path)
        var writer = InterchangeJSONWriter(sink: stream.write)
        let tally = try store.writeExport(ExportScope(), into: &writer)
        try stream.finish().place()
        return tally
    }

    /// A synthetic world and its export, streamed into `export.json` beside it.
    static func exported(_ dir: URL) throws -> (store: ComityStore, file: String) {
        let store = try world(dir)
        let file = dir.appendingPathComponent("export.json").path
        try streamJSON(store, to: file)
        return (store, file)
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    static func schema() -> String { InterchangeTests.schema }

    @Test("a streamed export is the bytes the in-memory encoders give, in every format", arguments: ["json", "xml", "csv"])
    func streamedEqualsEncoded(format: String) throws {
        try Fixture.withDirectory { dir in
            let store = try Self.world(dir)
            let tables = try store.exportTables()
            let out = dir.appendingPathComponent("out.\(format)").path
            switch format {
            case "json":
                let tally = try Self.streamJSON(store, to: out)
                #expect(tally.records == tables.map(\.rows.count).reduce(0, +))
                #expect(try Self.text(out) == InterchangeJSON.encode(tables))
            case "xml":
                let stream = try StagedFileStream(for: out)
                var writer = InterchangeXMLWriter(sink: stream.write)
                _ = try store.writeExport(ExportScope(), into: &writer)
                try stream.finish().place()
                #expect(try Self.text(out) == InterchangeXML.encode(tables))
            default:
                var writer = try InterchangeCSVWriter(folder: out)
                _ = try store.writeExport(ExportScope(), into: &writer)
                for file in writer.files { try file.place() }
                for data in tables {
                    #expect(try Self.bytes(out + "/\(data.table.label).csv") == Data(InterchangeCSV.encode(data, marked: InterchangeExport.classification(of: tables)).utf8), "\(data.table.label)")
                }
                #expect(try Self.bytes(out + "/" + InterchangeCSV.markingFile) == Data(InterchangeCSV.marking(tables, withheld: 0).utf8))
            }
        }
    }

    @Test("cells copied straight from SQLite give the bytes their values give: escapes, NUL, bad UTF-8, blobs", arguments: ["json", "xml"])
    func hostileCellsEqualValues(format: String) throws {
        try Fixture.withDirectory { dir in
            let store = try ComityStore.create(at: dir.appendingPathComponent("hostile.sqlite").path)
            try store.queue.write { db in
                // Text as SQLite may hold it whatever wrote it: every escape each format makes, a NUL
                // inside, bytes that are not UTF-8, a line separator at the very end, and other storage classes.
                let cells = [
                    "'quote \" backslash \\ tab ' || char(9) || ' cr ' || char(13) || ' lf ' || char(10) || ' & < > del ' || char(127)",
                    "'bell ' || char(7) || ' unit ' || char(31) || ' ls ' || char(8232) || ' ps ' || char(8233) || ' é 中'",
                    "'before' || char(0) || 'after'", "CAST(X'61FF62' AS TEXT)", "CAST(X'E282' AS TEXT)", "CAST(X'C0AF' AS TEXT)",
                    "CAST(X'EDA080' AS TEXT)", "'end ' || char(8232)", "''", "2.5", "X'41004200'", "X''", "-9223372036854775808",
                ]
                for (index, cell) in cells.enumerated() {
                    try db.execute(sql: "INSERT INTO setting (channel, key, value) VALUES ('hostile', '\(index)', \(cell))")
                }
            }
            let tables = try store.exportTables()
            var streamed: [UInt8] = []
            if format == "json" {
                var writer = InterchangeJSONWriter<Never> { streamed += $0 }
                _ = try store.writeExport(ExportScope(), into: &writer)
                #expect(String(decoding: streamed, as: UTF8.self) == InterchangeJSON.encode(tables))
            } else {
                var writer = InterchangeXMLWriter<Never> { streamed += $0 }
                _ = try store.writeExport(ExportScope(), into: &writer)
                #expect(String(decoding: streamed, as: UTF8.self) == InterchangeXML.encode(tables))
            }
            // Byte for byte, not only as text: a repaired sequence must be the repair the values make.
            let encoded = format == "json" ? InterchangeJSON.encode(tables) : InterchangeXML.encode(tables)
            #expect(streamed == Array(encoded.utf8))
            #expect((tables.first { $0.table.name == "setting" }?.rows.count ?? 0) >= 13)
        }
    }

    @Test("a streamed export for a clearance carries the mark and withheld count of the in-memory one")
    func streamedClearance() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.world(dir)
            let whole = try store.export(clearance: .restricted)
            #expect(whole.withheld > 0)
            var bytes: [UInt8] = []
            var writer = InterchangeJSONWriter<Never> { bytes += $0 }
            let tally = try store.writeExport(ExportScope(clearance: .restricted), into: &writer)
            #expect(tally.withheld == whole.withheld && tally.classification == whole.classification)
            #expect(String(decoding: bytes, as: UTF8.self) == InterchangeJSON.encode(whole.tables, withheld: whole.withheld))
        }
    }

    @Test("export → import of the file into a new database → export gives the same bytes, and the database passes check")
    func roundTrip() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.world(dir, requests: 600)
            let first = dir.appendingPathComponent("first.json").path
            let tally = try Self.streamJSON(source, to: first)
            let target = try ComityStore.create(at: dir.appendingPathComponent("target.sqlite").path)
            var reported: [(Int, Int)] = []
            let summary = try target.importFile(first, by: Self.clerk, schemaPath: { Self.schema() }) { reported.append(($0, $1)) }
            #expect(summary.inserted == tally.records && summary.skipped == 0 && summary.replaced == 0)
            #expect(reported.last.map { $0.0 == $0.1 } == true, "progress ends at the file's size")
            let report = try target.check()
            #expect(report.isSound, "\(report.problems)")
            let second = dir.appendingPathComponent("second.json").path
            try Self.streamJSON(target, to: second)
            let audit = try #require(try Self.text(second).split(separator: "\n").last { $0.contains("\"action\": \"imported\"") })
            #expect(try Self.text(second).replacingOccurrences(of: ",\n" + audit, with: "") == Self.text(first), "the same bytes but for the import's audit event")
            // The same file again: every record is identical, nothing changes.
            let again = try target.importFile(first, by: Self.clerk, schemaPath: { Self.schema() })
            #expect(again.inserted == 0 && again.skipped == tally.records)
        }
    }

    @Test("the bulk load into an empty database and the record-by-record merge give the same database and the same problems")
    func bulkAndMergeAgree() throws {
        try Fixture.withDirectory { dir in
            let (source, file) = try Self.exported(dir)
            var outcomes: [String] = []
            for bulk in [true, false] {
                let target = try ComityStore.create(at: dir.appendingPathComponent("target-\(bulk).sqlite").path)
                let summary = try target.importFile(file, limit: 64 << 20, replace: false, dryRun: false, by: Self.clerk, bulkLoad: bulk,
                                                    schemaPath: { Self.schema() }, progress: { _, _ in })
                outcomes.append("\(summary.text)\n" + InterchangeJSON.encode(try target.exportTables()))
                #expect(try Self.schemaOf(target) == Self.schemaOf(source), "the indexes are all there again")
            }
            #expect(outcomes[0] == outcomes[1])

            // A record twice (skipped), a record changed on its second appearance (refused), a broken value.
            var text = try Self.text(file)
            let line = try #require(text.split(separator: "\n").first { $0.contains("\"subject_type\": \"request\"") })
            let record = line.hasSuffix(",") ? line.dropLast() : line[...]
            let changed = record.replacingOccurrences(of: "\"actor\": \"", with: "\"actor\": \"Someone else, ")
            text = text.replacingOccurrences(of: line, with: "\(record),\n\(record),\n\(changed)" + (line.hasSuffix(",") ? "," : ""))
            text = text.replacingOccurrences(of: "\"urgency\": \"routine\"", with: "\"urgency\": \"whenever\"")
            // A reply to a request the file never gives, amid sound replies inserted many to a statement.
            let replies = text.ranges(of: "\"request_ref\": \"")
            #expect(replies.count > 100)
            let orphan = replies[replies.count / 2]
            let orphanLine = text[..<orphan.lowerBound].count { $0 == "\n" } + 1
            text.replaceSubrange(orphan, with: "\"request_ref\": \"NOWHERE-")
            let bad = dir.appendingPathComponent("bad.json").path
            try text.write(toFile: bad, atomically: true, encoding: .utf8)
            var refusals: [[String]] = []
            for bulk in [true, false] {
                let target = try ComityStore.create(at: dir.appendingPathComponent("bad-\(bulk).sqlite").path)
                let refused = try #require(throws: ImportRefused.self) {
                    try target.importFile(bad, limit: 64 << 20, replace: false, dryRun: false, by: Self.clerk, bulkLoad: bulk, schemaPath: { Self.schema() }, progress: { _, _ in })
                }
                refusals.append(refused.problems.map(\.description))
                #expect(try target.exportTables().allSatisfy { $0.rows.isEmpty })
            }
            let first = Array(zip(refusals[0], refusals[1])).firstIndex { $0 != $1 } ?? min(refusals[0].count, refusals[1].count)
            #expect(refusals[0] == refusals[1], """
                \(refusals[0].count) and \(refusals[1].count) problems, the first difference at \(first): \
                \(refusals[0].dropFirst(first).prefix(2)) against \(refusals[1].dropFirst(first).prefix(2))
                """)
            #expect(refusals[0].contains { $0.contains("conflicts with the recorded event") && $0.contains("append-only") }, "\(refusals[0].prefix(3))")
            #expect(refusals[0].contains { $0.contains("field 'urgency'") && $0.contains("'whenever'") })
            #expect(refusals[0].contains { $0.contains("(line \(orphanLine)) field 'request_ref'") && $0.contains("no request 'NOWHERE-") },
                    "\(refusals[0].prefix(3))")
        }
    }

    @Test("a bulk load refused at its very end leaves the database as it was, indexes included")
    func refusedBulkLoadLeavesNothing() throws {
        try Fixture.withDirectory { dir in
            let (_, file) = try Self.exported(dir)
            // The last request's last move is dropped: every record is valid, the history no longer reaches its state.
            var lines = try Self.text(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let last = try #require(lines.lastIndex { $0.contains("\"action\": \"moved\"") && $0.contains("\"subject_type\": \"request\"") })
            lines.remove(at: last)
            if lines[last].trimmingCharacters(in: .whitespaces) == "]" { lines[last - 1] = String(lines[last - 1].dropLast()) }
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let target = try ComityStore.create(at: dir.appendingPathComponent("target.sqlite").path)
            let schema = try Self.schemaOf(target)
            let refused = try #require(throws: ImportRefused.self) { try target.importFile(file, by: Self.clerk, schemaPath: { Self.schema() }) }
            #expect(refused.problems.count == 1 && refused.problems[0].location == "after import", "\(refused.problems)")
            #expect(try target.exportTables().allSatisfy { $0.rows.isEmpty })
            #expect(try Self.schemaOf(target) == schema)
            #expect(try target.check().isSound)
        }
    }

    @Test("a file that breaks UTF-8 past its first megabyte is refused with the byte, after records were imported, leaving nothing")
    func refusedLateInTheFile() throws {
        try Fixture.withDirectory { dir in
            let (_, file) = try Self.exported(dir)
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(bytes.count > 2 << 20, "the file spans several reads")
            let at = try #require(bytes.indices.dropFirst(2 << 20).first { bytes[$0] == UInt8(ascii: "a") })
            let nul = try #require(bytes.indices.dropFirst(1 << 20).first { bytes[$0] == UInt8(ascii: "e") })
            bytes[at] = 0xFF
            bytes[nul] = 0
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let target = try ComityStore.create(at: dir.appendingPathComponent("target.sqlite").path)
            let schema = try Self.schemaOf(target)
            let error = try #require(throws: ComityError.self) { try target.importFile(file, by: Self.clerk, schemaPath: { Self.schema() }) }
            #expect(error.description.contains("is not UTF-8 text (byte \(at) is not)"), "the first byte that breaks UTF-8 is named before an earlier NUL: \(error)")
            bytes[at] = UInt8(ascii: "a")
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let nulError = try #require(throws: ComityError.self) { try target.importFile(file, by: Self.clerk, schemaPath: { Self.schema() }) }
            #expect(nulError.description.contains("holds a NUL byte at offset \(nul)"), "\(nulError)")
            #expect(try target.exportTables().allSatisfy { $0.rows.isEmpty })
            #expect(try Self.schemaOf(target) == schema)
        }
    }

    @Test("tables listed in another order than the import's are read whole and imported all the same")
    func tablesInAnotherOrder() throws {
        try Fixture.withDirectory { dir in
            let source = try InterchangeTests.demo(dir)
            let file = dir.appendingPathComponent("export.json").path
            try Self.streamJSON(source, to: file)
            // Parties last: authorities now come before the parties they belong to.
            let text = try Self.text(file)
            let start = try #require(text.range(of: "    \"parties\": ["))
            let end = try #require(text.range(of: "\n    \"authorities\": [", range: start.upperBound..<text.endIndex))
            let parties = String(text[start.lowerBound..<end.lowerBound].dropLast())
            var moved = text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
            let close = try #require(moved.range(of: "\n  }\n}\n", options: .backwards))
            moved.replaceSubrange(close, with: ",\n" + parties + "\n  }\n}\n")
            let reordered = dir.appendingPathComponent("reordered.json").path
            try moved.write(toFile: reordered, atomically: true, encoding: .utf8)
            let target = try ComityStore.create(at: dir.appendingPathComponent("target.sqlite").path)
            _ = try target.importFile(reordered, by: Self.clerk, schemaPath: { Self.schema() })
            #expect(try InterchangeTests.jsonWithoutImports(target) == InterchangeJSON.encode(try source.exportTables()))
        }
    }

    /// The schema as SQLite keeps it, one line per object, in name order.
    static func schemaOf(_ store: ComityStore) throws -> [String] {
        var lines: [String] = []
        try InterchangeTests.raw(store.path) { db in
            lines = try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
        }
        return lines
    }
}

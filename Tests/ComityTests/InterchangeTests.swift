import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Interchange: backup, check, calendar feed, export and import.
@Suite("Interchange")
struct InterchangeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = repository.appendingPathComponent("templates/schemas/export.xsd").path

    /// The demo world plus two register letters with awkward text, so every table has rows.
    static func demo(_ dir: URL, name: String = "comity.sqlite") throws -> ComityStore {
        let store = try ComityStore.create(at: dir.appendingPathComponent(name).path)
        try DemoWorld.load(into: store, by: Fixture.sato)
        for (number, sequence) in [("JP-EMB-CN/2011/0001", 1), ("JP-EMB-CN/2011/0002", 2)] {
            let followUp = try store.addFollowUp(FollowUp(
                requestReference: DemoWorld.mhiRequest, date: Fixture.day("2011-11-0\(sequence)"), kind: .noteVerbale,
                reference: number, note: "Quote \"x\", comma, semicolon; back\\slash\nsecond line 日本語"), by: Fixture.sato)
            // A document a CSV cell could not hold as it is; its register entry matches it, as an issued letter's does.
            let document = "Line one,\r\nline \"two\"\n<&>"
            try raw(store.path) { db in
                try db.execute(sql: """
                    INSERT INTO letter (number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date, classification, sha256, document)
                    VALUES (?, 'JP-EMB-CN', 2011, ?, ?, ?, 'note-verbale', 'en', 'xml', ?, 'restricted', ?, ?)
                    """, arguments: [number, sequence, DemoWorld.mhiRequest, followUp.id, "2011-11-0\(sequence)",
                                 DocumentDigest.sha256(document), document])
            }
        }
        return store
    }

    /// Writes to the database directly, behind Comity's back.
    static func raw(_ path: String, _ body: (Database) throws -> Void) throws {
        var config = Configuration()
        config.busyMode = .timeout(600)
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in try body(db) }
        try queue.close()
    }

    static func json(_ store: ComityStore) throws -> String { InterchangeJSON.encode(try store.exportTables()) }

    /// The export of `store` as JSON without the history imports added to it (their audit events
    /// and the corrections of the records they wrote over), to compare with the file imported.
    static func jsonWithoutImports(_ store: ComityStore) throws -> String {
        InterchangeJSON.encode(try store.exportTables().map(withoutImports))
    }

    static func withoutImports(_ data: InterchangeTableData) -> InterchangeTableData {
        guard data.table.name == "event", let action = data.columns.firstIndex(where: { $0.name == "action" }) else { return data }
        return InterchangeTableData(table: data.table, columns: data.columns, rows: data.rows.filter { row in
            row[action] != .text(Event.Action.imported.rawValue) && row[action] != .text(Event.Action.replaced.rawValue)
        })
    }

    // MARK: backup

    @Test("backup: a valid Comity database, owner-only, equal to the source, recorded in its history; an existing destination is refused")
    func backup() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            let copy = dir.appendingPathComponent("copy.sqlite").path
            let before = try Self.json(store)
            try store.backup(to: copy, by: Fixture.sato)
            let attributes = try FileManager.default.attributesOfItem(atPath: copy)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let opened = try ComityStore.open(at: copy)
            #expect(try Self.json(opened) == before, "the copy holds the database as it was; the backup's own event stays in the source")
            #expect(try opened.check().isSound)
            let audit = try store.auditTrail()
            #expect(audit.count == 1)
            #expect(audit.first?.note.hasSuffix("to \(URL(fileURLWithPath: copy).standardizedFileURL.path)") == true, "\(audit)")
            #expect(throws: ComityError.self) { try store.backup(to: copy, by: Fixture.sato) }
            #expect(throws: ComityError.self) { try store.backup(to: dir.appendingPathComponent("no/such/folder.sqlite").path, by: Fixture.sato) }
            #expect(try store.auditTrail().count == 1, "a refused backup is not recorded")
        }
    }

    @Test("backup while another connection keeps writing gives a consistent copy")
    func backupUnderWrites() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            let writer = try ComityStore.open(at: store.path)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                for index in 1...150 {
                    let start = Fixture.day("2030-01-01").adding(days: index)
                    try? writer.addEngagement(Engagement(id: "W-\(index)", counterpart: "CN", startDate: start, endDate: start,
                                                         level: .working, title: "Working meeting \(index)"), by: Fixture.sato)
                }
                done.signal()
            }
            thread.start()
            for round in 1...3 {
                let copy = dir.appendingPathComponent("copy-\(round).sqlite").path
                try store.backup(to: copy, by: Fixture.sato)
                let report = try ComityStore.open(at: copy).check()
                #expect(report.isSound, "\(report.problems)")
            }
            done.wait()
            let final = dir.appendingPathComponent("final.sqlite").path
            try store.backup(to: final, by: Fixture.sato)
            #expect(try ComityStore.open(at: final).engagements(counterpart: "CN").count == store.engagements(counterpart: "CN").count)
        }
    }

    // MARK: check

    @Test("check: the demo is sound; a state changed without an event, a register gap and a dropped trigger are all reported")
    func check() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            let sound = try store.check()
            #expect(sound.isSound, "\(sound.problems)")
            #expect(sound.summary.hasPrefix("ok: "))
            let followUp = try store.addFollowUp(FollowUp(requestReference: DemoWorld.mhiRequest, date: Fixture.day("2011-12-01"), kind: .reminder), by: Fixture.sato)
            try Self.raw(store.path) { db in
                try db.execute(sql: "UPDATE request SET state = 'executed' WHERE reference = ?", arguments: [DemoWorld.mhiRequest])
                try db.execute(sql: """
                    INSERT INTO letter (number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date, classification, sha256, document)
                    VALUES ('JP-EMB-CN/2011/0005', 'JP-EMB-CN', 2011, 5, ?, ?, 'reminder', 'en', 'xml', '2011-12-01', 'restricted', 'x', 'x')
                    """, arguments: [DemoWorld.mhiRequest, followUp.id])
                try db.execute(sql: "DROP TRIGGER event_no_update")
            }
            let report = try store.check()
            #expect(report.problems.count == 3, "\(report.problems)")
            #expect(report.problems.contains { $0.contains(DemoWorld.mhiRequest) && $0.contains("executed") && $0.contains("without an event") })
            #expect(report.problems.contains { $0.contains("letter register") && $0.contains("JP-EMB-CN 2011") && $0.contains("missing 3, 4") })
            #expect(report.problems.contains { $0.contains("event_no_update") })
        }
    }

    @Test("check: a history with a move the state machine forbids is reported")
    func forbiddenMove() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            try Self.raw(store.path) { db in
                try db.execute(sql: """
                    INSERT INTO event (subject_type, subject_id, action, date, recorded_on, actor, from_state, to_state)
                    SELECT 'request', reference, 'moved', '2020-01-01', '2020-01-01', 'intruder', state, 'drafted' FROM request WHERE reference = ?
                    """, arguments: [DemoWorld.jaxaRequest])
            }
            let report = try store.check()
            #expect(report.problems.count == 1)
            #expect(report.problems.first?.contains("not an allowed move") == true, "\(report.problems)")
        }
    }

    // MARK: calendar

    @Test("calendar: CRLF, folded at 75 octets, escaped text, all-day events with exclusive end, stable UIDs")
    func calendar() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            try store.addEngagement(Engagement(id: "LONG-1", counterpart: "CN", startDate: Fixture.day("2011-11-20"), endDate: Fixture.day("2011-11-21"),
                                               level: .working, title: "Talks; on cyber, \\ issues — 日本語の長い題名がここに続きます。" + String(repeating: "長", count: 40),
                                               place: "Beijing, China"), by: Fixture.sato)
            let today = Fixture.day("2011-11-15")
            let feed = try store.calendarFeed(today: today)
            let ics = feed.ics
            #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
            let lines = ics.components(separatedBy: "\r\n").dropLast()
            for line in lines { #expect(line.utf8.count <= 75, "\(line)") }
            #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
            let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("UID:engagement-\(DemoWorld.nodaVisit)@comity"))
            #expect(unfolded.contains("UID:response-\(DemoWorld.mhiRequest)@comity"))
            #expect(unfolded.contains("SUMMARY:Talks\\; on cyber\\, \\\\ issues"))
            #expect(unfolded.contains("DTSTART;VALUE=DATE:20111120\r\nDTEND;VALUE=DATE:20111122"))
            #expect(unfolded.contains("DTSTAMP:20111115T000000Z"))
            #expect(try store.calendarFeed(today: today).ics == ics, "reproducible")
            let ranged = try store.calendarFeed(today: today, from: Fixture.day("2011-12-01"), to: Fixture.day("2011-12-31"), counterpart: "CN")
            #expect(ranged.entries.allSatisfy { $0.end >= Fixture.day("2011-12-01") && $0.start <= Fixture.day("2011-12-31") })
            #expect(ranged.entries.contains { $0.uid == "engagement-\(DemoWorld.nodaVisit)@comity" })
            #expect(throws: ComityError.self) { try store.calendarFeed(today: today, from: Fixture.day("2012-01-01"), to: Fixture.day("2011-01-01")) }
        }
    }

    @Test("folding never splits a UTF-8 sequence and escaping covers , ; \\ and newlines")
    func foldingAndEscaping() {
        #expect(CalendarFeed.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let folded = CalendarFeed.fold("SUMMARY:" + String(repeating: "é", count: 80))
        for line in folded.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + String(repeating: "é", count: 80))
    }

    // MARK: export and import

    @Test("JSON, CSV and XML round trips on the demo are byte-identical", arguments: ["json", "csv", "xml"])
    func roundTrip(format: String) throws {
        try Fixture.withDirectory { dir in
            try Self.assertRoundTrip(try Self.demo(dir), in: dir, format: format)
        }
    }

    /// Export → import into an empty database → export gives the same bytes, and re-importing changes nothing.
    /// `clerk` imports: not before the last day the source recorded anything.
    static func assertRoundTrip(_ source: ComityStore, in dir: URL, format: String, by clerk: Clerk = Fixture.sato) throws {
        do {
            var reported: [(Int, Int)] = []
            let tables = try source.exportTables { reported.append(($0, $1)) }
            #expect(reported.count == InterchangeTable.all.count && reported.last.map { $0.0 == $0.1 } == true)
            #expect(zip(reported, reported.dropFirst()).allSatisfy { $0.0 <= $1.0 }, "export progress only moves forward")
            let target = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
            let first: String
            let dataset: InterchangeDataset
            switch format {
            case "json":
                first = InterchangeJSON.encode(tables)
                dataset = InterchangeJSON.decode(first, file: "export.json")
            case "csv":
                let folder = dir.appendingPathComponent("csv").path
                try InterchangeCSV.write(tables, to: folder)
                first = tables.map { InterchangeCSV.encode($0, marked: InterchangeExport.classification(of: tables)) }.joined()
                dataset = try InterchangeCSV.read(folder: folder)
            default:
                first = InterchangeXML.encode(tables)
                dataset = try InterchangeXML.decode(first, file: "export.xml", schemaPath: Self.schema)
            }
            #expect(dataset.problems.isEmpty, "\(dataset.problems)")
            var imported: [(Int, Int)] = []
            let summary = try target.importDataset(dataset, by: clerk) { imported.append(($0, $1)) }
            #expect(imported.count == tables.map(\.rows.count).reduce(0, +) && imported.last.map { $0.0 == $0.1 } == true)
            #expect(summary.inserted == tables.map(\.rows.count).reduce(0, +))
            let again = try target.exportTables().map(withoutImports)
            let second: String
            switch format {
            case "json": second = InterchangeJSON.encode(again)
            case "csv": second = again.map { InterchangeCSV.encode($0, marked: InterchangeExport.classification(of: again)) }.joined()
            default: second = InterchangeXML.encode(again)
            }
            #expect(second == first)
            #expect(try Self.jsonWithoutImports(target) == Self.json(source), "the imported database equals the source, and records the import")
            #expect(try target.auditTrail().map(\.action) == [.imported])
            #expect(try target.check().isSound)
            // Importing the same again changes nothing: every record is identical.
            let repeated = try target.importDataset(dataset, by: clerk)
            #expect(repeated.inserted == 0 && repeated.replaced == 0)
        }
    }

    @Test("a malformed JSON file reports every problem with record and field, and writes nothing")
    func malformedJSON() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            let target = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
            var text = InterchangeJSON.encode(try source.exportTables())
            text = text.replacingOccurrences(of: "\"code\": \"CN\"", with: "\"code\": 12")
            let state = try #require(text.range(of: #""state": "[a-z-]+""#, options: .regularExpression))
            text.replaceSubrange(state, with: "\"state\": \"stalled\"")
            text = text.replacingOccurrences(of: "\"start_date\": \"2011-12-25\"", with: "\"start_date\": \"2011-13-25\"")
            text = text.replacingOccurrences(of: "\"tables\": {", with: "\"tables\": {\n    \"gossip\": [],")
            let dataset = InterchangeJSON.decode(text, file: "bad.json")
            let refused = try #require(throws: ImportRefused.self) { try target.importDataset(dataset, by: Fixture.sato) }
            let shown = refused.problems.map(\.description)
            #expect(shown.contains { $0.contains("bad.json: parties[") && $0.contains("field 'code'") && $0.contains("expected text") }, "\(shown)")
            #expect(shown.contains { $0.contains("requests[") && $0.contains("field 'state'") && $0.contains("'stalled'") }, "\(shown)")
            #expect(shown.contains { $0.contains("engagements[") && $0.contains("field 'start_date'") }, "\(shown)")
            #expect(shown.contains { $0.contains("gossip") }, "\(shown)")
            #expect(shown.contains { $0.contains("(line ") }, "record lines are given")
            #expect(try target.exportTables().allSatisfy { $0.rows.isEmpty }, "nothing written")
            let broken = InterchangeJSON.decode("{\"format\": ", file: "cut.json")
            #expect(broken.problems.count == 1)
        }
    }

    @Test("a malformed CSV folder and XML file report every problem with its line, and write nothing")
    func malformedCSVAndXML() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            let target = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
            let before = try Self.json(target)
            let folder = dir.appendingPathComponent("csv")
            try InterchangeCSV.write(try source.exportTables(), to: folder.path)
            let parties = folder.appendingPathComponent("parties.csv")
            var csv = try String(contentsOf: parties, encoding: .utf8)
            csv += "XX,Nowhere\r\n"
            try csv.write(to: parties, atomically: true, encoding: .utf8)
            let engagements = folder.appendingPathComponent("engagements.csv")
            let edited = try String(contentsOf: engagements, encoding: .utf8).replacingOccurrences(of: "2011-12-26", with: "26/12/2011")
            try edited.write(to: engagements, atomically: true, encoding: .utf8)
            let refused = try #require(throws: ImportRefused.self) { try target.importDataset(try InterchangeCSV.read(folder: folder.path), by: Fixture.sato) }
            let shown = refused.problems.map(\.description)
            #expect(shown.contains { $0.contains("parties.csv: line ") && $0.contains("2 cells") }, "\(shown)")
            #expect(shown.contains { $0.contains("engagements.csv: line ") && $0.contains("end_date") && $0.contains("26/12/2011") }, "\(shown)")
            #expect(try Self.json(target) == before)

            var xml = InterchangeXML.encode(try source.exportTables())
            xml = xml.replacingOccurrences(of: "<start_date>2011-12-25</start_date>", with: "<start_date>Christmas</start_date>")
            xml = xml.replacingOccurrences(of: "<code>CN</code>", with: "<code>CN</code><colour>red</colour>")
            let dataset = try InterchangeXML.decode(xml, file: "bad.xml", schemaPath: Self.schema)
            #expect(dataset.problems.count >= 2, "\(dataset.problems)")
            #expect(dataset.problems.allSatisfy { $0.location.hasPrefix("line ") && $0.location != "line 0" })
            #expect(throws: ImportRefused.self) { try target.importDataset(dataset, by: Fixture.sato) }
            #expect(try Self.json(target) == before)
        }
    }

    @Test("conflicts are refused unless --replace; the history is never replaced; a dry run writes nothing")
    func conflicts() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            let original = try Self.json(store)
            let changed = original.replacingOccurrences(of: "\"formal_name\": \"People's Republic of China\"", with: "\"formal_name\": \"PRC\"")
            #expect(changed != original)
            let refused = try #require(throws: ImportRefused.self) { try store.importDataset(InterchangeJSON.decode(changed, file: "c.json"), by: Fixture.sato) }
            #expect(refused.problems.count == 1)
            #expect(refused.problems[0].description.contains("--replace"))
            let dry = try store.importDataset(InterchangeJSON.decode(changed, file: "c.json"), replace: true, dryRun: true)
            #expect(dry.replaced == 1 && dry.dryRun)
            #expect(try Self.json(store) == original, "dry run wrote nothing")
            let done = try store.importDataset(InterchangeJSON.decode(changed, file: "c.json"), replace: true, by: Fixture.sato)
            #expect(done.replaced == 1)
            #expect(try Self.jsonWithoutImports(store) == changed)
            let edited = changed.replacingOccurrences(of: "\"actor\": \"Sato\"", with: "\"actor\": \"Mallory\"")
            let history = try #require(throws: ImportRefused.self) { try store.importDataset(InterchangeJSON.decode(edited, file: "h.json"), replace: true, by: Fixture.sato) }
            #expect(history.problems.allSatisfy { $0.description.contains("append-only") })
            #expect(try Self.jsonWithoutImports(store) == changed)
        }
    }

    @Test("export of one case or one counterpart imports on its own into an empty database")
    func scopedExport() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            let scoped = try store.exportTables(caseID: "MHI-2011")
            let requests = try #require(scoped.first { $0.table.name == "request" })
            #expect(requests.rows.count == 1)
            let target = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
            _ = try target.importDataset(InterchangeJSON.decode(InterchangeJSON.encode(scoped), file: "case.json"), by: Fixture.sato)
            #expect(try target.requests().map(\.reference) == [DemoWorld.mhiRequest])
            #expect(try target.check().isSound)
            #expect(throws: ComityError.self) { try store.exportTables(caseID: "NOPE") }
        }
    }
}

extension InterchangeTests {
    @Test("an import whose records are each valid but whose history does not reach the stored state is refused")
    func inconsistentHistory() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            var text = InterchangeJSON.encode(try source.exportTables())
            let state = try #require(text.range(of: #""state": "[a-z-]+""#, options: .regularExpression))
            text.replaceSubrange(state, with: "\"state\": \"executed\"")
            let target = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
            let refused = try #require(throws: ImportRefused.self) { try target.importDataset(InterchangeJSON.decode(text, file: "x.json"), by: Fixture.sato) }
            #expect(refused.problems.count == 1)
            #expect(refused.problems.first?.description.contains("after import: request ") == true, "\(refused.problems)")
            #expect(try target.exportTables().allSatisfy { $0.rows.isEmpty })
        }
    }
}

extension InterchangeTests {
    @Test("values Comity could not read back (unknown channel, level, a language that is no tag) are refused, every one of them")
    func unknownChoices() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            var text = InterchangeJSON.encode(try source.exportTables())
            text = text.replacingOccurrences(of: "\"channel\": \"central-authority\"", with: "\"channel\": \"carrier-pigeon\"")
            text = text.replacingOccurrences(of: "\"level\": \"leaders\"", with: "\"level\": \"emperors\"")
            text = text.replacingOccurrences(of: "\"lang\": \"en\"", with: "\"lang\": \"en_GB\"")
            let target = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
            let refused = try #require(throws: ImportRefused.self) { try target.importDataset(InterchangeJSON.decode(text, file: "x.json"), by: Fixture.sato) }
            let shown = refused.problems.map(\.description)
            #expect(shown.contains { $0.contains("field 'channel'") && $0.contains("carrier-pigeon") }, "\(shown)")
            #expect(shown.contains { $0.contains("field 'level'") && $0.contains("emperors") }, "\(shown)")
            #expect(shown.filter { $0.contains("field 'lang'") }.count == 2, "\(shown)")
        }
    }
}

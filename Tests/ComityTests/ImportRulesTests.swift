import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// An import refuses exactly what the store's add methods refuse, with the same sentence, the
/// file, the place and the field, in every format, into a new database and over a recorded one;
/// and what it writes over is in the history.
@Suite("Import rules")
struct ImportRulesTests {
    static let clerk = Fixture.sato

    static func demo(_ dir: URL, _ name: String = "demo.sqlite") throws -> ComityStore {
        let store = try ComityStore.create(at: dir.appendingPathComponent(name).path)
        try DemoWorld.load(into: store, by: clerk)
        return store
    }

    /// `tables` with `column` of the rows of `table` whose `key` field is `value` set to `new`.
    static func setting(_ tables: [InterchangeTableData], _ table: String, _ key: String, _ value: InterchangeValue,
                        _ column: String, to new: InterchangeValue) throws -> [InterchangeTableData] {
        try tables.map { data in
            guard data.table.label == table else { return data }
            let k = try #require(data.columns.firstIndex { $0.name == key })
            let c = try #require(data.columns.firstIndex { $0.name == column })
            #expect(data.rows.contains { $0[k] == value }, "no \(table) row with \(key) \(value)")
            return InterchangeTableData(table: data.table, columns: data.columns, rows: data.rows.map { row in
                guard row[k] == value else { return row }
                var changed = row
                changed[c] = new
                return changed
            })
        }
    }

    /// `tables` with a row added to `table`; fields left out are empty.
    static func adding(_ tables: [InterchangeTableData], _ table: String, _ fields: [String: InterchangeValue]) -> [InterchangeTableData] {
        tables.map { data in
            guard data.table.label == table else { return data }
            return InterchangeTableData(table: data.table, columns: data.columns, rows: data.rows + [data.columns.map { fields[$0.name] ?? .null }])
        }
    }

    /// `tables` written in `format` and read back as `comity import` reads that format.
    static func dataset(_ tables: [InterchangeTableData], format: String, in dir: URL) throws -> InterchangeDataset {
        switch format {
        case "json": return InterchangeJSON.decode(InterchangeJSON.encode(tables), file: "fix.json")
        case "csv":
            let folder = dir.appendingPathComponent("fix-\(UUID().uuidString)").path
            try InterchangeCSV.write(tables, to: folder)
            return try InterchangeCSV.read(folder: folder)
        default:
            return try InterchangeXML.decode(InterchangeXML.encode(tables), file: "fix.xml", schemaPath: InterchangeTests.schema)
        }
    }

    /// One invalid record: how to put it into the demo's export, how a clerk would add it, and the field.
    struct Invalid: Sendable, CustomTestStringConvertible {
        var label: String
        var field: String
        /// XML cannot carry noncharacters at all: such a file is refused by the XML parser.
        var formats = ["json", "csv", "xml"]
        var change: @Sendable ([InterchangeTableData]) throws -> [InterchangeTableData]
        var add: @Sendable (ComityStore) throws(ComityError) -> Void
        /// What the store adds to the sentence (the file of a holiday calendar).
        var prefix = ""
        var testDescription: String { label }
    }

    static let heavy = RecordRulesTests.heavyCharacter

    static let cases: [Invalid] = [
        Invalid(label: "a summary of one character and 19,999 bytes", field: "summary",
             change: { try setting($0, "replies", "id", .integer(2), "summary", to: .text(heavy)) },
             add: { store throws(ComityError) in try store.addReply(RecordRulesTests.reply(heavy), by: clerk) }),
        Invalid(label: "a case title holding the control character U+009B", field: "title",
             change: { try setting($0, "cases", "id", .text("MHI-2011"), "title", to: .text("Intrusion\u{9B}into MHI")) },
             add: { store throws(ComityError) in
                 try store.addCase(Invalid.demoCase(title: "Intrusion\u{9B}into MHI"), by: clerk) }),
        Invalid(label: "a summary holding U+FFFE", field: "summary", formats: ["json", "csv"],
             change: { try setting($0, "replies", "id", .integer(2), "summary", to: .text("Not aware\u{FFFE}")) },
             add: { store throws(ComityError) in try store.addReply(RecordRulesTests.reply("Not aware\u{FFFE}"), by: clerk) }),
        Invalid(label: "a response period of 99,999,999,999 days", field: "response_days",
             change: {
                 try setting(try setting($0, "legal_bases", "id", .text("JP-CN-MLAT"), "response_days", to: .integer(99_999_999_999)),
                             "legal_bases", "id", .text("JP-CN-MLAT"), "response_unit", to: .text("calendar"))
             },
             add: { store throws(ComityError) in
                 try store.addBasis(LegalBasis(id: "B-HUGE", instrument: "Instrument", kind: .convention,
                                               responsePeriod: Period(days: 99_999_999_999, unit: .calendar),
                                               parties: [.init(party: "JP", from: Fixture.day("2012-11-01"))]), by: clerk) }),
        Invalid(label: "a reply dated before its request was sent", field: "date",
             change: { try setting($0, "replies", "id", .integer(2), "date", to: .text("2021-04-01")) },
             add: { store throws(ComityError) in try store.addReply(RecordRulesTests.reply("Status", on: "2021-04-01"), by: clerk) }),
        Invalid(label: "a follow-up threshold of -5 days", field: "value",
             change: { adding($0, "settings", ["channel": .text("*"), "key": .text("follow-up-days"), "value": .text("-5")]) },
             add: { store throws(ComityError) in try store.setSetting("follow-up-days", to: "-5", channel: nil, by: clerk) }),
        Invalid(label: "a default clearance that is no level", field: "value",
             change: { adding($0, "settings", ["channel": .text("*"), "key": .text("clearance"), "value": .text("top-secret")]) },
             add: { store throws(ComityError) in try store.setSetting("clearance", to: "top-secret", channel: nil, by: clerk) }),
        Invalid(label: "a holiday name holding U+FFFE", field: "name", formats: ["json", "csv"],
             change: {
                 adding($0, "holidays", ["party": .text("CN"), "date": .text("2024-10-01"), "name": .text("National Day\u{FFFE}"), "working_day": .integer(0)])
             },
             add: { store throws(ComityError) in
                 try store.importHolidays([HolidayEntry(date: Fixture.day("2024-10-01"), name: "National Day\u{FFFE}")], party: "CN", source: "cn.ics", by: clerk)
             }, prefix: "cn.ics: "),
    ]

    static var casesByFormat: [(Invalid, String)] { cases.flatMap { c in c.formats.map { (c, $0) } } }

    @Test("the same invalid record is refused with the same sentence when added and when imported, into a new database and over the demo",
          arguments: casesByFormat)
    func sameSentence(_ invalid: Invalid, format: String) throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            let before = try InterchangeTests.json(source)
            let added = RecordRulesTests.refusal { () throws(ComityError) in try invalid.add(source) }
            #expect(added.hasPrefix(invalid.prefix), "\(added)")
            let sentence = String(added.dropFirst(invalid.prefix.count))
            #expect(try InterchangeTests.json(source) == before)

            let dataset = try Self.dataset(try invalid.change(try source.exportTables()), format: format, in: dir)
            #expect(dataset.problems.isEmpty, "\(dataset.problems)")
            let fresh = try ComityStore.create(at: dir.appendingPathComponent("fresh.sqlite").path)
            for (store, replace) in [(fresh, false), (source, true)] {
                let refused = try #require(throws: ImportRefused.self) {
                    try store.importDataset(dataset, replace: replace, by: Self.clerk)
                }
                #expect(refused.problems.count == 1, "\(refused.problems)")
                let problem = try #require(refused.problems.first)
                #expect(problem.message == sentence, "\(replace ? "over the demo" : "into a new database"): \(problem)")
                #expect(problem.field == invalid.field, "\(problem)")
                #expect(problem.file.contains("fix") && !problem.location.isEmpty, "\(problem)")
            }
            #expect(try InterchangeTests.json(source) == before, "the demo is unchanged")
            #expect(try fresh.exportTables().allSatisfy { $0.rows.isEmpty }, "the new database is still empty")
        }
    }

    @Test("history events out of order or after today are refused; so are items that are not a list of texts")
    func historyAndItems() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            let tables = try source.exportTables()
            let events = try #require(tables.first { $0.table.name == "event" })
            let idColumn = try #require(events.columns.firstIndex { $0.name == "id" })
            let lastID: Int64 = events.rows.compactMap { row -> Int64? in if case .integer(let id) = row[idColumn] { id } else { nil } }.max() ?? 0
            let reply = try #require(events.rows.last { $0.contains(.text("reply")) && $0.contains(.text(DemoWorld.jaxaRequest)) })
            guard case .integer(let replyEvent) = reply[idColumn] else { Issue.record("no id"); return }

            func refusal(_ changed: [InterchangeTableData], into store: ComityStore) throws -> [InterchangeProblem] {
                let dataset = try Self.dataset(changed, format: "json", in: dir)
                return try #require(throws: ImportRefused.self) { try store.importDataset(dataset, by: Self.clerk) }.problems
            }
            func fresh() throws -> ComityStore { try ComityStore.create(at: dir.appendingPathComponent("f-\(UUID().uuidString).sqlite").path) }

            let early = try refusal(try Self.setting(tables, "history", "id", .integer(replyEvent), "date", to: .text("2021-04-19")), into: try fresh())
            #expect(early.map(\.message) == ["event \(replyEvent) is dated 2021-04-19, before the last recorded change to request \(DemoWorld.jaxaRequest) on 2021-04-20; record events in the order they happened"])
            #expect(early.first?.field == "date")

            let future = try refusal(try Self.setting(tables, "history", "id", .integer(replyEvent), "date", to: .text("2199-12-31")), into: try fresh())
            #expect(future.map(\.message) == ["event \(replyEvent) is dated 2199-12-31, after today (2024-01-10); Comity records what has happened"])

            // Appended to the recorded history, a new event is held against the events recorded before it.
            let appended = Self.adding(tables, "history", [
                "id": .integer(lastID + 1), "subject_type": .text("request"), "subject_id": .text(DemoWorld.jaxaRequest), "action": .text("moved"),
                "date": .text("2021-04-21"), "recorded_on": .text("2021-04-21"), "actor": .text("Sato"),
                "from_state": .text("transmitted"), "to_state": .text("acknowledged"), "note": .text(""),
            ])
            let late = try refusal(appended, into: source)
            #expect(late.first?.message == "event \(lastID + 1) is dated 2021-04-21, before the last recorded change to request \(DemoWorld.jaxaRequest) on 2021-04-22; record events in the order they happened", "\(late)")

            for items in ["\"just one\"", "[1, 2]", "{\"a\": \"b\"}", "[\"open"] {
                let problems = try refusal(try Self.setting(tables, "requests", "reference", .text(DemoWorld.mhiRequest), "items", to: .text(items)), into: try fresh())
                #expect(problems.first?.field == "items" && problems.first?.message.contains("not a list of texts") == true, "\(items): \(problems.prefix(2))")
            }
            let list = try Self.setting(tables, "requests", "reference", .text(DemoWorld.mhiRequest), "items", to: .text(" [ \"a \\u00e9\\n\" , \"b\" ] "))
            let target = try fresh()
            _ = try target.importDataset(try Self.dataset(list, format: "json", in: dir), by: Self.clerk)
            #expect(try target.request(DemoWorld.mhiRequest).items == ["a é\n", "b"])
        }
    }

    @Test("--replace records each record it writes over, with the old and new values and the file; the import is an audit event; a dry run records nothing")
    func replaceLeavesHistory() throws {
        try Fixture.withDirectory { dir in
            let store = try Self.demo(dir)
            var tables = try store.exportTables()
            let events = try #require(tables.first { $0.table.name == "event" })
            let lastID = Int64(events.rows.count)
            tables = try Self.setting(tables, "replies", "id", .integer(1), "summary", to: .text("China said it would look into it."))
            tables = try Self.setting(tables, "requests", "reference", .text(DemoWorld.mhiRequest), "subject", to: .text("Tracing the intrusion"))
            tables = try Self.setting(tables, "cases", "id", .text("MHI-2011"), "title", to: .text("Intrusion into MHI"))
            tables = try Self.setting(tables, "cases", "id", .text("MHI-2011"), "classification", to: .text("confidential"))
            // A new event of the file keeps its id: the corrections come after it.
            tables = Self.adding(tables, "history", [
                "id": .integer(lastID + 1), "subject_type": .text("request"), "subject_id": .text(DemoWorld.jaxaRequest),
                "action": .text("note"), "date": .text("2023-12-01"), "recorded_on": .text("2023-12-01"), "actor": .text("Sato"), "note": .text("Called the ministry"),
            ])
            let dataset = try Self.dataset(tables, format: "json", in: dir)
            let tanaka = Clerk(name: "Tanaka", today: Fixture.day("2024-02-01"))
            let before = try InterchangeTests.json(store)

            let dry = try store.importDataset(dataset, replace: true, dryRun: true, by: tanaka)
            #expect(dry.replaced == 3 && dry.inserted == 1 && dry.dryRun)
            #expect(try InterchangeTests.json(store) == before, "a dry run writes and records nothing")

            let done = try store.importDataset(dataset, replace: true, by: tanaka)
            #expect(done.replaced == 3 && done.inserted == 1)
            let history = try store.history(of: DemoWorld.mhiRequest).filter { $0.action == .replaced }
            let caseHistory = try store.history(of: "MHI-2011").filter { $0.action == .replaced }
            #expect(caseHistory.count == 1 && history.count == 2, "\(caseHistory) \(history)")
            for event in caseHistory + history {
                #expect(event.actor == "Tanaka" && event.date == tanaka.today && event.recordedOn == tanaka.today)
                #expect(event.note.contains("replaced by the import of fix.json ("), "\(event.note)")
                #expect((event.id ?? 0) > lastID + 1, "after the file's own history")
            }
            let caseNote = try #require(caseHistory.first?.note)
            #expect(caseNote.contains(#"title: "Intrusion into Mitsubishi Heavy Industries" → "Intrusion into MHI""#), "\(caseNote)")
            #expect(caseNote.contains(#"classification: "restricted" → "confidential""#), "\(caseNote)")
            #expect(history.contains { $0.note.contains(#"subject: "Tracing the source of the intrusion into Mitsubishi Heavy Industries" → "Tracing the intrusion""#) })
            let replyEvent = try #require(history.first { $0.replyID == 1 })
            #expect(replyEvent.note.contains(#"summary: "China said it would contact the relevant authorities." → "China said it would look into it.""#))

            let audit = try store.auditTrail()
            #expect(audit.count == 1)
            #expect(audit.first?.action == .imported && audit.first?.subjectType == .database && audit.first?.actor == "Tanaka")
            #expect(audit.first?.note == "json import from fix.json: 1 record inserted, 3 replaced, \(done.skipped) skipped as identical")
            #expect(try store.check().isSound)

            // The same file again changes nothing, and is recorded all the same.
            let again = try store.importDataset(dataset, replace: true, by: tanaka)
            #expect(again.replaced == 0 && again.inserted == 0)
            #expect(try store.history(of: "MHI-2011").filter { $0.action == .replaced }.count == 1)
            #expect(try store.auditTrail().count == 2)
        }
    }

    @Test("a record written over by an import is a correction, not a change of the request's course: later replies still go in")
    func correctionKeepsChronology() throws {
        try Fixture.withDirectory { dir in
            let store = try ComityStore.create(at: dir.appendingPathComponent("demo.sqlite").path)
            try DemoWorld.load(into: store, by: Self.clerk)
            let changed = try InterchangeTests.json(store).replacingOccurrences(
                of: "\"subject\": \"Questioning of a suspect", with: "\"subject\": \"Interview of a suspect")
            _ = try store.importDataset(InterchangeJSON.decode(changed, file: "fix.json"), replace: true, by: Self.clerk)
            // The correction is dated the clerk's today (2024-01-10); a reply of 2021 is still in order.
            try store.addReply(RecordRulesTests.reply("Status of the questioning"), by: Self.clerk)
        }
    }

    @Test("an import that writes needs the clerk who makes it; a dry run does not")
    func clerkNeeded() throws {
        try Fixture.withDirectory { dir in
            let source = try Self.demo(dir)
            let dataset = InterchangeJSON.decode(try InterchangeTests.json(source), file: "x.json")
            let target = try ComityStore.create(at: dir.appendingPathComponent("t.sqlite").path)
            let error = try #require(throws: ComityError.self) { try target.importDataset(dataset) }
            #expect(error.description.contains("with who made it and when"))
            #expect(try target.importDataset(dataset, dryRun: true).dryRun)
            #expect(try target.exportTables().allSatisfy { $0.rows.isEmpty })
        }
    }
}

extension ImportRulesTests.Invalid {
    /// The demo's MHI case under another id, with `title`.
    static func demoCase(title: String) -> Case {
        Case(id: "MHI-2011-B", title: title, leadAuthority: "JP-TMPD", offence: "Unauthorised computer access",
                    incidentDate: Fixture.day("2011-08-11"), discoveryDate: Fixture.day("2011-08-11"))
    }
}

import Comity
import ComityWorlds
import Foundation
import Testing

/// A file holding a record or two, in each of the three forms `comity import` reads.
struct OneRecordFile: Sendable {
    /// A cell: text, a whole number, or nothing.
    enum Value: Sendable {
        case text(String)
        case number(Int64)
        case none
    }

    /// Each record with its table, in the order of `InterchangeTable.all`.
    var records: [(table: InterchangeTable, fields: [(name: String, value: Value)])]

    init(_ label: String, _ fields: [(String, Value)]) {
        records = [(InterchangeTable.labelled(label)!, fields.map { (name: $0.0, value: $0.1) })]
    }

    /// The same file with a record of another table after this one's.
    func and(_ label: String, _ fields: [(String, Value)]) -> OneRecordFile {
        var file = self
        file.records.append((InterchangeTable.labelled(label)!, fields.map { (name: $0.0, value: $0.1) }))
        return file
    }

    /// Writes the file (or, for csv, the folder) `name` in `box`, returning its path.
    func write(_ format: String, in box: Sandbox, name: String) throws -> URL {
        let url = box.path(name)
        switch format {
        case "json":
            try Data(json.utf8).write(to: url)
        case "csv":
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            for record in records {
                try Data(Self.csv(record.fields).utf8).write(to: url.appendingPathComponent("\(record.table.label).csv"))
            }
        default:
            try Data(xml.utf8).write(to: url)
        }
        return url
    }

    var json: String {
        let tables = records.map { table, fields in
            let cells = fields.map { name, value in
                let shown: String
                switch value {
                case .text(let text): shown = Self.jsonString(text)
                case .number(let number): shown = String(number)
                case .none: shown = "null"
                }
                return "\(Self.jsonString(name)): \(shown)"
            }
            return "\"\(table.label)\": [\n{\(cells.joined(separator: ", "))}\n]"
        }
        return "{\"format\": \"comity-export\", \"version\": 1, \"tables\": {\(tables.joined(separator: ",\n"))}}\n"
    }

    static func csv(_ fields: [(name: String, value: Value)]) -> String {
        func cell(_ text: String) -> String {
            text.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let header = fields.map { $0.name.replacingOccurrences(of: "_", with: " ") }.joined(separator: ",")
        let row = fields.map { _, value -> String in
            switch value {
            case .text(let text): return cell(text)
            case .number(let number): return String(number)
            case .none: return ""
            }
        }.joined(separator: ",")
        return header + "\r\n" + row + "\r\n"
    }

    var xml: String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\r", with: "&#13;")
        }
        let tables = InterchangeTable.all.map { table -> String in
            guard let record = records.first(where: { $0.table == table }) else { return "<\(table.label)/>" }
            let row = record.fields.compactMap { name, value -> String? in
                switch value {
                case .text(let text): return "<\(name)>\(escaped(text))</\(name)>"
                case .number(let number): return "<\(name)>\(number)</\(name)>"
                case .none: return nil
                }
            }.joined()
            return "<\(table.label)>\n<row>\(row)</row>\n</\(table.label)>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<comity-export xmlns=\"urn:comity:export:1\" version=\"1\">\n"
            + tables.joined(separator: "\n") + "\n</comity-export>\n"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

/// One invalid record, as a clerk would type it and as a file would hold it.
struct InvalidRecord: Sendable, CustomTestStringConvertible {
    var label: String
    /// The command that adds it (global options are added).
    var command: [String]
    /// Arguments after the global options (so they may follow a `--`).
    var tail: [String] = []
    var file: OneRecordFile
    /// Another file the command reads (a calendar), by name.
    var attachment: (name: String, text: String)? = nil
    var field: String
    /// XML cannot carry noncharacters at all.
    var formats = ["json", "csv", "xml"]
    var testDescription: String { label }
}

/// A reply to the demo's JAXA request, as a file holds it.
private func replyFile(date: String, summary: String) -> OneRecordFile {
    OneRecordFile("replies", [
        ("id", .number(99)), ("request_ref", .text(DemoWorld.jaxaRequest)), ("date", .text(date)), ("from_authority", .text("CN-MFA")),
        ("kind", .text("interim-status")), ("summary", .text(summary)), ("promised_date", .none), ("refusal_grounds", .text("[]")),
        ("classification", .text("restricted")),
    ])
}

private func replyCommand(date: String, summary: String) -> [String] {
    ["reply", "add", DemoWorld.jaxaRequest, "--on", date, "--kind", "interim-status", "--from", "CN-MFA", "--summary", summary]
}

private let heavy = "e" + String(repeating: "\u{301}", count: 9_999)

let invalidRecords: [InvalidRecord] = [
    InvalidRecord(label: "a summary of one character and 19,999 bytes", command: replyCommand(date: "2021-05-01", summary: heavy),
                  file: replyFile(date: "2021-05-01", summary: heavy), field: "summary"),
    InvalidRecord(label: "a summary holding U+FFFE", command: replyCommand(date: "2021-05-01", summary: "Not aware\u{FFFE}"),
                  file: replyFile(date: "2021-05-01", summary: "Not aware\u{FFFE}"), field: "summary", formats: ["json", "csv"]),
    InvalidRecord(label: "a reply dated before its request was sent", command: replyCommand(date: "2021-04-01", summary: "Status"),
                  file: replyFile(date: "2021-04-01", summary: "Status"), field: "date"),
    InvalidRecord(
        label: "a case title holding the control character U+009B",
        command: ["case", "add", "C-NEW", "--title", "Bad\u{9B}title", "--lead", "JP-NPA", "--offence", "Access", "--incident", "2011-01-01",
                  "--discovered", "2011-01-02"],
        file: OneRecordFile("cases", [
            ("id", .text("C-NEW")), ("title", .text("Bad\u{9B}title")), ("lead_authority", .text("JP-NPA")), ("offence", .text("Access")),
            ("incident_date", .text("2011-01-01")), ("discovery_date", .text("2011-01-02")), ("limitation_date", .none),
            ("classification", .text("restricted")), ("note", .text("")),
        ]), field: "title"),
    InvalidRecord(label: "a follow-up threshold of -5 days", command: ["settings", "set", "follow-up-days"], tail: ["--", "-5"],
                  file: OneRecordFile("settings", [("channel", .text("*")), ("key", .text("follow-up-days")), ("value", .text("-5"))]), field: "value"),
    InvalidRecord(
        label: "a response period of 99,999,999,999 days",
        command: ["basis", "add", "B-HUGE", "--instrument", "Instrument", "--kind", "convention", "--party", "JP:2012-11-01",
                  "--period", "99999999999 calendar"],
        file: OneRecordFile("legal_bases", [
            ("id", .text("B-HUGE")), ("instrument", .text("Instrument")), ("kind", .text("convention")), ("response_days", .number(99_999_999_999)),
            ("response_unit", .text("calendar")), ("note", .text("")),
        ]).and("basis_bindings", [("basis_id", .text("B-HUGE")), ("party", .text("JP")), ("from_date", .text("2012-11-01"))]),
        field: "response_days"),
    InvalidRecord(
        label: "a holiday name holding U+FFFE", command: ["holidays", "import", "CN", "cn.ics"],
        file: OneRecordFile("holidays", [("party", .text("CN")), ("date", .text("2024-10-01")), ("name", .text("National Day\u{FFFE}")), ("working_day", .number(0))]),
        attachment: ("cn.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:nd@test\r\nDTSTAMP:20240101T000000Z\r\n"
            + "DTSTART;VALUE=DATE:20241001\r\nSUMMARY:National Day\u{FFFE}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
        field: "name", formats: ["json", "csv"]),
]

/// `comity import` holds every record to the rules `comity … add` holds it to, and what an
/// import writes over stays in the history.
@Suite("Import rules on the command line", .timeLimit(.minutes(10)))
struct ImportRulesCLITests {
    static var cases: [(InvalidRecord, String)] { invalidRecords.flatMap { record in record.formats.map { (record, $0) } } }

    @Test("the same invalid record, typed and imported from each format, is refused with the same sentence and changes nothing",
          arguments: cases)
    func sameSentence(_ record: InvalidRecord, format: String) throws {
        try withSandbox { box in
            try box.loadDemo()
            let before = try CLI.dump(box.db)
            if let attachment = record.attachment { try Data(attachment.text.utf8).write(to: box.path(attachment.name)) }
            let added = try CLI.comity(record.command + ["--db", box.db.path, "--today", "2024-01-10", "--actor", "Sato"] + record.tail, in: box.url)
            #expect(added.status == 65, "\(added)")
            #expect(CLI.unclearness(added.stderr).isEmpty, "\(added.stderr)")
            let sentence = try #require(added.stderr.split(separator: ": ").last.map { String($0.dropLast()) }, "\(added)")

            let file = try record.file.write(format, in: box, name: "bad.\(format)")
            let imported = try box.comity(["import", file.path])
            #expect(imported.status == 65, "\(imported)")
            #expect(imported.stdout.isEmpty && CLI.unclearness(imported.stderr).isEmpty, "\(imported.stderr)")
            #expect(imported.stderr.hasPrefix("comity: import refused, nothing was written: \(file.path)"), "\(imported.stderr)")
            #expect(imported.stderr.contains(" field '\(record.field)': \(sentence)\n"), "\(sentence) in \(imported.stderr)")
            #expect(try CLI.dump(box.db) == before, "the database is unchanged")
        }
    }

    @Test("import --replace leaves a 'replaced' event per record with the old and new values, and the import is in the audit trail")
    func replaceRecorded() throws {
        try withSandbox { box in
            try box.loadDemo()
            let export = try box.comity(["export"])
            try #require(export.status == 0)
            let text = export.stdout
                .replacingOccurrences(of: "\"summary\": \"China said it would contact the relevant authorities.\"", with: "\"summary\": \"China said it would look into it.\"")
                .replacingOccurrences(of: "\"title\": \"Intrusion into Mitsubishi Heavy Industries\"", with: "\"title\": \"Intrusion into MHI\"")
            #expect(text != export.stdout)
            try Data(text.utf8).write(to: box.path("fix.json"))

            let refused = try box.comity(["import", "fix.json"])
            #expect(refused.status == 65 && refused.stderr.contains("use --replace"), "\(refused)")
            let dry = try box.comity(["import", "fix.json", "--replace", "--dry-run"])
            #expect(dry.status == 0 && dry.stdout.contains("would replace 2"), "\(dry)")
            let trailBefore = try box.comity(["history", "--audit", "--format", "json"])
            #expect(try (decodeJSON(trailBefore.stdout) as? [Any])?.count == 1, "the export only: \(trailBefore.stdout)")

            let done = try box.comity(["import", "fix.json", "--replace"], today: "2024-02-01", actor: "Tanaka")
            #expect(done.status == 0 && done.stdout.contains("replaced 2"), "\(done)")
            let history = try box.comity(["history", "MHI-2011", "--format", "json"])
            let events = try #require(try decodeJSON(history.stdout) as? [[String: Any]])
            let replaced = try #require(events.last)
            #expect(replaced["action"] as? String == "replaced" && replaced["actor"] as? String == "Tanaka" && replaced["date"] as? String == "2024-02-01")
            #expect((replaced["note"] as? String)?.contains(#"title: "Intrusion into Mitsubishi Heavy Industries" → "Intrusion into MHI""#) == true, "\(replaced)")
            #expect((replaced["note"] as? String)?.contains(box.path("fix.json").standardizedFileURL.path) == true, "\(replaced)")
            let request = try #require(try decodeJSON(box.comity(["history", DemoWorld.mhiRequest, "--format", "json"]).stdout) as? [[String: Any]])
            let reply = try #require(request.last)
            #expect(reply["action"] as? String == "replaced" && reply["replyID"] as? Int == 1, "\(reply)")
            #expect((reply["note"] as? String)?.contains(#"→ "China said it would look into it.""#) == true, "\(reply)")

            let trail = try #require(try decodeJSON(box.comity(["history", "--audit", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(trail.count == 2)
            let audit = try #require(trail.last)
            #expect(audit["action"] as? String == "imported" && audit["actor"] as? String == "Tanaka", "\(audit)")
            #expect((audit["note"] as? String)?.hasPrefix("json import from \(box.path("fix.json").standardizedFileURL.path): 0 records inserted, 2 replaced, ") == true, "\(audit)")
            // Checked on the day of the import: the rules of the history judge its dates as of the checking clerk's today.
            #expect(try box.comity(["check"], today: "2024-02-01").status == 0)
        }
    }
}

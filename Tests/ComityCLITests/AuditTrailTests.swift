import Foundation
import Testing
import Comity
import ComityWorlds

/// Exports, calendar feeds and backups leave an 'exported' event saying what, how much, where to
/// and by whom; `comity history --audit` lists them; a failed export leaves none.
@Suite("Audit trail of exports")
struct AuditTrailTests {
    /// The audit trail as JSON objects, oldest first.
    static func trail(_ box: Sandbox, _ extra: [String] = []) throws -> [[String: Any]] {
        let result = try box.comity(["history", "--audit", "--format", "json"] + extra)
        try #require(result.status == 0, "\(result)")
        return try #require(try decodeJSON(result.stdout) as? [[String: Any]])
    }

    static func absolute(_ url: URL) -> String { url.standardizedFileURL.path }

    @Test("every format and scope of export, a calendar feed and a backup are each one event with format, scope, count, file and actor")
    func everyExportRecorded() throws {
        try withSandbox { box in
            try box.loadDemo()
            let exports: [(arguments: [String], subject: String, note: String)] = [
                (["export", "--out", "all.json"], "database", "json export of the whole database: "),
                (["export", "--format", "xml", "--out", "cn.xml", "--counterpart", "cn"], "party CN", "xml export of counterpart CN: "),
                (["export", "--format", "csv", "--out", "mhi", "--case", "MHI-2011"], "case MHI-2011", "csv export of case MHI-2011: "),
                (["export", "--format", "json", "--case", "MHI-2011", "--counterpart", "CN"], "case MHI-2011", "json export of case MHI-2011, counterpart CN: "),
                (["calendar", "--out", "feed.ics", "--counterpart", "CN", "--from", "2011-01-01", "--to", "2030-12-31"], "party CN",
                 "calendar feed (ics) of counterpart CN, from 2011-01-01, to 2030-12-31: "),
                (["backup", "copy.sqlite"], "database", "backup (sqlite) of the whole database: "),
            ]
            var stdoutJSON = ""
            for (index, export) in exports.enumerated() {
                let result = try box.comity(export.arguments, actor: "Clerk \(index)")
                try #require(result.status == 0, "\(export.arguments): \(result)")
                if !export.arguments.contains("--out") && export.arguments[0] == "export" { stdoutJSON = result.stdout }
            }

            let trail = try Self.trail(box)
            try #require(trail.count == exports.count, "\(trail)")
            // The count in each note is what the file holds.
            let counts = [
                try Self.jsonRecords(String(contentsOf: box.path("all.json"), encoding: .utf8)),
                try String(contentsOf: box.path("cn.xml"), encoding: .utf8).components(separatedBy: "<row>").count - 1,
                try FileManager.default.contentsOfDirectory(atPath: box.path("mhi").path).filter { $0.hasSuffix(".csv") }.reduce(0) { sum, name in
                    sum + (try String(contentsOf: box.path("mhi").appendingPathComponent(name), encoding: .utf8)).split(separator: "\r\n").count - 2
                },  // less the mark and the header
                try Self.jsonRecords(stdoutJSON),
                try String(contentsOf: box.path("feed.ics"), encoding: .utf8).components(separatedBy: "BEGIN:VEVENT").count - 1,
                try InterchangeTable.all.reduce(0) { $0 + (try CLI.count(box.path("copy.sqlite"), "SELECT count(*) FROM \($1.name)")) },
            ]
            let destinations = [box.path("all.json"), box.path("cn.xml"), box.path("mhi"), nil, box.path("feed.ics"), box.path("copy.sqlite")]
            for (index, event) in trail.enumerated() {
                let export = exports[index]
                let note = try #require(event["note"] as? String)
                let subject = (event["subjectType"] as? String == "database" ? "" : "\(event["subjectType"] ?? "") ") + "\(event["subjectID"] ?? "")"
                #expect(event["action"] as? String == "exported")
                #expect(subject == export.subject, "\(event)")
                #expect(event["actor"] as? String == "Clerk \(index)")
                #expect(event["date"] as? String == "2024-01-10")
                let unit = export.arguments[0] == "calendar" ? "entries" : "records"
                let target = destinations[index].map(Self.absolute) ?? "standard output"
                // Exports and feeds are made for a clearance (here the default, secret); a backup copies everything.
                let cleared = export.arguments[0] == "backup" ? "" : ", cleared to secret, 0 withheld"
                #expect(note == export.note + "\(counts[index]) \(unit) to \(target)\(cleared)", "\(note)")
                #expect(counts[index] > 0)
            }

            // The history of the case and of the whole database show their exports; the text listing too.
            let caseHistory = try box.comity(["history", "MHI-2011"])
            #expect(caseHistory.lines.filter { $0.contains("exported") }.count == 2, "\(caseHistory)")
            #expect(try Self.trail(box, ["database"]).count == 2)
            let text = try box.comity(["history", "--audit"])
            #expect(text.lines.first?.hasPrefix("DATE") == true && text.lines.first?.contains("WHAT") == true, "\(text)")
            #expect(text.lines.count == exports.count + 1)
            #expect(try box.comity(["check"]).status == 0)

            // A scoped export carries the audit events of its own scope only (a counterpart's takes in
            // its cases), not where whole exports and backups went.
            for (scope, subjects) in [(["--case", "MHI-2011"], ["MHI-2011"]), (["--counterpart", "CN"], ["CN", "MHI-2011"])] {
                let scoped = try box.comity(["export"] + scope)
                let object = try #require(try decodeJSON(scoped.stdout) as? [String: Any])
                let history = try #require((object["tables"] as? [String: Any])?["history"] as? [[String: Any]])
                let audits = history.filter { $0["action"] as? String == "exported" }
                #expect(!audits.isEmpty && audits.allSatisfy { subjects.contains($0["subject_id"] as? String ?? "") }, "\(scope): \(audits)")
            }
        }
    }

    @Test("a failed export, feed or backup records nothing")
    func failuresRecordNothing() throws {
        try withSandbox { box in
            try box.loadDemo()
            try Data("taken".utf8).write(to: box.path("taken.sqlite"))
            try Data("a file".utf8).write(to: box.path("file"))
            let before = try CLI.dump(box.db)
            let failures: [[String]] = [
                ["export", "--out", "no/such/folder/all.json"],
                ["export", "--case", "NOPE"],
                ["export", "--counterpart", "XX"],
                ["export", "--format", "csv", "--out", "file"],
                ["export", "--format", "csv"],
                ["calendar", "--out", "feed.ics", "--from", "2012-01-01", "--to", "2011-01-01"],
                ["calendar", "--out", "no/such/feed.ics"],
                ["backup", "taken.sqlite"],
                ["backup", "no/such/copy.sqlite"],
            ]
            for arguments in failures {
                let result = try box.comity(arguments)
                #expect(result.status != 0, "\(arguments): \(result)")
            }
            // Standard output closed, or a full disk: the export cannot be delivered, so it is not recorded.
            let closed = try CLI.shell("exec \"$COMITY\" export --db comity.sqlite --today 2024-01-10 >&-", in: box.url)
            #expect(closed.status == 74, "\(closed)")
            #expect(CLI.unclearness(closed.stderr).isEmpty, "\(closed.stderr)")
            #expect(closed.stderr.contains("cannot write to standard output"), "\(closed.stderr)")
            #expect(try Self.trail(box).isEmpty)
            #expect(try CLI.dump(box.db) == before, "nothing at all was recorded")
            #expect(!FileManager.default.fileExists(atPath: box.path("feed.ics").path))
        }
    }

    @Test("an export the history cannot record (the database locked for writing) is refused and writes no file")
    func unrecordableExportRefused() throws {
        try withSandbox { box in
            try box.loadDemo()
            let holder = try LockHolder(box.db, exclusiveMode: false)
            let result = try box.comity(["export", "--out", "all.json"], environment: ["COMITY_BUSY_TIMEOUT": "0.5"])
            holder.release()
            #expect(result.status == 74, "\(result)")
            #expect(result.stderr.contains("is locked by another program"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: box.path("all.json").path))
            #expect(try Self.trail(box).isEmpty)
        }
    }

    /// Records in a JSON export: objects inside the tables' lists.
    static func jsonRecords(_ text: String) throws -> Int {
        let object = try #require(try decodeJSON(text) as? [String: Any])
        let tables = try #require(object["tables"] as? [String: [Any]])
        return tables.values.reduce(0) { $0 + $1.count }
    }
}

import Comity
import ComityWorlds
import Foundation
import Testing

/// `comity backup`, `check`, `calendar`, `export` and `import`, run as a clerk would.
@Suite("Interchange command line")
struct InterchangeCLITests {
    static let sqlite3 = URL(fileURLWithPath: "/usr/bin/sqlite3")

    static func sql(_ box: Sandbox, _ statement: String, db: URL? = nil) throws -> RunResult {
        try CLI.run(sqlite3, ["-cmd", ".timeout 10000", (db ?? box.db).path, statement], in: box.url, environment: CLI.environment([:]))
    }

    /// The first python3 on the test's PATH (or the usual places) that can import icalendar.
    static func pythonWithICalendar(in box: Sandbox) throws -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"]
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("python3")
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
            var environment = CLI.environment([:])
            environment["PATH"] = path
            if let result = try? CLI.run(candidate, ["-c", "import icalendar"], in: box.url, environment: environment), result.status == 0 {
                return candidate
            }
        }
        return nil
    }

    @Test("backup while another process writes: a new owner-only file that passes check; an existing file is refused")
    func backupUnderWrites() throws {
        try withSandbox { box in
            try box.loadDemo()
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", """
                i=0; while [ $i -lt 150 ]; do
                  /usr/bin/sqlite3 -cmd '.timeout 10000' '\(box.db.path)' "INSERT INTO holiday (party, date, name) VALUES ('JP', date('2030-01-01', '+$i days'), 'Writer $i')" || exit 1
                  i=$((i+1)); done
                """]
            writer.standardOutput = FileHandle.nullDevice
            try writer.run()
            for round in 1...3 {
                let copy = box.path("backup-\(round).sqlite")
                let result = try box.comity(["backup", copy.path])
                #expect(result.status == 0, "\(result)")
                let attributes = try FileManager.default.attributesOfItem(atPath: copy.path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                let check = try box.comity(["check"], db: copy.path)
                #expect(check.status == 0, "\(check)")
                #expect(check.stdout.hasPrefix("ok: "))
            }
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
            let final = box.path("final.sqlite")
            #expect(try box.comity(["backup", final.path]).status == 0)
            #expect(try Self.sql(box, "SELECT count(*) FROM holiday WHERE name LIKE 'Writer %'", db: final).stdout == "150\n")
            let again = try box.comity(["backup", final.path])
            #expect(again.status == 65)
            #expect(again.stderr.contains("already exists"))
        }
    }

    @Test("check lists a state changed without an event and exits 65")
    func check() throws {
        try withSandbox { box in
            try box.loadDemo()
            #expect(try box.comity(["check"]).status == 0)
            #expect(try Self.sql(box, "UPDATE request SET state = 'executed' WHERE reference = '\(DemoWorld.pensionRequest)'").status == 0)
            #expect(try Self.sql(box, "DROP TRIGGER event_no_delete").status == 0)
            let result = try box.comity(["check"])
            #expect(result.status == 65, "\(result)")
            #expect(result.lines.count == 2)
            #expect(result.stdout.contains(DemoWorld.pensionRequest))
            #expect(result.stdout.contains("event_no_delete"))
            #expect(result.stderr.contains("2 problems"))
        }
    }

    @Test("calendar writes a feed a standard iCalendar parser reads, with stable UIDs")
    func calendar() throws {
        try withSandbox { box in
            try box.loadDemo()
            let result = try box.comity(["calendar", "--out", "feed.ics", "--counterpart", "CN"], today: "2011-11-15")
            #expect(result.status == 0, "\(result)")
            let ics = try String(contentsOf: box.path("feed.ics"), encoding: .utf8)
            #expect(ics.contains("UID:engagement-\(DemoWorld.nodaVisit)@comity\r\n"))
            #expect(ics.contains("UID:response-\(DemoWorld.mhiRequest)@comity\r\n"))
            let again = try box.comity(["calendar", "--out", "feed2.ics", "--counterpart", "CN"], today: "2011-11-15")
            #expect(again.status == 0)
            #expect(try String(contentsOf: box.path("feed2.ics"), encoding: .utf8) == ics, "reproducible")
            let bad = try box.comity(["calendar", "--out", "x.ics", "--from", "2012-01-01", "--to", "2011-01-01"])
            #expect(bad.status == 65)
            // Every event carries the mark of what it names; one above the reader's clearance is never there.
            #expect(try box.comity(["calendar", "--out", "all.ics"]).status == 0)
            #expect(try box.comity(["calendar", "--out", "restricted.ics", "--clearance", "restricted"]).status == 0)
            let all = try String(contentsOf: box.path("all.ics"), encoding: .utf8)
            let cleared = try String(contentsOf: box.path("restricted.ics"), encoding: .utf8)
            #expect(all.contains("CLASS:CONFIDENTIAL\r\nX-COMITY-CLASSIFICATION:CONFIDENTIAL\r\nDESCRIPTION:CONFIDENTIAL\\n"), "\(all)")
            #expect(!cleared.contains("CLASS:CONFIDENTIAL") && !cleared.contains(":CONFIDENTIAL") && !cleared.contains(":SECRET"), "\(cleared)")
            #expect(cleared.contains("CLASS:PRIVATE\r\nX-COMITY-CLASSIFICATION:RESTRICTED\r\nDESCRIPTION:RESTRICTED\\n"))

            let script = """
                import icalendar, sys, datetime
                cal = icalendar.Calendar.from_ical(open('feed.ics', 'rb').read())
                events = cal.walk('VEVENT')
                uids = [str(e['UID']) for e in events]
                assert len(uids) == len(set(uids)), 'duplicate UIDs'
                noda = [e for e in events if str(e['UID']) == 'engagement-NODA-BEIJING-2011@comity'][0]
                assert str(noda.decoded('DTSTART')) == '2011-12-25', noda.decoded('DTSTART')
                assert str(noda.decoded('DTEND')) == '2011-12-27', noda.decoded('DTEND')
                for e in events:
                    stamp, modified = e.decoded('DTSTAMP'), e.decoded('LAST-MODIFIED')
                    assert isinstance(modified, datetime.datetime) and modified.tzinfo is not None, modified
                    assert modified <= stamp, (e['UID'], modified, stamp)
                    assert int(e['SEQUENCE']) >= 0
                    assert str(e['CLASS']) in ('PUBLIC', 'PRIVATE', 'CONFIDENTIAL'), e['CLASS']
                    mark = str(e['X-COMITY-CLASSIFICATION'])
                    assert str(e['DESCRIPTION']).split('\\n')[0] == mark, (e['DESCRIPTION'], mark)
                mhi = [e for e in events if str(e['UID']) == 'response-JP-MHI-2011-001@comity'][0]
                assert str(mhi['CLASS']) == 'PRIVATE' and str(mhi['X-COMITY-CLASSIFICATION']) == 'RESTRICTED', mhi
                assert str(noda['CLASS']) == 'PUBLIC', noda['CLASS']
                print(len(events))
                """
            let parsed = try Self.runICalendar(script, in: box)
            #expect(parsed.status == 0, "\(parsed)")
            #expect((Int(parsed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 2, "the parse check ran: \(parsed)")
        }
    }

    /// Runs `script` with a python3 that has the icalendar module (Debian's python3-icalendar,
    /// which `.ci/run` installs); its absence fails the test rather than skipping the check.
    static func runICalendar(_ script: String, in box: Sandbox) throws -> RunResult {
        let python = try #require(try pythonWithICalendar(in: box), "no python3 with the icalendar module; install python3-icalendar (apt) as .ci/run does")
        var environment = CLI.environment([:])
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return try CLI.run(python, ["-c", script], in: box.url, environment: environment)
    }

    @Test("a deadline moved by a correction, and a rescheduled engagement, come out with a higher SEQUENCE and a new LAST-MODIFIED")
    func movedDeadline() throws {
        try withSandbox { box in
            try box.loadDemo()
            func feed(_ name: String, today: String) throws -> String {
                let result = try box.comity(["calendar", "--out", name, "--counterpart", "CN"], today: today)
                try #require(result.status == 0, "\(result)")
                return try String(contentsOf: box.path(name), encoding: .utf8)
            }
            func event(_ uid: String, in ics: String) -> [String] {
                let lines = ics.components(separatedBy: "\r\n")
                guard let start = lines.firstIndex(of: "UID:\(uid)") else { return [] }
                return Array(lines[start...].prefix { $0 != "END:VEVENT" })
            }
            func value(_ name: String, _ lines: [String]) -> String? {
                lines.first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }.map { String($0.drop { $0 != ":" }.dropFirst()) }
            }
            let response = "response-\(DemoWorld.mhiRequest)@comity", visit = "engagement-\(DemoWorld.nodaVisit)@comity"
            let before = try feed("before.ics", today: "2011-12-01")
            let old = event(response, in: before), oldVisit = event(visit, in: before)
            try #require(!old.isEmpty && !oldVisit.isEmpty, "\(before)")
            #expect(try feed("again.ics", today: "2011-12-01") == before, "the same day gives the same feed")

            let edit = try box.comity(["edit", "request", DemoWorld.mhiRequest, "--sent", "2011-09-20", "--reason", "the note was sent earlier"], today: "2011-12-02")
            try #require(edit.status == 0, "\(edit)")
            let moved = try box.comity(["engagement", "reschedule", DemoWorld.nodaVisit, "--start", "2011-12-26", "--end", "2011-12-27"], today: "2011-12-02")
            try #require(moved.status == 0, "\(moved)")
            let after = try feed("after.ics", today: "2011-12-03")
            let new = event(response, in: after), newVisit = event(visit, in: after)
            #expect(value("DTSTART", new) != value("DTSTART", old), "the deadline moved: \(new)")
            #expect(Int(value("SEQUENCE", new) ?? "") == (Int(value("SEQUENCE", old) ?? "") ?? -9) + 1, "\(old) → \(new)")
            #expect(value("LAST-MODIFIED", new) == "20111202T000000Z")
            #expect(value("DTSTART", newVisit) == "20111226")
            #expect(Int(value("SEQUENCE", newVisit) ?? "") == (Int(value("SEQUENCE", oldVisit) ?? "") ?? -9) + 1, "\(oldVisit) → \(newVisit)")
            #expect(value("LAST-MODIFIED", newVisit) == "20111202T000000Z")
            #expect(value("DTSTAMP", newVisit) == "20111203T000000Z")
            // A standard parser reads the new revision as newer.
            let script = """
                import icalendar
                old = {str(e['UID']): e for e in icalendar.Calendar.from_ical(open('before.ics', 'rb').read()).walk('VEVENT')}
                new = {str(e['UID']): e for e in icalendar.Calendar.from_ical(open('after.ics', 'rb').read()).walk('VEVENT')}
                for uid in ('\(response)', '\(visit)'):
                    assert int(new[uid]['SEQUENCE']) > int(old[uid]['SEQUENCE']), uid
                    assert new[uid].decoded('LAST-MODIFIED') > old[uid].decoded('LAST-MODIFIED'), uid
                print('ok')
                """
            let parsed = try Self.runICalendar(script, in: box)
            #expect(parsed.status == 0 && parsed.stdout == "ok\n", "\(parsed)")
        }
    }

    @Test("export → import into a new database → export is byte-identical", arguments: ["json", "csv", "xml"])
    func roundTrip(format: String) throws {
        try withSandbox { box in
            try box.loadDemo()
            let first = box.path("first.\(format)")
            let second = box.path("second.\(format)")
            #expect(try box.comity(["export", "--format", format, "--out", first.path]).status == 0)
            let empty = box.path("empty.sqlite").path
            #expect(try box.comity(["init"], db: empty).status == 0)
            let imported = try box.comity(["import", first.path], db: empty)
            #expect(imported.status == 0, "\(imported)")
            #expect(imported.stdout.hasPrefix("imported: inserted "))
            #expect(try box.comity(["export", "--format", format, "--out", second.path], db: empty).status == 0)
            // The same bytes, but for the import's own audit event at the end of the history.
            if format == "csv" {
                let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
                #expect(names.count == 16 + (names.contains("letters") ? 1 : 0), "a file per table, the classification note and the letters' folder")
                #expect(names.contains(InterchangeCSV.markingFile))
                #expect(try FileManager.default.contentsOfDirectory(atPath: second.path).sorted() == names)
                for name in names where name != "letters" {
                    let again = try String(contentsOf: second.appendingPathComponent(name), encoding: .utf8)
                    let expected = name == "history.csv" ? Self.withoutImportEvent(again, format: format) : again
                    #expect(try String(contentsOf: first.appendingPathComponent(name), encoding: .utf8) == expected, "\(name)")
                }
            } else {
                let again = try String(contentsOf: second, encoding: .utf8)
                #expect(try String(contentsOf: first, encoding: .utf8) == Self.withoutImportEvent(again, format: format))
                #expect(again.contains("import from \(first.standardizedFileURL.path)"), "the import is recorded with its file")
            }
            #expect(try box.comity(["check"], db: empty).status == 0)
        }
    }

    /// An export with its last event, the audit event of the import that made the database, taken out.
    static func withoutImportEvent(_ text: String, format: String) -> String {
        // CSV lines end in CRLF, which Swift counts as one character.
        let separator = format == "csv" ? "\r\n" : "\n"
        var lines = text.components(separatedBy: separator)
        guard let last = lines.lastIndex(where: { $0.contains(format == "xml" ? "<action>imported</action>" : format == "csv" ? ",imported," : "\"action\": \"imported\"") })
        else { return text }
        lines.remove(at: last)
        if format == "json" && lines[last - 1].hasSuffix(",") { lines[last - 1].removeLast() }
        return lines.joined(separator: separator)
    }

    @Test("a malformed import lists every problem with file, record and field; nothing is written; --dry-run writes nothing")
    func malformedImport() throws {
        try withSandbox { box in
            try box.loadDemo()
            let export = try box.comity(["export"])
            #expect(export.status == 0)
            var text = export.stdout
            text = text.replacingOccurrences(of: "\"discovery_date\": \"2011-08-11\"", with: "\"discovery_date\": \"11 Aug 2011\"")
            text = text.replacingOccurrences(of: "\"urgency\": \"urgent\"", with: "\"urgency\": true")
            try text.write(to: box.path("bad.json"), atomically: true, encoding: .utf8)
            let empty = box.path("empty.sqlite")
            #expect(try box.comity(["init"], db: empty.path).status == 0)
            let before = try CLI.dump(empty)
            let result = try box.comity(["import", "bad.json"], db: empty.path)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("bad.json: cases[") && result.stderr.contains("field 'discovery_date'"), "\(result)")
            #expect(result.stderr.contains("field 'urgency'"), "\(result)")
            #expect(result.stderr.contains("nothing was written"))
            #expect(try CLI.dump(empty) == before)

            try export.stdout.write(to: box.path("good.json"), atomically: true, encoding: .utf8)
            let dry = try box.comity(["import", "good.json", "--dry-run"], db: empty.path)
            #expect(dry.status == 0, "\(dry)")
            #expect(dry.stdout.contains("dry run"))
            #expect(try CLI.dump(empty) == before)
            // The same file into the database it came from: all identical, nothing inserted.
            let same = try box.comity(["import", "good.json"])
            #expect(same.stdout.contains("inserted 0"), "\(same)")
        }
    }

    @Test("a malformed CSV folder or XML file: every problem with file and line on stderr, exit 65, database unchanged", arguments: ["csv", "xml"])
    func malformedOtherFormats(format: String) throws {
        try withSandbox { box in
            try box.loadDemo()
            let export = box.path("export.\(format)")
            #expect(try box.comity(["export", "--format", format, "--out", export.path]).status == 0)
            if format == "csv" {
                let cases = export.appendingPathComponent("cases.csv")
                let text = try String(contentsOf: cases, encoding: .utf8)
                    .replacingOccurrences(of: ",2011-08-11,", with: ",2011-02-30,")
                    .replacingOccurrences(of: ",restricted,", with: ",top-ish,")
                try text.write(to: cases, atomically: true, encoding: .utf8)
                try "code,name\r\nZZ\r\n".write(to: export.appendingPathComponent("parties.csv"), atomically: true, encoding: .utf8)
            } else {
                let text = try String(contentsOf: export, encoding: .utf8)
                    .replacingOccurrences(of: "<discovery_date>2011-08-11</discovery_date>", with: "<discovery_date>2011-02-30</discovery_date>")
                    .replacingOccurrences(of: "<level>leaders</level>", with: "<grade>leaders</grade>")
                try text.write(to: export, atomically: true, encoding: .utf8)
            }
            let before = try CLI.dump(box.db)
            let result = try box.comity(["import", export.path])
            #expect(result.status == 65, "\(result)")
            let lines = result.stderr.split(separator: "\n").dropLast()
            #expect(lines.count >= 2, "\(result)")
            #expect(lines.allSatisfy { $0.contains("line ") }, "\(result)")
            if format == "csv" {
                #expect(result.stderr.contains("cases.csv: line 6 field 'discovery_date'"), "\(result)")
                #expect(result.stderr.contains("field 'classification'") && result.stderr.contains("parties.csv: line 2"), "\(result)")
            } else {
                #expect(result.stderr.contains("discovery_date") && result.stderr.contains("grade"), "\(result)")
            }
            #expect(try CLI.dump(box.db) == before)
        }
    }
}

import Comity
import ComityWorlds
import Foundation
import Testing

/// The CSV export as a spreadsheet user meets it: marked, nothing a spreadsheet would run,
/// lists readable, letters as files; and the import that reads it back byte for byte.
@Suite("CSV export for spreadsheets")
struct SpreadsheetCLITests {
    static let mhi = DemoWorld.mhiRequest
    static let formula = #"=HYPERLINK("http://example.invalid","x")"#
    static let items = ["+1 preserve the logs", "two\nlines", "'quoted", #"back\slash"#, "@SUM(A1)"]

    /// The demo with hostile values in a subject, items, a reply and a case title, and an issued letter.
    static func hostileWorld(_ box: Sandbox) throws {
        try box.loadDemo()
        let issued = try box.comity(["letter", "write", mhi, "--kind", "note-verbale", "--issue"], today: "2011-11-28")
        try #require(issued.status == 0, "\(issued)")
        let edit = try box.comity(["edit", "request", mhi, "--subject", formula, "--reason", "hostile"] + items.flatMap { ["--item", $0] })
        try #require(edit.status == 0, "\(edit)")
        for (summary, day) in [("-5 days later", "2011-11-29"), ("\tTabbed\r\nand CRLF", "2011-11-30"), ("''", "2011-12-01")] {
            let reply = try box.comity(["reply", "add", mhi, "--on", day, "--kind", "non-committal", "--summary=" + summary, "--keep-state"])
            try #require(reply.status == 0, "\(reply)")
        }
        let title = try box.comity(["edit", "case", "MHI-2011", "--title", "@cmd|' /C calc'!A0", "--reason", "hostile"])
        try #require(title.status == 0, "\(title)")
    }

    static func files(_ folder: URL) throws -> [String] {
        let letters = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("letters").path)) ?? []
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "letters" }.sorted() + letters.sorted().map { "letters/" + $0 }
    }

    @Test("hostile values are neutralised, lists are lines, letters are files, every file is marked; the round trip is byte-identical")
    func roundTrip() throws {
        try withSandbox { box in
            try Self.hostileWorld(box)
            // On the terminal an item holding a line break stays one item.
            let show = try box.comity(["request", "show", Self.mhi])
            #expect(show.stdout.contains("\n  2. two\\nlines\n  3. 'quoted\n"), "\(show.stdout)")
            let first = box.path("first")
            let export = try box.comity(["export", "--format", "csv", "--out", first.path])
            try #require(export.status == 0, "\(export)")
            let note = try Self.text(first.appendingPathComponent(InterchangeCSV.markingFile))
            let mark = note.components(separatedBy: "\r\n")[0]
            #expect(mark == "CONFIDENTIAL", "the demo's highest record")
            let names = try Self.files(first)
            for name in names where name.hasSuffix(".csv") {
                let text = try Self.text(first.appendingPathComponent(name))
                #expect(text.hasPrefix("\u{FEFF}\(mark)\r\n"), "\(name) opens with its mark")
                // No cell a spreadsheet would run: none begins with = + - @, a tab or a carriage return.
                for cell in Self.cells(text) {
                    #expect(!(cell.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false), "\(name): \(cell)")
                }
            }
            let requests = try Self.text(first.appendingPathComponent("requests.csv"))
            #expect(requests.contains(#","'=HYPERLINK(""http://example.invalid"",""x"")",""#), "the subject, quoted")
            #expect(requests.contains("\"'+1 preserve the logs\ntwo\\nlines\n'quoted\nback\\\\slash\n@SUM(A1)\""), "items one per line: \(requests)")
            #expect(!requests.contains("[\""), "no JSON lists in cells")
            let replies = try Self.text(first.appendingPathComponent("replies.csv"))
            #expect(replies.contains(",'-5 days later,") && replies.contains("\"'\tTabbed\r\nand CRLF\"") && replies.contains(",''',"))
            #expect(try Self.text(first.appendingPathComponent("cases.csv")).contains(",'@cmd|' /C calc'!A0,"))

            let letters = try Self.text(first.appendingPathComponent("letters.csv"))
            #expect(!letters.contains("<!DOCTYPE") && !letters.contains("<letter"), "no documents in cells")
            let letterFiles = names.filter { $0.hasPrefix("letters/") }
            #expect(letterFiles == ["letters/JP-EMB-CN_2011_0001.html"])
            for file in letterFiles {
                #expect(letters.contains(",\(file)\r\n"), "the cell holds the path")
                let document = try Self.text(first.appendingPathComponent(file))
                let shown = try box.comity(["letter", "show", "JP-EMB-CN/2011/0001"])
                #expect(document == shown.stdout, "the file is the registered letter")
            }

            let empty = box.path("empty.sqlite").path
            #expect(try box.comity(["init"], db: empty).status == 0)
            let imported = try box.comity(["import", first.path], db: empty)
            try #require(imported.status == 0, "\(imported)")
            let second = box.path("second")
            #expect(try box.comity(["export", "--format", "csv", "--out", second.path], db: empty).status == 0)
            #expect(try Self.files(second) == names)
            for name in names {
                let again = try Data(contentsOf: second.appendingPathComponent(name))
                let before = try Data(contentsOf: first.appendingPathComponent(name))
                if name == "history.csv" {
                    #expect(again.starts(with: before) && String(decoding: again.dropFirst(before.count), as: UTF8.self).contains(",imported,"), "history.csv: only the import's event added")
                } else {
                    #expect(again == before, "\(name)")
                }
            }
            let request = try box.comity(["request", "show", Self.mhi, "--format", "json"], db: empty)
            for item in Self.items { #expect(request.stdout.contains(try Self.json(item)), "\(item)") }
            #expect(try box.comity(["check"], db: empty).status == 0)
        }
    }

    /// A file's text with its byte order mark, which `String(contentsOf:)` would drop.
    static func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// Every cell of an RFC 4180 file but the first line's (the mark), quotes undone.
    static func cells(_ text: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, started = false
        var scalars = Array(text.unicodeScalars.drop { $0 != "\n" }.dropFirst())[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); cell.unicodeScalars.append(scalar) } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" && !started {
                quoted = true
                started = true
            } else if scalar == "," || scalar == "\n" {
                cells.append(cell)
                cell = ""
                started = false
            } else if scalar != "\r" || scalars.first != "\n" {
                cell.unicodeScalars.append(scalar)
                started = true
            }
        }
        return cells
    }

    static func json(_ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    @Test("a letter file that does not match its SHA-256, a path out of letters/, or a first line that is no mark is refused, nothing written")
    func tamperedImport() throws {
        try withSandbox { box in
            try Self.hostileWorld(box)
            let export = box.path("export")
            try #require(try box.comity(["export", "--format", "csv", "--out", export.path]).status == 0)
            let letter = export.appendingPathComponent("letters/JP-EMB-CN_2011_0001.html")
            let original = try Data(contentsOf: letter)
            let letters = export.appendingPathComponent("letters.csv")
            let register = try Self.text(letters)
            let parties = export.appendingPathComponent("parties.csv")
            let partiesText = try Self.text(parties)
            let cases: [(String, () throws -> Void, String)] = [
                ("changed letter", { try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "Note verbale", with: "Note").utf8).write(to: letter) },
                 "letters.csv: line 3 field 'document': letters/JP-EMB-CN_2011_0001.html does not match the SHA-256 the register holds"),
                ("path out of the folder", { try Data(register.replacingOccurrences(of: ",letters/JP-EMB-CN_2011_0001.html", with: ",../first/x.html").utf8).write(to: letters) },
                 "is '../first/x.html', not the path of a letter's file"),
                ("missing letter", { try FileManager.default.removeItem(at: letter) }, "no such file"),
                ("no mark", { try Data(partiesText.replacingOccurrences(of: "\u{FEFF}CONFIDENTIAL\r\n", with: "\u{FEFF}TOP SECRET\r\n").utf8).write(to: parties) },
                 "parties.csv: line 1: 'TOP SECRET' is not a classification mark"),
            ]
            for (label, damage, message) in cases {
                try damage()
                let empty = box.path("empty-\(label.replacingOccurrences(of: " ", with: "-")).sqlite")
                #expect(try box.comity(["init"], db: empty.path).status == 0)
                let before = try CLI.dump(empty)
                let result = try box.comity(["import", export.path], db: empty.path)
                #expect(result.status == 65, "\(label): \(result)")
                #expect(result.stderr.contains(message), "\(label): \(result.stderr)")
                #expect(try CLI.dump(empty) == before, "\(label): nothing written")
                // Put it back for the next case.
                try original.write(to: letter)
                try Data(register.utf8).write(to: letters)
                try Data(partiesText.utf8).write(to: parties)
            }
        }
    }
}

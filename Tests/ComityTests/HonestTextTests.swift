@testable import Comity
import ComityCore
import Testing

/// Values shown on a terminal, and written into spreadsheets, as what they are.
@Suite("Honest text: terminals and spreadsheets")
struct HonestTextTests {
    @Test("the terminal sees line breaks, controls and bidirectional overrides as escapes")
    func terminalEscapes() {
        #expect(TerminalText.shown("Not aware\nREPLY 9") == #"Not aware\nREPLY 9"#)
        #expect(TerminalText.shown("a\r\tb") == #"a\r\tb"#)
        #expect(TerminalText.shown("\u{1B}[2J\u{7F}\u{85}\u{9B}") == #"\u{1B}[2J\u{7F}\u{85}\u{9B}"#)
        #expect(TerminalText.shown("\u{202E}fdp.exe\u{2066}x\u{2069}\u{2028}") == #"\u{202E}fdp.exe\u{2066}x\u{2069}\u{2028}"#)
        // Everything else is shown as it is, a backslash and wide characters included.
        #expect(TerminalText.shown(#"三菱重工業 C:\path é"#) == #"三菱重工業 C:\path é"#)
    }

    @Test("a cell holding a line break cannot add a row to a text table")
    func tableRows() {
        let table = TextTable(headers: ["ID", "SUMMARY"], rows: [["1", "Not aware\n2  Forged reply"], ["3", "ok\r"]])
        let lines = table.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4, "a header, two rows and the final newline: \(lines)")
        #expect(lines[1].hasSuffix(#"Not aware\n2  Forged reply"#))
        #expect(lines[2].hasSuffix(#"ok\r"#))
    }

    static let hostile = [
        #"=HYPERLINK("http://example.invalid","x")"#, "+1", "-2", "@SUM(A1)", "\tTab", "\rReturn", "'quoted", "''twice",
        "plain", "", "a=b", "-", "'",
    ]

    @Test("a value a spreadsheet would run gets a quote in front, and the import takes it off again", arguments: hostile)
    func neutralised(value: String) {
        let cell = CSVCellText.neutralised(value)
        if let first = value.unicodeScalars.first, "=+-@\t\r'".unicodeScalars.contains(first) {
            #expect(cell == "'" + value)
        } else {
            #expect(cell == value)
        }
        #expect(!cell.hasPrefix("=") && !cell.hasPrefix("+") && !cell.hasPrefix("-") && !cell.hasPrefix("@"))
        #expect(CSVCellText.restored(cell) == value)
    }

    @Test("a list is one item per line in its cell and reads back exactly")
    func lists() {
        let cases: [[String]] = [[], [""], ["", ""], ["one"], ["one", "two"], ["a\\b", "line\nbreak", "cr\r", "\\e", "=x"], ["", "x", ""]]
        for items in cases {
            let cell = CSVCellText.listCell(items)
            #expect(CSVCellText.items(cell) == items, "\(items) as \(cell)")
            #expect(!cell.contains("[\""), "no JSON in a cell")
        }
        #expect(CSVCellText.listCell(["Identify the servers", "Preserve the logs"]) == "Identify the servers\nPreserve the logs")
        #expect(CSVCellText.items(#"bad \q escape"#) == nil)
        // A cell opening with [ is a JSON list (a hand-made file, an older export); an item that would open one is escaped.
        #expect(CSVCellText.items(#"["a", "b"]"#) == ["a", "b"])
        #expect(CSVCellText.items("[]") == [])
        for items in [[#"["x"]"#], ["[a", "b"], ["[]"]] {
            #expect(CSVCellText.listCell(items).hasPrefix(#"\["#))
            #expect(CSVCellText.items(CSVCellText.listCell(items)) == items, "\(items)")
        }
    }
}

extension String {
    /// An HTML document's text with the `<bdi>` tags that isolate values taken out, for checks of its wording.
    var withoutIsolation: String {
        replacingOccurrences(of: "<bdi>", with: "").replacingOccurrences(of: "</bdi>", with: "")
    }
}

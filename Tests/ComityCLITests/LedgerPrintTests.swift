import Foundation
import Testing

/// The two-way brief (the golden file of `StallLedgerTests`) printed by headless Chromium: its
/// charts print with their labels, counts and legends, which is what a reader in grey print
/// goes by, and each chart's table prints beside it. (Looked at in grey with `pdftoppm -gray`:
/// hatched and dotted bars stay apart.)
@Suite("printing the brief's charts")
struct LedgerPrintTests {
    static let golden = StallGolden.folder.appendingPathComponent("two-way-brief-2020-06-24.html")

    @Test("the brief's two charts print with their labels, counts, legends and patterned fills")
    func chartsPrint() throws {
        try PrintedDocument.Tools.require()
        try withSandbox { sandbox in
            let html = sandbox.path("brief.html")
            try FileManager.default.copyItem(at: Self.golden, to: html)
            var document = PrintedDocument(name: "two-way brief", html: html, pdf: sandbox.path("brief.pdf"))
            try PrintedDocument.print(html, to: document.pdf, profile: sandbox.path("profile"))
            try document.read()
            let words = document.pages.flatMap { $0 }.joined(separator: "\n")
            // The SVG's own text: the age ranges, the balance's groups and both legends.
            for label in ["0–30", "181–365", "over 365", "no substantive reply", "What China owes us", "What we owe China"] {
                #expect(words.contains(label), "\(label) is not printed")
            }
            #expect(words.components(separatedBy: "What China owes us").count - 1 >= 3, "both legends and the section heading")
            // The tables beside the charts, their captions wrapped as the narrow column wraps them.
            let flat = words.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("Open requests with China by days since sent or received"))
            #expect(flat.contains("The balance with China each way"))
            #expect(flat.contains("China has 2 requests pending with us, 1 of them overdue;"))

            // In grey the two series are told apart by their patterns, not their colours: the fills
            // reach the PDF as tiling patterns (two a chart at least), which grey print keeps.
            let pdf = String(decoding: try Data(contentsOf: document.pdf), as: UTF8.self)
            #expect(pdf.components(separatedBy: "/PatternType 1").count - 1 >= 4, "the charts' fills are not printed as patterns")
        }
    }
}

import Comity
import ComityWorlds
import Foundation
import Testing

/// Values that try to pass for something else: a line break forging a row, a carriage return
/// rewriting the terminal line, a right-to-left override turning Comity's words around.
@Suite("Honest text on the command line")
struct HonestTextCLITests {
    static let mhi = DemoWorld.mhiRequest
    static let forged = "Not aware\n5   2011-11-21  substantive    CN-MPS  -         FORGED ROW"

    @Test("a line break in a reply summary adds no row to reply list, request show or history")
    func newlineForgesNoRow() throws {
        try withSandbox { box in
            try box.loadDemo()
            let add = try box.comity(["reply", "add", Self.mhi, "--on", "2011-11-20", "--kind", "non-committal", "--summary", Self.forged, "--keep-state"])
            try #require(add.status == 0, "\(add)")
            let list = try box.comity(["reply", "list", Self.mhi])
            #expect(list.status == 0, "\(list)")
            #expect(list.lines.count == 3, "a header and two replies: \(list.stdout)")
            #expect(list.stdout.contains(#"Not aware\n5   2011-11-21"#))
            let show = try box.comity(["request", "show", Self.mhi])
            #expect(show.status == 0, "\(show)")
            for result in [list, show, try box.comity(["history", Self.mhi])] {
                #expect(!result.lines.contains { $0.hasPrefix("5 ") || $0.contains("FORGED") && !$0.contains(#"\n"#) }, "\(result.stdout)")
            }
            let history = try box.comity(["history", Self.mhi])
            #expect(history.stdout.contains(#"non-committal: Not aware\n5"#), "\(history.stdout)")
        }
    }

    @Test("a carriage return from an import is shown as \\r, never sent to the terminal")
    func carriageReturnFromImport() throws {
        try withSandbox { box in
            try box.loadDemo()
            let export = try box.comity(["export"])
            try #require(export.status == 0)
            let original = "China said it would contact the relevant authorities."
            try #require(export.stdout.contains(original))
            let hostile = export.stdout.replacingOccurrences(of: original, with: #"China said it would contact the relevant authorities.\rSUBSTANTIVE REPLY RECEIVED"#)
            try hostile.write(to: box.path("hostile.json"), atomically: true, encoding: .utf8)
            let other = box.path("other.sqlite").path
            #expect(try box.comity(["init"], db: other).status == 0)
            let imported = try box.comity(["import", "hostile.json"], db: other)
            try #require(imported.status == 0, "\(imported)")
            for arguments in [["reply", "list", Self.mhi], ["request", "show", Self.mhi], ["history", Self.mhi], ["report", "stall", "--as-of", "2011-11-28"]] {
                let result = try box.comity(arguments, db: other)
                #expect(result.status == 0, "\(arguments): \(result)")
                #expect(!result.stdout.contains("\r"), "\(arguments)")
                #expect(result.stdout.contains(#"authorities.\rSUBSTANTIVE"#) || arguments[0] == "report", "\(arguments): \(result.stdout)")
            }
            // JSON escapes by itself and keeps the value exact.
            let json = try box.comity(["reply", "list", Self.mhi, "--format", "json"], db: other)
            #expect(json.stdout.contains(#"authorities.\rSUBSTANTIVE"#))
        }
    }

    @Test("a right-to-left override in a subject is isolated in every HTML document and quoted escaped on the terminal")
    func rightToLeftOverride() throws {
        try withSandbox { box in
            try box.loadDemo()
            let subject = "Tracing \u{202E}the source"
            let edit = try box.comity(["edit", "request", Self.mhi, "--subject", subject, "--subject-ja", subject, "--reason", "as the file has it"])
            try #require(edit.status == 0, "\(edit)")
            #expect(edit.stdout.contains(#"→ "Tracing \u{202E}the source""#), "the confirmation quotes it escaped: \(edit.stdout)")
            #expect(!edit.stdout.contains("\u{202E}"))
            for (lang, opening, closing) in [("en", "concerning “", "”, made under the "), ("ja", "「", "」に関する")] {
                let letter = try box.comity(["letter", "write", Self.mhi, "--kind", "note-verbale", "--lang", lang], today: "2011-11-28")
                try #require(letter.status == 0, "\(letter)")
                #expect(letter.stdout.contains("\(opening)<bdi>\(subject)</bdi>\(closing)"), "\(lang): the override ends with the subject")
                let xml = try box.comity(["letter", "write", Self.mhi, "--kind", "note-verbale", "--lang", lang, "--format", "xml"], today: "2011-11-28")
                #expect(xml.status == 0, "\(xml)")
                #expect(xml.stdout.contains("\(opening)\(subject)\(closing)") && !xml.stdout.contains("<bdi>"), "XML letters carry the value as it is")
            }
            let report = try box.comity(["report", "stall", "--as-of", "2011-11-28", "--format", "html"])
            #expect(report.stdout.contains(": <bdi>\(subject)</bdi></h3>"), "\(report)")
            let text = try box.comity(["report", "stall", "--as-of", "2011-11-28"])
            #expect(text.stdout.contains(#"    Tracing \u{202E}the source"#) && !text.stdout.contains("\u{202E}"))
            let list = try box.comity(["request", "list"])
            #expect(list.stdout.contains(#"Tracing \u{202E}the source"#) && !list.stdout.contains("\u{202E}"))
        }
    }
}

import Foundation
import Testing
import Comity
import ComityWorlds

/// `--as-recorded DATE` gives back the brief, the clocks and the letter as they came out on a
/// past day, whatever was corrected since.
@Suite("comity … --as-recorded")
struct AsRecordedCLITests {
    static let brief = ["report", "stall", "--before", DemoWorld.nodaVisit, "--templates", StallGolden.templates.path]

    @Test("the brief of 2011-11-28 comes out again after a later correction, marked as recorded")
    func briefAfterCorrection() throws {
        try withSandbox { box in
            try #require(try box.comity(["demo"]).status == 0)
            let given = try box.comity(Self.brief + ["--as-of", "2011-11-28"])
            try #require(given.status == 0, "\(given)")
            #expect(given.stdout.contains("non-committal") || given.stdout.contains("NON-COMMITTAL"))

            let edit = try box.comity(["edit", "reply", "1", "--kind", "acknowledgement", "--reason", "re-read the cable"])
            try #require(edit.status == 0, "\(edit)")
            let now = try box.comity(Self.brief + ["--as-of", "2011-11-28"])
            #expect(now.status == 0)
            #expect(now.stdout != given.stdout)

            // The visit's postponement was recorded on 2011-12-01: as recorded then, the brief is
            // the one of 2011-11-28 before the correction.
            let again = try box.comity(Self.brief + ["--as-of", "2011-11-28", "--as-recorded", "2011-12-01"])
            try #require(again.status == 0, "\(again)")
            let marker = "As recorded at the end of 2011-12-01: later entries and corrections left out.\n"
            #expect(again.stdout.contains(marker))
            #expect(again.stdout.replacingOccurrences(of: marker, with: "") == given.stdout)

            // As recorded on 2011-11-28 itself, the visit was still planned for 12–13 December.
            let planned = try box.comity(Self.brief + ["--as-recorded", "2011-11-28"])
            #expect(planned.stdout.contains("12–13 December 2011"), "\(planned.stdout)")
            #expect(!planned.stdout.contains("25–26 December 2011"))
            for format in ["xml", "html", "json"] {
                let document = try box.comity(Self.brief + ["--as-recorded", "2011-11-28", "--format", format])
                #expect(document.status == 0, "\(format): \(document)")
                #expect(document.stdout.contains(format == "html" ? "As recorded at the end of 28 November 2011" : "2011-11-28"))
                if format == "xml" {
                    try XMLSchema(path: StallGolden.schema.path).validate(document.stdout, documentName: "stall report")
                    #expect(document.stdout.contains("as-recorded=\"2011-11-28\""))
                }
            }
        }
    }

    @Test("the clocks and a letter as recorded, and what --as-recorded refuses")
    func clocksAndLetters() throws {
        try withSandbox { box in
            try #require(try box.comity(["demo"]).status == 0)
            let mhi = DemoWorld.mhiRequest
            let clocks = try box.comity(["request", "show", mhi, "--explain", "--as-recorded", "2011-11-28"])
            #expect(clocks.status == 0, "\(clocks)")
            #expect(clocks.stdout.contains("as of 2011-11-28, as recorded at the end of 2011-11-28"))

            let edit = try box.comity(["edit", "request", mhi, "--subject", "Tracing the MHI intrusion", "--reason", "shorter"])
            try #require(edit.status == 0, "\(edit)")
            let letter = try box.comity(["letter", mhi, "--kind", "talking-points", "--as-recorded", "2011-11-28"])
            #expect(letter.status == 0, "\(letter)")
            #expect(!letter.stdout.contains("Tracing the MHI intrusion"))
            let current = try box.comity(["letter", mhi, "--kind", "talking-points", "--as-of", "2011-11-28"])
            #expect(current.stdout.contains("Tracing the MHI intrusion"))

            let refusals: [([String], String)] = [
                (["letter", mhi, "--as-recorded", "2011-11-28", "--issue"], "preview only"),
                (["letter", "--all-stalled", "--out-dir", "x", "--as-recorded", "2011-11-28"], "--all-stalled"),
                (["request", "show", mhi, "--as-recorded", "2011-11-28"], "--explain"),
                (["report", "stall", "--as-recorded", "2030-01-01"], "after today"),
                (["request", "show", mhi, "--explain", "--as-recorded", "2011-09-01"], "first recorded on"),
            ]
            for (arguments, words) in refusals {
                let refused = try box.comity(arguments)
                #expect(refused.status != 0, "\(arguments)")
                #expect(refused.stderr.contains(words), "\(arguments): \(refused.stderr)")
                #expect(!refused.stderr.contains("Error:") || refused.stderr.split(separator: "\n").count <= 3, "\(refused.stderr)")
            }
            #expect(try CLI.count(box.db, "SELECT count(*) FROM letter") == 0)
        }
    }
}

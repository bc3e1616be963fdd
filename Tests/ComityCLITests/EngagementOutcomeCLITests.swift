import Foundation
import Testing
import Comity
import ComityWorlds

/// `comity engagement outcome` and what follows from it, run through the built binary.
@Suite("comity engagement outcome")
struct EngagementOutcomeCLITests {
    static let ref = DemoWorld.mhiRequest
    static let visit = DemoWorld.nodaVisit

    @Test("an outcome is corrected with 'edit outcome', in the request's history; the brief as recorded before keeps the old response")
    func correct() throws {
        try withSandbox { sandbox in
            try #require(try sandbox.comity(["demo"], today: "2011-11-28").status == 0)
            try #require(try sandbox.comity(
                ["engagement", "outcome", Self.visit, Self.ref, "--raised", "--by", "Prime Minister Noda", "--response", "none", "--on", "2011-12-26"],
                today: "2012-01-15").status == 0)
            let edit = try sandbox.comity(["edit", "outcome", "1", "--response", "would look into it", "--reason", "the readout"], today: "2012-02-01")
            #expect(edit.status == 0, "\(edit)")
            let history = try sandbox.comity(["history", Self.ref], today: "2012-02-01")
            #expect(history.stdout.contains("response: \"none\" → \"would look into it\""), "\(history.stdout)")
            let now = try sandbox.comity(["report", "stall", "--as-of", "2012-01-20"], today: "2012-02-01")
            #expect(now.stdout.contains("would look into it"))
            let then = try sandbox.comity(["report", "stall", "--as-of", "2012-01-20", "--as-recorded", "2012-01-20"], today: "2012-02-01")
            #expect(then.status == 0, "\(then)")
            #expect(!then.stdout.contains("would look into it"))
            #expect(then.stdout.contains("the response recorded: “none”"), "\(then.stdout)")
            let refused = try sandbox.comity(["edit", "outcome", "1", "--on", "2011-12-20", "--reason", "x"], today: "2012-02-01")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("must fall within it"), "\(refused.stderr)")
        }
    }

    @Test("recorded, shown on the engagement, the request and its history, exported and checked; the report follows up on it")
    func recordAndShow() throws {
        try withSandbox { sandbox in
            try #require(try sandbox.comity(["demo"], today: "2011-11-28").status == 0)
            let recorded = try sandbox.comity(
                ["engagement", "outcome", Self.visit, Self.ref, "--raised", "--by", "Prime Minister Noda", "--response", "none", "--on", "2011-12-26"],
                today: "2012-01-15")
            #expect(recorded.status == 0, "\(recorded)")
            #expect(recorded.stdout == "recorded the outcome of \(Self.ref) at \(Self.visit): raised by Prime Minister Noda\n")

            let shown = try sandbox.comity(["engagement", "show", Self.visit], today: "2012-01-15")
            #expect(shown.stdout.contains("\(Self.ref)  2011-12-26  yes     Prime Minister Noda  none"), "\(shown)")
            let json = try #require(try decodeJSON(try sandbox.comity(["engagement", "show", Self.visit, "--format", "json"], today: "2012-01-15").stdout) as? [String: Any])
            #expect(json["id"] as? String == Self.visit && json["level"] as? String == "leaders", "the engagement's own fields stay as they were")
            let outcomes = try #require(json["outcomes"] as? [[String: Any]])
            #expect(outcomes.first?["raisedBy"] as? String == "Prime Minister Noda")
            #expect(outcomes.first?["response"] as? String == "none")
            let request = try sandbox.comity(["request", "show", Self.ref], today: "2012-01-15")
            #expect(request.stdout.contains("\(Self.visit)  2011-12-26  yes"))
            let history = try sandbox.comity(["history", Self.ref], today: "2012-01-15")
            #expect(history.stdout.contains("raised at \(Self.visit) (Prime Minister Noda's visit to Beijing) by Prime Minister Noda; response: none"), "\(history)")

            let report = try sandbox.comity(["report", "stall", "--as-of", "2012-01-15"], today: "2012-01-15")
            #expect(report.stdout.contains("Next step: send a note verbale, following up on Prime Minister Noda's visit to Beijing (25–26 December 2011), at which Prime Minister Noda raised it"))

            let check = try sandbox.comity(["check"], today: "2026-01-01")
            #expect(check.status == 0, "\(check)")
            for format in ["json", "csv", "xml"] {
                let out = sandbox.path("export.\(format)")
                #expect(try sandbox.comity(["export", "--format", format, "--out", out.path], today: "2026-01-01").status == 0)
                let copy = "copy-\(format).sqlite"
                #expect(try sandbox.comity(["init"], db: copy, today: "2026-01-01").status == 0)
                let imported = try sandbox.comity(["import", out.path], db: copy, today: "2026-01-01")
                #expect(imported.status == 0, "\(imported)")
                let again = try sandbox.comity(["engagement", "show", Self.visit], db: copy, today: "2026-01-01")
                #expect(again.stdout.contains("\(Self.ref)  2011-12-26  yes     Prime Minister Noda  none"), "\(format): \(again)")
            }
        }
    }

    @Test("a bad outcome is one sentence, exit 65 or 66, and nothing is written", arguments: [
        (["--raised", "--response", "none"], "say who raised request", Int32(65)),
        (["--not-raised", "--by", "Someone"], "is recorded as not raised", 65),
        (["--raised", "--by", "Prime Minister Noda", "--on", "2011-12-27"], "must fall within it", 65),
        (["--raised", "--by", "Prime Minister Noda", "--commitment-date", "2012-02-01"], "a commitment date needs the commitment itself", 65),
    ])
    func refused(arguments: [String], phrase: String, status: Int32) throws {
        try withSandbox { sandbox in
            try #require(try sandbox.comity(["demo"], today: "2011-11-28").status == 0)
            let before = try CLI.dump(sandbox.db)
            let result = try sandbox.comity(["engagement", "outcome", Self.visit, Self.ref] + arguments, today: "2012-01-15")
            #expect(result.status == status, "\(result)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.contains(phrase), "\(result.stderr)")
            #expect(try CLI.dump(sandbox.db) == before)
        }
    }

    @Test("issuing the same letter twice on one day: the second is refused in one sentence; a batch run twice issues once")
    func issuedOnce() throws {
        try withSandbox { sandbox in
            try #require(try sandbox.comity(["demo"], today: "2011-11-28").status == 0)
            let templates = ["--templates", LetterGolden.templates.path]
            let first = try sandbox.comity(["letter", Self.ref, "--format", "xml", "--issue", "--out", sandbox.path("a.xml").path] + templates, today: "2011-11-28")
            #expect(first.status == 0, "\(first)")
            let second = try sandbox.comity(["letter", Self.ref, "--format", "xml", "--issue", "--out", sandbox.path("b.xml").path] + templates, today: "2011-11-28")
            #expect(second.status == 65)
            #expect(second.stderr.hasPrefix("comity: request \(Self.ref) already has talking points JP-MOFA/2011/0001 issued on 2011-11-28"), "\(second)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.path("b.xml").path))

            for run in ["one", "two"] {
                let dir = sandbox.path(run)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
                let batch = try sandbox.comity(["letter", "--all-stalled", "--format", "xml", "--issue", "--out-dir", dir.path] + templates, today: "2011-12-01")
                #expect(batch.status == 0, "\(batch)")
                #expect(batch.stderr.contains("skipped \(Self.ref): already followed up: talking points JP-MOFA/2011/0001 of 2011-11-28"), "\(batch)")
            }
            #expect(try CLI.count(sandbox.db, "SELECT count(*) FROM letter") == 1)
        }
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@_spi(Worlds) @testable import ComityWorlds

/// People on letters, whose desk a database is, dates as reported and holiday calendars, from the command line.
@Suite struct PeopleDirectionCLITests {
    /// `init --our-state JP`, Japan and China with a central authority each.
    static func japanDesk(_ box: Sandbox) throws {
        for arguments in [
            ["init", "--our-state", "JP"], ["party", "add", "JP"], ["party", "add", "CN"],
            ["authority", "add", "JP-NPSC", "--party", "JP", "--role", "central-authority", "--name", "National Public Safety Commission"],
            ["authority", "add", "CN-MPS", "--party", "CN", "--role", "central-authority", "--name", "Ministry of Public Security"],
        ] {
            let result = try box.comity(arguments)
            try #require(result.status == 0, "\(arguments): \(result)")
        }
    }

    @Test func theDeskKnowsItsStateAndRefusesTheOtherDirection() throws {
        try withSandbox { box in
            try Self.japanDesk(box)
            #expect(try box.comity(["settings", "list"]).stdout.contains("our-state"))
            let led = try box.comity(["case", "add", "CN-1", "--title", "Theirs", "--lead", "CN-MPS", "--offence", "Fraud", "--discovered", "2023-05"])
            #expect(led.status == 65)
            #expect(led.stderr == "comity: case CN-1 would be led by CN-MPS of CN, but this desk is JP's and leads only its own investigations; choose a lead authority of JP\n")
            #expect(try box.comity(["case", "add", "JP-1", "--title", "Ours", "--lead", "JP-NPSC", "--offence", "Fraud", "--discovered", "2023-05"]).status == 0)
            // A request that comes to us needs the day it was received, and then is recorded as received.
            let back = try box.comity(["request", "add", "CN-JP-1", "--case", "JP-1", "--from", "CN-MPS", "--to", "JP-NPSC", "--channel", "central-authority",
                                       "--subject", "Records", "--item", "Logs"])
            #expect(back.status == 65)
            #expect(back.stderr == "comity: request CN-JP-1 comes to us from CN-MPS; give the day it was received with --received\n", "\(back)")
            #expect(try CLI.count(box.db, "SELECT count(*) FROM request") == 0)
            let received = try box.comity(["request", "add", "CN-JP-1", "--case", "JP-1", "--from", "CN-MPS", "--to", "JP-NPSC", "--channel", "central-authority",
                                           "--subject", "Records", "--item", "Logs", "--received", "2023-06-01", "--today", "2023-06-02"])
            #expect(received.stdout == "recorded request CN-JP-1, now received\n", "\(received)")
            #expect(try CLI.count(box.db, "SELECT count(*) FROM request") == 1)
            #expect(try box.comity(["check"]).status == 0)
            // Changed behind Comity's back: check lists it.
            #expect(try CLI.sql(box.db, "UPDATE setting SET value = 'CN' WHERE key = 'our-state'").status == 0)
            let check = try box.comity(["check"])
            #expect(check.status == 65)
            #expect(check.stdout.contains("direction: case JP-1 is led by JP-NPSC of JP, but this desk is CN's") || check.stderr.contains("direction: case JP-1"), "\(check)")
        }
    }

    @Test func anImportIntoTheDeskIsHeldToItsDirection() throws {
        try withSandbox { box in
            try Self.japanDesk(box)
            // Another database, of no state, holds a case China leads.
            let other = box.path("other.sqlite").path
            for arguments in [
                ["init"], ["party", "add", "JP"], ["party", "add", "CN"],
                ["authority", "add", "CN-MPS", "--party", "CN", "--role", "central-authority", "--name", "Ministry of Public Security"],
                ["case", "add", "CN-1", "--title", "Theirs", "--lead", "CN-MPS", "--offence", "Fraud", "--discovered", "2023-05"],
            ] {
                let result = try box.comity(arguments, db: other)
                try #require(result.status == 0, "\(arguments): \(result)")
            }
            #expect(try box.comity(["export", "--out", box.path("other.json").path], db: other).status == 0)
            let before = try CLI.dump(box.db)
            let imported = try box.comity(["import", box.path("other.json").path, "--replace"])
            #expect(imported.status == 65)
            #expect(imported.stderr.contains("case CN-1 would be led by CN-MPS of CN, but this desk is JP's"), "\(imported)")
            #expect(try CLI.dump(box.db) == before)
        }
    }

    @Test func checkSaysHowToSetTheDesksState() throws {
        try withSandbox { box in
            #expect(try box.comity(["init"]).status == 0)
            let check = try box.comity(["check"])
            #expect(check.status == 0)
            #expect(check.stderr.contains("does not say whose desk it is") && check.stderr.contains("comity settings set our-state CC"), "\(check)")
            #expect(try box.comity(["settings", "set", "our-state", "jp"]).status == 0)
            #expect(try box.comity(["check"]).stderr.isEmpty)
            #expect(try CLI.count(box.db, "SELECT count(*) FROM setting WHERE key = 'our-state' AND value = 'JP'") == 1)
        }
    }

    @Test func correctionsOfHeadsAndOfDatesAsReported() throws {
        try withSandbox { box in
            try box.makeLetterDemo()
            let head = try box.comity(["edit", "authority", "CN-MPS", "--head-name", "Meng Jian-zhu", "--reason", "spelling of the cable"])
            #expect(head.status == 0, "\(head)")
            #expect(try box.comity(["authority", "show", "CN-MPS"]).stdout.contains("Minister of Public Security Meng Jian-zhu"))
            let month = try box.comity(["edit", "case", "MHI-2011", "--incident", "2011-08", "--reason", "as reported"], today: "2011-11-28")
            #expect(month.status == 0, "\(month)")
            #expect(try CLI.count(box.db, "SELECT count(*) FROM case_file WHERE id = 'MHI-2011' AND incident_date = '2011-08'") == 1)
            let history = try box.comity(["history", "MHI-2011"])
            #expect(history.stdout.contains("2011-08"), "\(history)")
            #expect(try box.comity(["edit", "case", "MHI-2011", "--clear", "incident", "--reason", "not public"], today: "2011-11-28").status == 0)
            #expect(try box.comity(["case", "show", "MHI-2011"]).stdout.contains("not known"))
        }
    }

    @Test func initRefusesAStateThatIsNone() throws {
        try withSandbox { box in
            let result = try box.comity(["init", "--our-state", "Japan"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("'Japan' is not an ISO 3166-1 alpha-2 country code"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: box.db.path))
        }
    }

    @Test func datesAsReportedReadAsGivenAndRoundTrip() throws {
        try withSandbox { box in
            try Self.japanDesk(box)
            let add = try box.comity(["case", "add", "MHI-2011", "--title", "Intrusion", "--lead", "JP-NPSC", "--offence", "Unauthorised access",
                                      "--incident", "2011-08", "--discovered", "2011-08-11"], today: "2011-09-01")
            try #require(add.status == 0, "\(add)")
            #expect(try box.comity(["case", "add", "X-2011", "--title", "Unknown start", "--lead", "JP-NPSC", "--offence", "Fraud",
                                    "--discovered", "2011"], today: "2011-09-01").status == 0)
            let show = try box.comity(["case", "show", "MHI-2011"])
            #expect(show.stdout.contains("2011-08\n") && show.stdout.contains("2011-08-11"), "\(show)")
            #expect(try box.comity(["case", "show", "X-2011"]).stdout.contains("not known"))
            let bad = try box.comity(["case", "add", "Y", "--title", "T", "--lead", "JP-NPSC", "--offence", "O", "--discovered", "2011-8"])
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("write it as YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no more"), "\(bad)")

            for format in ["json", "xml", "csv"] {
                let out = box.path("export-\(format)")
                #expect(try box.comity(["export", "--format", format, "--out", out.path]).status == 0)
                let copy = box.path("copy-\(format).sqlite").path
                #expect(try box.comity(["init"], db: copy).status == 0)
                let imported = try box.comity(["import", out.path], db: copy)
                try #require(imported.status == 0, "\(format): \(imported)")
                #expect(try box.comity(["case", "show", "MHI-2011", "--format", "json"], db: copy).stdout
                        == box.comity(["case", "show", "MHI-2011", "--format", "json"]).stdout)
                #expect(try CLI.count(URL(fileURLWithPath: copy), "SELECT count(*) FROM case_file WHERE incident_date IS NULL AND discovery_date = '2011'") == 1)
            }
        }
    }

    @Test func holidaysOfJapanWithoutADatabase() throws {
        try withSandbox { box in
            let listed = try box.comity(["holidays", "list", "JP", "--year", "2011"])
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout.contains("2011-09-23  Fri  holiday         Autumnal Equinox Day"), "\(listed)")
            #expect(listed.stdout.contains("2011-12-29  Thu  offices closed  Year-end closure of government offices"), "\(listed)")
            #expect(!FileManager.default.fileExists(atPath: box.db.path), "listing creates no database")

            let late = try box.comity(["holidays", "list", "JP", "--year", "2051"])
            #expect(late.status == 66)
            #expect(late.stderr == "comity: no holiday calendar 'JP 2051' is recorded; Japan's built-in calendar covers 1990–2050; import JP's holidays for 2051 with 'comity holidays import JP FILE.ics'\n")
            let china = try box.comity(["holidays", "list", "CN", "--year", "2011"], db: nil, environment: ["COMITY_DB": box.path("none.sqlite").path])
            #expect(china.status == 66)
            #expect(china.stderr.contains("only Japan's is built in"), "\(china)")
            #expect(china.stdout.isEmpty)
            // With a database, a state with nothing imported for the year says so too.
            try Self.japanDesk(box)
            let empty = try box.comity(["holidays", "list", "CN", "--year", "2011"])
            #expect(empty.status == 66)
            #expect(empty.stderr == "comity: no holiday calendar 'CN 2011' is recorded; import CN's holidays for 2011 with 'comity holidays import CN FILE.ics'\n")
        }
    }

    @Test func headsOfAuthoritiesSignAndReceiveMinisterialLetters() throws {
        try withSandbox { box in
            try box.makeLetterDemo()
            let added = try box.comity(["authority", "add", "JP-CAO", "--party", "JP", "--role", "central-authority", "--name", "Cabinet Office",
                                        "--head-title", "Minister of State", "--head-name", "Someone", "--head-title-ja", "国務大臣", "--head-name-ja", "某"])
            #expect(added.status == 0, "\(added)")
            let shown = try box.comity(["authority", "show", "JP-CAO"])
            #expect(shown.stdout.contains("Minister of State Someone\n"), "\(shown)")
            #expect(shown.stdout.contains("head-title (ja)  国務大臣\n") && shown.stdout.contains("head-name (ja)   某\n"), "\(shown)")
            let head = try box.comity(["authority", "head", "JP-MOFA", "--head-title", "Minister for Foreign Affairs", "--head-name", "Koichiro Gemba"])
            #expect(head.status == 0, "\(head)")
            let letter = try box.letter([DemoWorld.mhiRequest, "--kind", "ministerial", "--format", "xml", "--as-of", "2011-11-28",
                                         "--signatory", "JP-MOFA", "--addressee", "CN-MFA"])
            #expect(letter.status == 0, "\(letter)")
            #expect(letter.stdout.contains("<name>Koichiro Gemba</name>"))
            #expect(letter.stdout.contains("<recipient title=\"Minister of Foreign Affairs\">Yang Jiechi</recipient>"))
            let unsigned = try box.letter([DemoWorld.mhiRequest, "--kind", "note-verbale", "--as-of", "2011-11-28", "--signatory", "JP-MOFA"])
            #expect(unsigned.status == 65)
            #expect(unsigned.stderr.contains("the note verbale is signed by no one named"), "\(unsigned)")
            let batch = try box.letter(["--all-stalled", "--out-dir", box.path("out").path, "--signatory", "JP-MOFA"])
            #expect(batch.status == 64)
            // The JAXA attacks are reported to the year: the brief says so, by era in Japanese.
            for (lang, phrase) in [("en", "(incident of 2016)"), ("ja", "（平成28年発生）")] {
                let brief = try box.letter([DemoWorld.jaxaRequest, "--kind", "talking-points", "--lang", lang, "--as-of", "2021-06-01"])
                #expect(brief.status == 0, "\(brief)")
                #expect(brief.stdout.contains(phrase), "\(lang)")
            }
        }
    }
}

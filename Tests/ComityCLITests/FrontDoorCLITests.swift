import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The front door from the command line: the clearance is the database's, reads and writes of a
/// record above it are refused by its identifier alone whatever date is given, and a clearance
/// setting that cannot be read stops every command.
@Suite("comity front door")
struct FrontDoorCLITests {
    /// Sets the database's default clearance to confidential, as an administrator would.
    static func confidentialDesk(_ sandbox: Sandbox) throws {
        try ClearanceCLITests.world(sandbox)
        let set = try sandbox.comity(["settings", "set", "clearance", "confidential"])
        try #require(set.status == 0, "\(set)")
    }

    /// Expects one clear refusal naming the record given and none of its facts, and no change.
    static func expectRefused(
        _ sandbox: Sandbox, _ arguments: [String], today: String = "2024-01-10", naming id: String, code: Int32 = 65,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try CLI.dump(sandbox.db)
        let run = try sandbox.comity(arguments, today: today)
        #expect(run.status == code, "\(arguments): \(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "\(arguments) printed \(run.stdout)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(id) && run.stderr.contains("above your clearance"), "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(CLI.unclearness(run.stderr).isEmpty, "\(arguments): \(CLI.unclearness(run.stderr))", sourceLocation: sourceLocation)
        ClearanceCLITests.expectNoSecrets(run.stderr.replacingOccurrences(of: id, with: "<id>"), "\(arguments)", sourceLocation: sourceLocation)
        // No date of the withheld request (sent 2011-10-05, replied 2011-10-20) may show.
        for date in ["2011-10-05", "2011-10-20"] {
            #expect(!run.stderr.contains(date), "\(arguments) shows \(date): \(run.stderr)", sourceLocation: sourceLocation)
        }
        #expect(try CLI.dump(sandbox.db) == before, "\(arguments) changed the database", sourceLocation: sourceLocation)
    }

    @Test("a record read on a date before its secret reply is still refused: --today does not lower the bar")
    func todayDoesNotLeak() throws {
        try withSandbox { sandbox in
            try ClearanceCLITests.world(sandbox)
            let withheld = "JP-MHI-2011-009"
            // The secret reply is dated 2011-10-20; asking as of a day before it changes nothing.
            for today in ["2011-10-10", "2024-01-10"] {
                for command in [["reply", "list", withheld], ["history", withheld], ["request", "show", withheld],
                                ["request", "show", withheld, "--format", "json"], ["letter", "list", withheld]] {
                    try Self.expectRefused(sandbox, command + ["--clearance", "confidential"], today: today, naming: withheld)
                }
            }
            let list = try sandbox.comity(["request", "list", "--clearance", "confidential"], today: "2011-10-10")
            #expect(list.status == 0 && !list.stdout.contains(withheld), "\(list)")
            #expect(list.stderr.contains("2 request(s) above your clearance withheld"), "\(list)")
        }
    }

    @Test("--clearance may lower the database's clearance, never raise it")
    func clearanceCannotBeRaised() throws {
        try withSandbox { sandbox in
            try Self.confidentialDesk(sandbox)
            for command in [["report", "stall", "--as-of", "2011-11-28"], ["request", "list"], ["reply", "list", "JP-MHI-2011-009"],
                            ["export"], ["history", "JP-MHI-2011-009"]] {
                let run = try sandbox.comity(command + ["--clearance", "secret"])
                #expect(run.status == 65, "\(command): \(run)")
                #expect(run.stderr.contains("this database's clearance is confidential") && run.stderr.contains("never raise it"), "\(run.stderr)")
                #expect(run.stdout.isEmpty)
                ClearanceCLITests.expectNoSecrets(run.stdout + run.stderr, "\(command) --clearance secret")
            }
            let lower = try sandbox.comity(["request", "list", "--clearance", "restricted"])
            #expect(lower.status == 0, "\(lower)")
            // Nor can a confidential clerk lift the default itself.
            for command in [["settings", "set", "clearance", "secret"], ["settings", "unset", "clearance"]] {
                let run = try sandbox.comity(command)
                #expect(run.status == 65 && run.stderr.contains("cleared"), "\(command): \(run)")
            }
            #expect(try CLI.count(sandbox.db, "SELECT count(*) FROM setting WHERE key = 'clearance' AND value = 'confidential'") == 1)
        }
    }

    @Test("a clearance setting that is not a level stops every command until it is set again; check reports it")
    func damagedClearanceFailsClosed() throws {
        try withSandbox { sandbox in
            try Self.confidentialDesk(sandbox)
            for value in ["Confidential", "cosmic", ""] {
                let update = try CLI.sql(sandbox.db, "UPDATE setting SET value = '\(value)' WHERE key = 'clearance'")
                try #require(update.status == 0, "\(update)")
                for command in [["report", "stall", "--as-of", "2011-11-28"], ["request", "list"], ["export"],
                                ["letter", "--all-stalled", "--out-dir", "batch"], ["history", "JP-MHI-2011-009"]] {
                    let run = try sandbox.comity(command)
                    #expect(run.status == 74, "\(value) \(command): \(run)")
                    #expect(run.stdout.isEmpty, "\(value) \(command) printed: \(run.stdout)")
                    #expect(run.stderr.contains("setting */clearance is damaged") && run.stderr.contains("comity settings set clearance"), "\(run.stderr)")
                    #expect(CLI.unclearness(run.stderr).isEmpty, "\(CLI.unclearness(run.stderr))")
                }
                let check = try sandbox.comity(["check"])
                #expect(check.status == 65 && check.stdout.contains("damaged record: setting */clearance"), "\(value): \(check)")
            }
            #expect(try sandbox.comity(["settings", "set", "clearance", "confidential"]).status == 0)
            let report = try sandbox.comity(["report", "stall", "--as-of", "2011-11-28", "--format", "json"])
            #expect(report.status == 0 && report.stdout.contains("\"withheld\":2"), "\(report)")
            #expect(try sandbox.comity(["check"]).status == 0)
        }
    }

    @Test("writes on a request above the clearance are refused by its reference, naming no date of it")
    func writesAboveClearance() throws {
        try withSandbox { sandbox in
            try Self.confidentialDesk(sandbox)
            let withheld = "JP-MHI-2011-009"
            let writes: [[String]] = [
                ["reply", "add", withheld, "--on", "2012-01-05", "--kind", "acknowledgement", "--summary", "Received"],
                ["reply", "add", withheld, "--on", "2011-01-05", "--kind", "acknowledgement", "--summary", "Received"],
                ["request", "follow-up", withheld, "--on", "2012-01-05"],
                ["request", "follow-up", withheld, "--on", "2011-01-05"],
                ["request", "move", withheld, "executed", "--on", "2012-01-05"],
                ["request", "move", withheld, "withdrawn", "--on", "2011-01-01"],
                ["letter", withheld, "--as-of", "2011-11-28"],
                ["letter", withheld, "--as-of", "2011-11-28", "--issue"],
                ["request", "show", withheld, "--explain", "--as-of", "2011-11-28"],
            ]
            for command in writes { try Self.expectRefused(sandbox, command, naming: withheld) }
            // A record above the clerk's own clearance cannot be created either.
            let secretReply = try sandbox.comity(["reply", "add", DemoWorld.mhiRequest, "--on", "2012-01-05", "--kind", "acknowledgement",
                                                  "--summary", "Received", "--classification", "secret"])
            #expect(secretReply.status == 65 && secretReply.stderr.contains("confidential clearance"), "\(secretReply)")
            let inSecretCase = try sandbox.comity(["request", "add", "JP-ZEPHYR-002", "--case", "ZEPHYR-2011", "--from", "JP-NPSC",
                                                   "--to", "CN-MPS", "--channel", "central-authority", "--subject", "More"])
            #expect(inSecretCase.status == 65 && inSecretCase.stderr.contains("case ZEPHYR-2011 is classified above your clearance"), "\(inSecretCase)")
        }
    }

    @Test("an import, a dry run or a backup that would compare or copy records above the clearance is refused without naming them")
    func wholeStoreOperations() throws {
        try withSandbox { sandbox in
            try ClearanceCLITests.world(sandbox)
            let export = try sandbox.comity(["export", "--out", "all.json"])
            try #require(export.status == 0, "\(export)")
            #expect(try sandbox.comity(["settings", "set", "clearance", "confidential"]).status == 0)
            // A guess at the secret reply's summary, to be confirmed by a dry run's differences.
            let text = try String(contentsOf: sandbox.path("all.json"), encoding: .utf8)
            try text.replacingOccurrences(of: "Zephyr reply summary", with: "Zephyr guess").write(to: sandbox.path("guess.json"), atomically: true, encoding: .utf8)
            let before = try CLI.dump(sandbox.db)
            for command in [["import", "guess.json", "--dry-run"], ["import", "guess.json", "--replace"], ["backup", "copy.sqlite"]] {
                let run = try sandbox.comity(command)
                #expect(run.status == 65, "\(command): \(run)")
                #expect(run.stderr.contains("above your clearance (confidential)"), "\(command): \(run.stderr)")
                #expect(!run.stderr.contains("summary") && !run.stdout.contains("summary"), "\(command): \(run)")
                ClearanceCLITests.expectNoSecrets(run.stdout + run.stderr, "\(command)")
            }
            #expect(try CLI.dump(sandbox.db) == before)
            #expect(!FileManager.default.fileExists(atPath: sandbox.path("copy.sqlite").path))

            // Into a store that holds nothing above the clearance, a file holding secret records is refused whole.
            let fresh = sandbox.path("fresh.sqlite").path
            #expect(try sandbox.comity(["init"], db: fresh).status == 0)
            let empty = try CLI.dump(sandbox.path("fresh.sqlite"))
            for extra in [[], ["--dry-run"]] {
                let run = try sandbox.comity(["import", "all.json", "--clearance", "confidential"] + extra, db: fresh)
                #expect(run.status == 65, "\(extra): \(run)")
                #expect(run.stderr.contains("the file holds records classified above your clearance (confidential)"), "\(run.stderr)")
                ClearanceCLITests.expectNoSecrets(run.stdout + run.stderr, "import of secret records")
            }
            #expect(try CLI.dump(sandbox.path("fresh.sqlite")) == empty)
        }
    }
}

/// `check` holds what is stored to the rules the add commands and import apply.
@Suite("comity check and the rules of each record")
struct CheckRulesCLITests {
    @Test("a value edited behind Comity's back that breaks a rule is listed record by record")
    func rulesOnStoredRecords() throws {
        try withSandbox { sandbox in
            try sandbox.loadDemo()
            let clean = try sandbox.comity(["check"])
            #expect(clean.status == 0 && clean.stdout.contains("keeps the rules of its kind"), "\(clean)")
            let edit = try CLI.sql(sandbox.db, """
                UPDATE reply SET summary = 'Planted' || char(65534) WHERE id = 1;
                UPDATE request SET subject = char(7) || 'bell' WHERE reference = '\(DemoWorld.mhiRequest)';
                UPDATE case_file SET title = '' WHERE id = 'MHI-2011';
                """)
            try #require(edit.status == 0, "\(edit)")
            let run = try sandbox.comity(["check"])
            #expect(run.status == 65, "\(run)")
            #expect(run.stdout.contains("breaks a rule: reply 1: the summary contains U+FFFE"), "\(run.stdout)")
            #expect(run.stdout.contains("breaks a rule: request \(DemoWorld.mhiRequest): the subject contains the control character U+0007"), "\(run.stdout)")
            #expect(run.stdout.contains("breaks a rule: case MHI-2011:"), "\(run.stdout)")
            #expect(run.stderr == "comity: check found 3 problems; see the list on standard output\n", "\(run.stderr)")
        }
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// `--clearance` on every document that lets records out: withheld items are counted, never named,
/// and the mark is that of the highest item shown.
@Suite("comity --clearance")
struct ClearanceCLITests {
    /// Text placed only in the withheld records: none of it may appear in any output.
    static let secrets = ["Zephyr", "ZEPHYR", "JP-MHI-2011-009"]

    /// The demo, plus a secret case with a request (`JP-ZEPHYR-001`) and a restricted MHI request
    /// with a secret reply (`JP-MHI-2011-009`); both stalled on 2011-11-28, beside the demo's
    /// restricted MHI request. At confidential, two are withheld and the mark is RESTRICTED.
    static func world(_ sandbox: Sandbox) throws {
        let store = try ComityStore.create(at: sandbox.db.path)
        let on = { (iso: String) throws -> Clerk in Clerk(name: "Sato", today: try CalendarDate(iso: iso)) }
        try DemoWorld.load(into: store, by: try on("2024-01-10"))
        try store.addCase(Case(
            id: "ZEPHYR-2011", title: "Zephyr Lantern inquiry", leadAuthority: "JP-TMPD", offence: "Espionage",
            incidentDate: try CalendarDate(iso: "2011-09-01"), discoveryDate: try CalendarDate(iso: "2011-09-01"), classification: .secret),
            by: try on("2011-09-01"))
        for (reference, caseID, sent) in [("JP-ZEPHYR-001", "ZEPHYR-2011", "2011-10-03"), ("JP-MHI-2011-009", "MHI-2011", "2011-10-05")] {
            try store.addRequest(Request(
                reference: reference, caseID: caseID, fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
                basisID: "JP-CN-MLAT", subject: "Zephyr Harbour servers", items: ["Zephyr logs"], sentDate: try CalendarDate(iso: sent)),
                by: try on(sent))
        }
        try store.addReply(Reply(
            requestReference: "JP-MHI-2011-009", date: try CalendarDate(iso: "2011-10-20"), fromAuthority: "CN-MPS",
            kind: .nonCommittal, summary: "Zephyr reply summary", classification: .secret),
            counterpartReference: "ZEPHYR-REF", by: try on("2011-10-20"))
    }

    static func expectNoSecrets(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "\(what) names a withheld record (\(secret))", sourceLocation: sourceLocation)
        }
    }

    static func report(_ sandbox: Sandbox, _ format: String, _ extra: [String] = ["--clearance", "confidential"]) throws -> String {
        let run = try sandbox.comity(["report", "stall", "--as-of", "2011-11-28", "--format", format,
                                      "--templates", StallGolden.templates.path] + extra)
        #expect(run.status == 0, "\(run)")
        return run.stdout + run.stderr
    }

    @Test("the stall report in every format counts what it withholds and names none of it")
    func stallReport() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let expected = ["text": "2 item(s) above your clearance withheld", "json": "\"withheld\":2",
                            "xml": "withheld=\"2\"", "html": "2 item(s) above the reader's clearance"]
            for (format, count) in expected {
                for brief in [[], ["--before", DemoWorld.nodaVisit]] {
                    let text = try Self.report(sandbox, format, ["--clearance", "confidential"] + brief)
                    #expect(text.contains(count), "\(format) \(brief): \(text)")
                    #expect(text.contains(format == "json" || format == "xml" ? "restricted" : "RESTRICTED"), "\(format) mark")
                    #expect(text.contains(DemoWorld.mhiRequest))
                    Self.expectNoSecrets(text, "report \(format) \(brief)")
                }
            }
            let full = try Self.report(sandbox, "text", ["--clearance", "secret"])
            #expect(full.contains("JP-MHI-2011-009") && full.hasPrefix("SECRET"))
        }
    }

    @Test("the default clearance comes from settings; an unknown level is refused")
    func defaultFromSettings() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            #expect(try Self.report(sandbox, "json", []).contains("\"withheld\":0"))
            let bad = try sandbox.comity(["settings", "set", "clearance", "cosmic"])
            #expect(bad.status == 65)
            #expect(bad.stderr.contains("unclassified, restricted, confidential or secret"))
            #expect(try sandbox.comity(["settings", "set", "clearance", "confidential"]).status == 0)
            let text = try Self.report(sandbox, "json", [])
            #expect(text.contains("\"withheld\":2"))
            Self.expectNoSecrets(text, "report with the default clearance")
            let history = try sandbox.comity(["history", "settings"])
            #expect(history.stdout.contains("clearance for every channel: default → confidential"), "\(history)")
        }
    }

    @Test("a letter above the clearance is refused; a batch leaves it out and counts it")
    func letters() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let refused = try sandbox.comity(["letter", "JP-MHI-2011-009", "--as-of", "2011-11-28", "--clearance", "confidential"])
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("JP-MHI-2011-009") && refused.stdout.isEmpty)
            #expect(!refused.stderr.contains("Zephyr") && !refused.stderr.contains("ZEPHYR"))
            let shown = try sandbox.comity(["request", "show", "JP-ZEPHYR-001", "--explain", "--as-of", "2011-11-28", "--clearance", "restricted"])
            #expect(shown.status == 65 && !shown.stdout.contains("Zephyr"))
            let folder = sandbox.path("letters")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let batch = try sandbox.comity(["letter", "--all-stalled", "--as-of", "2011-11-28", "--out-dir", folder.path,
                                            "--clearance", "confidential", "--templates", StallGolden.templates.path])
            #expect(batch.status == 0, "\(batch)")
            Self.expectNoSecrets(batch.stdout + batch.stderr, "batch messages")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                Self.expectNoSecrets(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), name)
            }
            let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(index.contains("2 stalled requests above your clearance withheld"))
            #expect(index.contains("RESTRICTED"))
        }
    }

    @Test("exports in every format leave out withheld records, state the number and the mark, and import again")
    func exports() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            for format in ["json", "xml", "csv"] {
                let out = sandbox.path("export-\(format)")
                let run = try sandbox.comity(["export", "--format", format, "--out", out.path, "--clearance", "confidential"])
                #expect(run.status == 0, "\(run)")
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: out.path, isDirectory: &isFolder)
                let files = isFolder.boolValue ? try FileManager.default.contentsOfDirectory(atPath: out.path).map { out.appendingPathComponent($0) } : [out]
                let text = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
                Self.expectNoSecrets(text, "\(format) export")
                #expect(text.contains(DemoWorld.mhiRequest))
                switch format {
                // The demo's JAXA case is confidential: the highest level the reader may see.
                case "json": #expect(text.contains("\"version\": 1,\n  \"classification\": \"confidential\",\n  \"withheld\": "))
                case "xml": #expect(text.contains("classification=\"confidential\"") && text.contains("<!-- CONFIDENTIAL -->"))
                default: #expect(text.contains("CONFIDENTIAL\r\nclassification: confidential"))
                }
                #expect(!text.contains("\"withheld\": 0") && !text.contains("withheld=\"0\"") && !text.contains("withheld: 0 "))
                let target = sandbox.path("import-\(format).sqlite")
                #expect(try sandbox.comity(["init"], db: target.path).status == 0)
                let imported = try sandbox.comity(["import", out.path, "--templates", StallGolden.templates.path], db: target.path)
                #expect(imported.status == 0, "\(format): \(imported)")
            }
            let audit = try sandbox.comity(["history", "--audit"])
            #expect(audit.stdout.contains("cleared to confidential"), "\(audit)")
        }
    }

    @Test("the calendar feed leaves out withheld due dates and carries the count and mark")
    func calendar() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let out = sandbox.path("feed.ics")
            let run = try sandbox.comity(["calendar", "--out", out.path, "--clearance", "confidential"], today: "2011-11-28")
            #expect(run.status == 0, "\(run)")
            let ics = try String(contentsOf: out, encoding: .utf8)
            Self.expectNoSecrets(ics, "calendar")
            #expect(ics.contains("X-COMITY-WITHHELD:2\r\n"))
            #expect(ics.contains("X-COMITY-CLASSIFICATION:RESTRICTED\r\n"))
            #expect(ics.contains(DemoWorld.mhiRequest))
        }
    }

    @Test("the request list, plain and stalled, in text and JSON, leaves out withheld requests and counts them")
    func requestList() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            for extra in [[], ["--format", "json"], ["--open"], ["--stalled"]] {
                let run = try sandbox.comity(["request", "list", "--clearance", "confidential"] + extra, today: "2011-11-28")
                #expect(run.status == 0, "\(run)")
                #expect(run.stdout.contains(DemoWorld.mhiRequest), "\(extra): \(run.stdout)")
                Self.expectNoSecrets(run.stdout + run.stderr, "request list \(extra)")
                #expect(run.stderr.contains("2 ") && run.stderr.contains("above your clearance withheld"), "\(extra): \(run.stderr)")
            }
            let all = try sandbox.comity(["request", "list", "--clearance", "secret"], today: "2011-11-28")
            #expect(all.stdout.contains("JP-MHI-2011-009") && all.stdout.contains("JP-ZEPHYR-001"))
            #expect(!all.stderr.contains("withheld"))
        }
    }

    @Test("histories, cases and the audit trail refuse or leave out what is above the clearance")
    func historiesCasesAndAudit() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let low = ["--clearance", "confidential"]
            for id in ["JP-ZEPHYR-001", "JP-MHI-2011-009", "ZEPHYR-2011"] {
                for command in [["history", id], ["case", "show", id]] where command[0] == "history" || id == "ZEPHYR-2011" {
                    let run = try sandbox.comity(command + low, today: "2011-11-28")
                    #expect(run.status == 65, "\(command): \(run)")
                    #expect(run.stdout.isEmpty && run.stderr.contains("above your clearance (confidential)"), "\(command): \(run.stderr)")
                    #expect(!run.stderr.contains("Zephyr Harbour") && !run.stderr.contains("Zephyr reply"), "\(command) names only the id")
                }
            }
            let mhi = try sandbox.comity(["history", "MHI-2011"] + low, today: "2011-11-28")
            #expect(mhi.status == 0, "\(mhi)")
            #expect(try sandbox.comity(["history", "JP-ZEPHYR-001", "--clearance", "secret"], today: "2011-11-28").status == 0)

            let cases = try sandbox.comity(["case", "list"] + low, today: "2011-11-28")
            #expect(cases.status == 0 && cases.stdout.contains("MHI-2011"), "\(cases)")
            Self.expectNoSecrets(cases.stdout + cases.stderr, "case list")
            #expect(cases.stderr.contains("1 case(s) above your clearance withheld"))
            let show = try sandbox.comity(["case", "show", "MHI-2011", "--format", "json"] + low, today: "2011-11-28")
            #expect(show.status == 0 && show.stdout.contains(DemoWorld.mhiRequest), "\(show)")
            Self.expectNoSecrets(show.stdout + show.stderr, "case show")
            #expect(show.stderr.contains("1 request(s) above your clearance withheld"))

            let out = sandbox.path("zephyr.json")
            #expect(try sandbox.comity(["export", "--case", "ZEPHYR-2011", "--out", out.path, "--clearance", "secret"], today: "2011-11-28").status == 0)
            let audit = try sandbox.comity(["history", "--audit"] + low, today: "2011-11-28")
            #expect(audit.status == 0, "\(audit)")
            Self.expectNoSecrets(audit.stdout, "audit trail")
            #expect(audit.stderr.contains("1 export(s) or correction(s) of records above your clearance withheld"))
            #expect(try sandbox.comity(["history", "--audit"], today: "2011-11-28").stdout.contains("ZEPHYR-2011"))
        }
    }

    @Test("the letter register and an issued letter refuse or leave out what is above the clearance")
    func letterRegister() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let issue = { (reference: String) throws -> String in
                let run = try sandbox.comity(["letter", reference, "--as-of", "2011-11-28", "--issue", "--clearance", "secret",
                                              "--templates", StallGolden.templates.path], today: "2011-11-28")
                #expect(run.status == 0, "\(run)")
                let list = try sandbox.comity(["letter", "list", reference, "--format", "json"], today: "2011-11-28")
                return try #require(list.stdout.split(separator: "\"").first { $0.contains("/2011/") }.map(String.init))
            }
            let secret = try issue("JP-MHI-2011-009")
            let plain = try issue(DemoWorld.mhiRequest)
            let low = ["--clearance", "confidential"]
            for command in [["letter", "list", "JP-MHI-2011-009"], ["letter", "show", secret], ["letter", "show", secret, "--info"]] {
                let run = try sandbox.comity(command + low, today: "2011-11-28")
                #expect(run.status == 65 && run.stdout.isEmpty, "\(command): \(run)")
                #expect(run.stderr.contains("above your clearance (confidential)"))
                #expect(!run.stderr.contains("Zephyr"))
            }
            let list = try sandbox.comity(["letter", "list", DemoWorld.mhiRequest] + low, today: "2011-11-28")
            #expect(list.status == 0 && list.stdout.contains(plain), "\(list)")
            let show = try sandbox.comity(["letter", "show", plain, "--info"] + low, today: "2011-11-28")
            #expect(show.status == 0 && show.stdout.contains(plain), "\(show)")
            #expect(try sandbox.comity(["letter", "show", secret, "--info"], today: "2011-11-28").status == 0)
        }
    }

    @Test("replies of a request above the clearance, and a reply above it, are refused by reference or id alone")
    func replies() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let low = ["--clearance", "confidential"]
            let list = try sandbox.comity(["reply", "list", "JP-MHI-2011-009", "--format", "json"], today: "2011-11-28")
            let idField = list.stdout.split(separator: ",").first { $0.contains("\"id\"") }
            let id = try #require(idField).filter(\.isNumber)
            for command in [["reply", "list", "JP-MHI-2011-009"], ["reply", "show", String(id)]] {
                let run = try sandbox.comity(command + low, today: "2011-11-28")
                #expect(run.status == 65 && run.stdout.isEmpty, "\(command): \(run)")
                #expect(run.stderr.contains("above your clearance (confidential)") && !run.stderr.contains("Zephyr"), "\(run.stderr)")
            }
            let plain = try sandbox.comity(["reply", "list", DemoWorld.mhiRequest] + low, today: "2011-11-28")
            #expect(plain.status == 0 && !plain.stdout.isEmpty, "\(plain)")
            #expect(try sandbox.comity(["reply", "show", String(id)], today: "2011-11-28").stdout.contains("Zephyr reply summary"))
        }
    }
}

import Foundation
import Testing

/// One wrong command line and how `comity` must refuse it.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// What `--db` points at.
    enum Database: Sendable { case demo, missing, text, empty, foreign, folder }

    var label: String
    var arguments: [String]
    var status: Int32
    /// A phrase the one-line message must contain.
    var phrase: String
    var database: Database = .demo
    var today: String? = "2024-01-10"
    var actor: String? = "Sato"

    var testDescription: String { label }

    init(_ label: String, _ arguments: [String], _ status: Int32, _ phrase: String,
         database: Database = .demo, today: String? = "2024-01-10", actor: String? = "Sato") {
        self.label = label
        self.arguments = arguments
        self.status = status
        self.phrase = phrase
        self.database = database
        self.today = today
        self.actor = actor
    }
}

/// Arguments for a valid Japan→China request in the MHI case, to be spoiled one at a time.
private func request(_ reference: String = "JP-NEW-001", replacing changes: [String: String] = [:], adding extra: [String] = []) -> [String] {
    var options: [(String, String)] = [
        ("--case", "MHI-2011"), ("--from", "JP-NPSC"), ("--to", "CN-MPS"), ("--channel", "central-authority"),
        ("--basis", "JP-CN-MLAT"), ("--subject", "Logs of the command servers"), ("--sent", "2013-01-15"),
    ]
    options = options.compactMap { key, value in
        guard let changed = changes[key] else { return (key, value) }
        return changed.isEmpty ? nil : (key, changed)
    }
    return ["request", "add", reference] + options.flatMap { [$0.0, $0.1] } + extra
}

/// Arguments for a valid reply to the JAXA request, to be spoiled one at a time.
private func reply(_ extra: [String] = [], to reference: String = "JP-JAXA-2021-001", on date: String = "2021-05-01", kind: String = "interim-status") -> [String] {
    ["reply", "add", reference, "--on", date, "--kind", kind, "--summary", "Being examined"] + extra
}

/// Arguments for a valid case, to be spoiled one at a time.
private func newCase(_ extra: [String] = [], title: String = "An intrusion", lead: String = "JP-TMPD",
                     incident: String = "2023-01-01", discovered: String = "2023-01-05") -> [String] {
    ["case", "add", "C-NEW", "--title", title, "--lead", lead, "--offence", "Unauthorised access",
     "--incident", incident, "--discovered", discovered] + extra
}

private func engagement(_ id: String = "E-NEW", start: String = "2012-05-02", end: String = "2012-05-03", level: String = "working", counterpart: String = "CN") -> [String] {
    ["engagement", "add", id, "--counterpart", counterpart, "--start", start, "--end", end, "--level", level, "--title", "Talks"]
}

private func basis(_ parties: [String] = ["JP:2012-11-01"], id: String = "B-NEW", kind: String = "convention", extra: [String] = []) -> [String] {
    ["basis", "add", id, "--instrument", "An instrument", "--kind", kind] + parties.flatMap { ["--party", $0] } + extra
}

private let badInputs: [BadInput] = [
    // Dates that do not exist or cannot be read: refused while parsing the command line.
    BadInput("impossible date 2011-02-30", request(replacing: ["--sent": "2011-02-30"]), 64, "February 2011 has 28 days"),
    BadInput("month 13", reply(on: "2011-13-01"), 64, "there is no month 13"),
    BadInput("date 0000-00-00", newCase(incident: "0000-00-00"), 64, "outside the years Comity accepts"),
    BadInput("date in the wrong format", engagement(start: "30/09/2011"), 64, "is not a date; write it as YYYY-MM-DD"),
    BadInput("impossible --today", ["party", "add", "GB"], 64, "February 2024 has 29 days", today: "2024-02-30"),
    BadInput("impossible date in a party binding", basis(["JP:2012-02-30"]), 64, "February 2012 has 29 days"),

    // Dates after today.
    BadInput("reply dated after today", reply(on: "2024-02-01"), 65, "after today (2024-01-10)"),
    BadInput("request sent after today", request(replacing: ["--sent": "2024-01-11"]), 65, "after today (2024-01-10)"),
    BadInput("case discovered after today", newCase(discovered: "2025-01-01"), 65, "after today (2024-01-10)"),
    BadInput("move dated after today", ["request", "move", "JP-JAXA-2021-001", "withdrawn", "--on", "2024-06-01"], 65, "after today (2024-01-10)"),

    // Country codes.
    BadInput("unknown party code XX", ["party", "add", "XX"], 65, "'XX' is not an ISO 3166-1 alpha-2 country code"),
    BadInput("unknown party code xx for an authority", ["authority", "add", "XX-1", "--party", "xx", "--name", "N", "--role", "police"], 65, "'xx' is not an ISO 3166-1 alpha-2 country code"),
    BadInput("unknown counterpart code", engagement(counterpart: "XX"), 65, "'XX' is not an ISO 3166-1 alpha-2 country code"),
    BadInput("unknown code in a binding", basis(["XX:2012-11-01"]), 65, "'XX' is not an ISO 3166-1 alpha-2 country code"),
    BadInput("lower case is upper-cased, then found a duplicate", ["party", "add", "jp"], 65, "a party 'JP' is already recorded"),
    BadInput("real code, party not recorded", ["authority", "add", "GB-HO", "--party", "gb", "--name", "Home Office", "--role", "police"], 66, "no party 'GB' is recorded"),

    // Records that do not exist.
    BadInput("unknown sending authority", request(replacing: ["--from": "JP-NOPE"]), 66, "no authority 'JP-NOPE' is recorded"),
    BadInput("unknown case", request(replacing: ["--case": "NOPE-CASE"]), 66, "no case 'NOPE-CASE' is recorded"),
    BadInput("unknown legal basis", request(replacing: ["--basis": "NOPE-BASIS"]), 66, "no legal basis 'NOPE-BASIS' is recorded"),
    BadInput("unknown lead authority", newCase(lead: "JP-NOPE"), 66, "no authority 'JP-NOPE' is recorded"),
    BadInput("move an unknown request", ["request", "move", "JP-NOPE-001", "withdrawn", "--on", "2023-01-01"], 66, "no request 'JP-NOPE-001' is recorded"),
    BadInput("reply to an unknown request", reply(to: "JP-NOPE-001"), 66, "no request 'JP-NOPE-001' is recorded"),
    BadInput("reply from an unknown authority", reply(["--from", "CN-NOPE"]), 66, "no authority 'CN-NOPE' is recorded"),
    BadInput("reschedule an unknown engagement", ["engagement", "reschedule", "E-NOPE", "--start", "2012-01-01"], 66, "no engagement 'E-NOPE' is recorded"),
    BadInput("history of an unknown record", ["history", "NOPE"], 66, "no record 'NOPE' is recorded"),
    BadInput("show an unknown reply", ["reply", "show", "999"], 66, "no reply '999' is recorded"),

    // Duplicate identifiers.
    BadInput("duplicate request", request("JP-MHI-2011-001"), 65, "a request 'JP-MHI-2011-001' is already recorded"),
    BadInput("duplicate case", newCase().map { $0 == "C-NEW" ? "MHI-2011" : $0 }, 65, "a case 'MHI-2011' is already recorded"),
    BadInput("duplicate legal basis", basis(id: "BUDAPEST"), 65, "a legal basis 'BUDAPEST' is already recorded"),
    BadInput("duplicate engagement", engagement("NODA-BEIJING-2011"), 65, "'NODA-BEIJING-2011' is already recorded"),
    BadInput("duplicate authority", ["authority", "add", "JP-NPA", "--party", "JP", "--name", "N", "--role", "police"], 65, "'JP-NPA' is already recorded"),

    // Moves the state machine refuses.
    BadInput("acknowledged to executed", ["request", "move", "JP-MHI-2011-001", "executed", "--on", "2012-01-01"], 67,
             "cannot move from acknowledged to executed; moves allowed from acknowledged: under-execution, supplement-requested, postponed, conditions-proposed, refused, withdrawn, lapsed"),
    BadInput("move from a final state", ["request", "move", "JP-JPS-2015-001", "withdrawn", "--on", "2019-01-01"], 67, "none, lapsed is final"),
    BadInput("transmitted back to drafted", ["request", "move", "JP-JAXA-2021-001", "drafted", "--on", "2021-05-01"], 67, "cannot move from transmitted to drafted"),
    BadInput("reply implying a refused move", reply(to: "JP-US-2013-001", on: "2013-04-01", kind: "postponement"), 67, "cannot move from under-execution to postponed"),

    // Chronology.
    BadInput("reply before the request was sent", reply(on: "2021-04-19", kind: "acknowledgement"), 65, "before request JP-JAXA-2021-001 was sent on 2021-04-20"),
    BadInput("move before the last recorded change", ["request", "move", "JP-MHI-2011-001", "under-execution", "--on", "2011-10-01"], 65, "before the last recorded change"),
    BadInput("request sent before its case was discovered", request(replacing: ["--sent": "2011-08-01"]), 65, "before case MHI-2011 began on 2011-08-11"),
    BadInput("reply to a request in a final state", reply(to: "JP-JPS-2015-001", on: "2019-01-01"), 65, "is lapsed, a final state"),
    BadInput("preserved data expiring before sending", request(adding: ["--preserved-until", "2013-01-01"]), 65, "check --preserved-until"),
    BadInput("case discovered before its incident", newCase(incident: "2023-02-01", discovered: "2023-01-05"), 65, "before its incident on 2023-02-01"),

    // Legal bases.
    BadInput("Budapest for Japan→China", request(replacing: ["--basis": "BUDAPEST"]), 65, "China (CN) is not a party"),
    BadInput("Budapest for Japan→US before 2012-11-01", request(replacing: ["--basis": "BUDAPEST", "--to": "US-DOJ", "--sent": "2012-06-01"]), 65, "it is in force for JP from 2012-11-01"),
    BadInput("bad --party binding syntax", basis(["JP2012-11-01"]), 65, "is not a party binding; write it as CC:YYYY-MM-DD"),
    BadInput("bad period text", basis(extra: ["--period", "thirty days or so"]), 65, "is not a period"),
    BadInput("zero-day period", basis(extra: ["--period", "0"]), 65, "is not a period"),
    BadInput("basis binding no party", basis([]), 65, "binds no party"),

    // Replies.
    BadInput("reply from the wrong party", reply(["--from", "JP-NPA"]), 65, "went to CN; give an authority of CN with --from"),
    BadInput("promised date before the reply", reply(["--promised", "2021-04-30"]), 65, "is not after the reply of 2021-05-01"),
    BadInput("refusal grounds on a non-refusal", reply(["--grounds", "political-offence"]), 65, "give --grounds only with --kind refusal"),
    BadInput("unknown refusal ground", reply(["--grounds", "dual-criminality,because"], kind: "refusal"), 65, "'because' is not a valid refusal ground"),

    // Unknown enum values.
    BadInput("unknown channel", request(replacing: ["--channel": "carrier-pigeon"]), 65, "'carrier-pigeon' is not a valid channel"),
    BadInput("unknown state in a move", ["request", "move", "JP-MHI-2011-001", "flying", "--on", "2012-01-01"], 65, "'flying' is not a valid state"),
    BadInput("unknown state in a listing", ["request", "list", "--state", "stalled"], 65, "'stalled' is not a valid state"),
    BadInput("unknown reply kind", reply(kind: "maybe"), 65, "'maybe' is not a valid reply kind"),
    BadInput("unknown role", ["authority", "add", "JP-X", "--party", "JP", "--name", "N", "--role", "chef"], 65, "'chef' is not a valid role"),
    BadInput("unknown level", engagement(level: "emperor"), 65, "'emperor' is not a valid level"),
    BadInput("unknown classification", newCase(["--classification", "top-secret"]), 65, "'top-secret' is not a valid classification"),
    BadInput("unknown basis kind", basis(kind: "treaty"), 65, "'treaty' is not a valid kind"),
    BadInput("unknown urgency", request(adding: ["--urgency", "asap"]), 65, "'asap' is not a valid urgency"),

    // Text.
    BadInput("empty subject", request(replacing: ["--subject": "   "]), 65, "the subject is empty"),
    BadInput("control characters in a title", newCase(title: "Bad\u{07}title"), 65, "the case title contains the control character U+0007"),
    BadInput("control characters in a reference", request("JP-\u{1B}[31m-001"), 65, "is not a valid request reference"),
    BadInput("flood of text as a code", ["party", "add", String(repeating: "A", count: 5000)], 65, "AAAA…' is not an ISO 3166-1"),
    BadInput("sent to its own state", request(replacing: ["--to": "JP-NPA", "--basis": ""]), 65, "both of JP"),
    BadInput("sent by the other state", request(replacing: ["--from": "CN-MOJ"]), 65, "case MHI-2011 is JP's"),

    // Engagements.
    BadInput("engagement ending before it starts", engagement(start: "2012-05-02", end: "2012-05-01"), 65, "ends on 2012-05-01, before it starts on 2012-05-02"),
    BadInput("reschedule to the same dates", ["engagement", "reschedule", "NODA-BEIJING-2011", "--start", "2011-12-25", "--end", "2011-12-26"], 65, "already set"),

    // Database files.
    BadInput("--db at a missing file", ["party", "list"], 74, "no Comity database at", database: .missing),
    BadInput("--db at a missing file, writing", ["party", "add", "JP"], 74, "run 'comity init'", database: .missing),
    BadInput("--db at a text file", ["request", "list"], 74, "is not a Comity database (it is not an SQLite file)", database: .text),
    BadInput("--db at an empty file", ["party", "add", "JP"], 74, "is not a Comity database (it is empty)", database: .empty),
    BadInput("--db at another program's database", ["party", "list"], 74, "it is an SQLite database of another program", database: .foreign),
    BadInput("--db at a folder", ["party", "list"], 74, "is not a Comity database (it is a folder)", database: .folder),
    BadInput("init over an existing file", ["init"], 65, "already exists"),
    BadInput("init over a text file", ["init"], 65, "already exists", database: .text),
    BadInput("demo over an existing file", ["demo"], 65, "already exists"),

    // Usage.
    BadInput("missing required option", ["request", "add", "JP-NEW-001", "--case", "MHI-2011"], 64, "Missing expected argument"),
    BadInput("unknown option", ["party", "list", "--colour"], 64, "Unknown option '--colour'"),
    BadInput("unknown --format", ["party", "list", "--format", "xml"], 64, "'xml' is invalid for '--format"),
    BadInput("reply id that is not a number", ["reply", "show", "first"], 64, "first"),
    BadInput("empty --actor", ["party", "add", "GB"], 64, "the actor name must be 1 to 100 printable characters", actor: ""),
]

@Suite("Bad input is refused with one line, an exit code and no change")
struct BadInputTests {
    @Test("there are at least 25 bad inputs, each with a distinct label")
    func enough() {
        #expect(badInputs.count >= 25)
        #expect(Set(badInputs.map(\.label)).count == badInputs.count)
    }

    @Test("bad input", arguments: badInputs)
    func refused(input: BadInput) throws {
        try withSandbox { box in
            let db: URL
            switch input.database {
            case .demo:
                db = box.db
                try box.loadDemo()
            case .missing:
                db = box.path("missing.sqlite")
            case .text:
                db = box.path("notes.txt")
                try Data("MHI,2011-09-30,transmitted\n".utf8).write(to: db)
            case .empty:
                db = box.path("empty.sqlite")
                try #require(FileManager.default.createFile(atPath: db.path, contents: Data()))
            case .foreign:
                db = box.path("other.sqlite")
                let made = try CLI.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [db.path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');"],
                                       in: box.url, environment: CLI.environment([:]))
                try #require(made.status == 0, "\(made)")
            case .folder:
                db = box.path("folder.sqlite")
                try FileManager.default.createDirectory(at: db, withIntermediateDirectories: false)
            }
            let before = try state(of: db, input.database)
            let entriesBefore = try FileManager.default.contentsOfDirectory(atPath: box.url.path).filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }

            let result = try box.comity(input.arguments, db: db.path, today: input.today, actor: input.actor)

            #expect(result.status == input.status, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderr.hasPrefix("comity: "), "\(result)")
            #expect(result.stderr.hasSuffix("\n"))
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "more than one line: \(result.stderr)")
            #expect(result.stderr.contains(input.phrase), "\(result.stderr)")
            let message = result.stderr.dropLast()
            #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "raw control characters in \(result.stderr.debugDescription)")
            #expect(message.count <= 400, "the message is \(message.count) characters long")

            #expect(try state(of: db, input.database) == before, "the database changed")
            let entriesAfter = try FileManager.default.contentsOfDirectory(atPath: box.url.path).filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
            #expect(Set(entriesAfter) == Set(entriesBefore), "files appeared or vanished: \(entriesAfter)")
        }
    }

    /// Values that could garble a terminal must not be echoed raw in the error line.
    static let hostile: [(String, [String])] = [
        ("escape in a party code", ["party", "add", "J\u{1B}[2JP"]),
        ("escape in a reference", ["request", "show", "JP-\u{1B}]0;owned\u{07}"]),
        ("escape in a case id", ["case", "show", "C\u{1B}[31m"]),
    ]

    @Test("hostile values are shown with their control characters replaced", arguments: hostile)
    func hostileEchoed(label: String, arguments: [String]) throws {
        try withSandbox { box in
            try box.loadDemo()
            let result = try box.comity(arguments)
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("comity: "))
            #expect(!result.stderr.dropLast().unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(result.stderr.debugDescription)")
        }
    }

    static let hostileUnfiltered: [(String, [String])] = [
        ("escape in a party binding", basis(["JP\u{1B}[31m"])),
        ("escape in a date", reply(on: "2021\u{1B}[2J")),
        ("escape in --format", ["party", "list", "--format", "j\u{1B}[2Json"]),
    ]

    @Test("hostile values in bindings, dates and ArgumentParser messages are filtered too",
          arguments: hostileUnfiltered)
    func hostileUnfilteredEchoed(label: String, arguments: [String]) throws {
        try withSandbox { box in
            try box.loadDemo()
            let result = try box.comity(arguments)
            #expect(result.status != 0)
            #expect(!result.stderr.dropLast().unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(result.stderr.debugDescription)")
        }
    }

    /// The database as text (`sqlite3 .dump`), the file's bytes, or whether it exists.
    private func state(of db: URL, _ kind: BadInput.Database) throws -> String {
        switch kind {
        case .demo, .foreign: return try CLI.dump(db)
        case .text, .empty: return try Data(contentsOf: db).base64EncodedString()
        case .missing: return FileManager.default.fileExists(atPath: db.path) ? "exists" : "absent"
        case .folder: return try FileManager.default.contentsOfDirectory(atPath: db.path).joined(separator: "\n")
        }
    }
}

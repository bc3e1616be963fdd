import Foundation
import Testing

/// The `comity` binary, run as a clerk would: stdout, stderr and exit code.
@Suite("comity command line")
struct CLITests {
    @Test("the built binary is found and documents its exit codes")
    func help() throws {
        let binary = try #require(CLI.binary)
        #expect(binary.lastPathComponent == "comity")
        try withSandbox { box in
            let result = try box.comity(["--help"], db: nil, today: nil, actor: nil)
            #expect(result.status == 0, "\(result)")
            let text = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for code in ["0 success", "64 usage error", "65 invalid data", "66 not found", "67 move not allowed", "74 database or output error"] {
                #expect(text.contains(code), "help lacks '\(code)'")
            }
            #expect(result.stderr.isEmpty)
        }
    }

    // MARK: - Demo

    @Test("demo creates the three cases, then lists, histories and the rescheduled visit read as reported")
    func demo() throws {
        try withSandbox { box in
            let created = try box.comity(["demo"])
            #expect(created.status == 0, "\(created)")
            #expect(created.stdout == "created \(box.db.path) with 4 cases, 4 requests, 3 replies and 1 engagement(s)\n")
            #expect(created.stderr.isEmpty)

            let list = try box.comity(["request", "list"])
            #expect(list.status == 0 && list.stderr.isEmpty, "\(list)")
            #expect(list.lines.count == 5)
            #expect(list.lines.first?.hasPrefix("REFERENCE") == true)
            // China's request to us, invented for the demo, is named from our side.
            #expect(list.lines.first { $0.hasPrefix("JP-IN-2011-001 ") }?.contains(" in  ") == true, "\(list.stdout)")
            for (reference, state) in [("JP-MHI-2011-001", "acknowledged"), ("JP-JPS-2015-001", "lapsed"), ("JP-JAXA-2021-001", "transmitted"),
                                       ("JP-IN-2011-001", "under-assessment")] {
                let row = list.lines.first { $0.hasPrefix(reference + " ") }
                #expect(row?.contains(" \(state) ") == true, "no row for \(reference) in \(state)")
            }

            let history = try box.comity(["history", "JP-MHI-2011-001"])
            #expect(history.status == 0 && history.stderr.isEmpty, "\(history)")
            let implied = history.lines.first { $0.contains("transmitted → acknowledged") }
            #expect(implied?.hasPrefix("2011-10-14") == true, "\(history.stdout)")
            #expect(implied?.contains("implied by the non-committal reply of 2011-10-14") == true)
            #expect(history.lines.contains { $0.hasPrefix("2011-10-14") && $0.contains("reply") && $0.contains("non-committal") })
            #expect(history.lines.contains { $0.contains("in-clearance → transmitted") && $0.hasPrefix("2011-09-30") })

            let show = try box.comity(["engagement", "show", "NODA-BEIJING-2011"])
            #expect(show.status == 0 && show.stderr.isEmpty, "\(show)")
            let fields = Dictionary(show.lines.map { line -> (String, String) in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }, uniquingKeysWith: { first, _ in first })
            #expect(fields["start"] == "2011-12-25")
            #expect(fields["end"] == "2011-12-26")
            #expect(fields["level"] == "leaders")
            #expect(fields["with"] == "CN")

            let visit = try box.comity(["history", "NODA-BEIJING-2011"])
            #expect(visit.status == 0 && visit.stderr.isEmpty, "\(visit)")
            let moved = visit.lines.first { $0.contains("rescheduled") }
            #expect(moved?.contains("from 2011-12-12–2011-12-13 to 2011-12-25–2011-12-26") == true, "\(visit.stdout)")
            #expect(visit.lines.contains { $0.contains("created") && $0.contains("2011-12-12–2011-12-13") })
        }
    }

    @Test("demo refuses to overwrite an existing database")
    func demoOverExisting() throws {
        try withSandbox { box in
            try box.loadDemo()
            let before = try CLI.dump(box.db)
            let again = try box.comity(["demo"])
            #expect(again.status == 65, "\(again)")
            #expect(again.stderr.hasPrefix("comity: ") && again.stderr.contains("already exists"))
            #expect(again.stdout.isEmpty)
            #expect(try CLI.dump(box.db) == before)
        }
    }

    // MARK: - JSON

    /// A listing, the keys each of its records must have, and the optional ones it may leave out.
    /// Newer fields may appear beside these.
    struct Listing: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var required: Set<String>
        var optional: Set<String> = []
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let listings: [Listing] = [
        .init(arguments: ["party", "list"], required: ["code", "name", "formalName"]),
        .init(arguments: ["authority", "list"], required: ["id", "party", "name", "role", "head"]),
        .init(arguments: ["basis", "list"], required: ["id", "instrument", "kind", "parties", "note"], optional: ["responsePeriod"]),
        .init(arguments: ["case", "list"],
              required: ["id", "title", "leadAuthority", "offence", "discoveryDate", "classification", "note"],
              optional: ["incidentDate", "limitationDate"]),
        .init(arguments: ["request", "list"],
              required: ["reference", "caseID", "fromAuthority", "toAuthority", "channel", "subject", "items", "urgency",
                         "classification", "state", "note"],
              optional: ["basisID", "sentDate", "counterpartReference", "preservedUntil"]),
        .init(arguments: ["engagement", "list"], required: ["id", "counterpart", "startDate", "endDate", "level", "title", "place", "note"]),
        .init(arguments: ["reply", "list", "JP-MHI-2011-001"],
              required: ["id", "requestReference", "date", "kind", "summary", "refusalGrounds", "classification"],
              optional: ["fromAuthority", "promisedDate"]),
        .init(arguments: ["history", "JP-MHI-2011-001"],
              required: ["id", "subjectType", "subjectID", "action", "date", "recordedOn", "actor", "note"],
              optional: ["fromState", "toState", "replyID"]),
    ]

    @Test("--format json listings decode as JSON with the documented keys", arguments: listings)
    func jsonListing(listing: Listing) throws {
        try withSandbox { box in
            try box.loadDemo()
            let result = try box.comity(listing.arguments + ["--format", "json"])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
            #expect(result.stdout.hasSuffix("\n"))
            let records = try #require(try decodeJSON(result.stdout) as? [[String: Any]], "not a JSON array of objects")
            #expect(!records.isEmpty)
            for record in records {
                let keys = Set(record.keys)
                #expect(keys.isSuperset(of: listing.required), "missing \(listing.required.subtracting(keys))")
            }
        }
    }

    @Test("JSON values: ISO dates, raw enum values, absent optionals left out")
    func jsonValues() throws {
        try withSandbox { box in
            try box.loadDemo()
            let requests = try #require(try decodeJSON(try box.comity(["request", "list", "--format", "json"]).stdout) as? [[String: Any]])
            let mhi = try #require(requests.first { $0["reference"] as? String == "JP-MHI-2011-001" })
            #expect(mhi["state"] as? String == "acknowledged")
            #expect(mhi["sentDate"] as? String == "2011-09-30")
            #expect(mhi["channel"] as? String == "central-authority")
            #expect((mhi["items"] as? [String])?.count == 3)

            // Absent optional values are left out, not written as null.
            let added = try box.comity(["case", "add", "C-OPEN", "--title", "No limitation", "--lead", "JP-NPA", "--offence", "O",
                                        "--incident", "2023-01-01", "--discovered", "2023-01-02"])
            #expect(added.status == 0, "\(added)")
            let draft = try box.comity(["request", "add", "R-DRAFT", "--case", "C-OPEN", "--from", "JP-NPA", "--to", "CN-MPS",
                                        "--channel", "police-to-police", "--subject", "Logs"])
            #expect(draft.status == 0, "\(draft)")
            let drafts = try #require(try decodeJSON(try box.comity(["request", "list", "--state", "drafted", "--format", "json"]).stdout) as? [[String: Any]])
            let bare = try #require(drafts.first)
            #expect(drafts.count == 1 && bare["reference"] as? String == "R-DRAFT")
            for key in ["basisID", "sentDate", "counterpartReference", "preservedUntil"] {
                #expect(bare[key] == nil, "\(key) should be left out")
            }
            #expect(bare["state"] as? String == "drafted")
            #expect((bare["items"] as? [Any])?.isEmpty == true)

            let cases = try #require(try decodeJSON(try box.comity(["case", "list", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(cases.first { $0["id"] as? String == "JPS-2015" }?["limitationDate"] as? String == "2018-05-08")
            #expect(cases.first { $0["id"] as? String == "C-OPEN" }.map { $0["limitationDate"] == nil } == true)

            let bases = try #require(try decodeJSON(try box.comity(["basis", "list", "--format", "json"]).stdout) as? [[String: Any]])
            let budapest = try #require(bases.first { $0["id"] as? String == "BUDAPEST" })
            let parties = try #require(budapest["parties"] as? [[String: Any]])
            #expect(parties.contains { $0["party"] as? String == "JP" && $0["from"] as? String == "2012-11-01" })
            #expect(!parties.contains { $0["party"] as? String == "CN" })

            let show = try box.comity(["request", "show", "JP-MHI-2011-001", "--format", "json"])
            let detail = try #require(try decodeJSON(show.stdout) as? [String: Any])
            #expect(Set(detail.keys) == ["request", "direction", "replies", "allowedMoves"])
            #expect(detail["direction"] as? String == "outgoing")
            #expect(detail["allowedMoves"] as? [String] == [
                "under-execution", "supplement-requested", "postponed", "conditions-proposed", "refused", "withdrawn", "lapsed",
            ])
            #expect((detail["replies"] as? [[String: Any]])?.first?["kind"] as? String == "non-committal")

            let history = try #require(try decodeJSON(try box.comity(["history", "JP-MHI-2011-001", "--format", "json"]).stdout) as? [[String: Any]])
            let implied = try #require(history.last)
            #expect(implied["action"] as? String == "moved")
            #expect(implied["fromState"] as? String == "transmitted")
            #expect(implied["toState"] as? String == "acknowledged")
            #expect(implied["date"] as? String == "2011-10-14")
            #expect(implied["replyID"] as? Int != nil)
        }
    }

    // MARK: - A clerk's day

    @Test("a full clerk workflow, from init to an executed request, with --today and --actor in the history")
    func workflow() throws {
        try withSandbox { box in
            func ok(_ arguments: [String], today: String = "2024-01-10", actor: String = "Sato", _ expected: String) throws {
                let result = try box.comity(arguments, today: today, actor: actor)
                #expect(result.status == 0, "\(arguments): \(result)")
                #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
                #expect(result.stdout == expected + "\n", "\(arguments)")
            }
            try ok(["init"], "created \(box.db.path)")
            try ok(["party", "add", "jp"], "recorded party JP (Japan)")
            try ok(["party", "add", "CN", "--formal-name", "People's Republic of China"], "recorded party CN (China)")
            try ok(["authority", "add", "JP-NPA", "--party", "JP", "--name", "National Police Agency", "--role", "police"],
                   "recorded authority JP-NPA (National Police Agency)")
            try ok(["authority", "add", "JP-MOJ", "--party", "jp", "--name", "Ministry of Justice", "--role", "central-authority"],
                   "recorded authority JP-MOJ (Ministry of Justice)")
            try ok(["authority", "add", "CN-MPS", "--party", "cn", "--name", "Ministry of Public Security", "--role", "Central-Authority"],
                   "recorded authority CN-MPS (Ministry of Public Security)")
            try ok(["basis", "add", "JP-CN-MLAT", "--instrument", "Japan–China MLA Treaty", "--kind", "bilateral-treaty",
                    "--period", "30 calendar", "--party", "JP:2008-11-23", "--party", "cn:2008-11-23"],
                   "recorded legal basis JP-CN-MLAT (Japan–China MLA Treaty)")
            try ok(["case", "add", "C-2023", "--title", "Intrusion into a contractor", "--lead", "JP-NPA",
                    "--offence", "Unauthorised computer access", "--incident", "2023-01-02", "--discovered", "2023-01-05",
                    "--limitation", "2028-01-02", "--classification", "confidential"],
                   "recorded case C-2023 (Intrusion into a contractor)")
            try ok(["request", "add", "R-2023-001", "--case", "C-2023", "--from", "JP-MOJ", "--to", "CN-MPS",
                    "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Logs of the command servers",
                    "--item", "Preserve the logs", "--item", "Identify the operator", "--urgency", "urgent"],
                   today: "2023-01-20", "recorded request R-2023-001, now drafted")
            try ok(["request", "move", "R-2023-001", "in-clearance", "--on", "2023-01-25"], today: "2023-01-25", actor: "Tanaka",
                   "moved R-2023-001 from drafted to in-clearance on 2023-01-25")
            try ok(["request", "move", "R-2023-001", "transmitted", "--on", "2023-02-01", "--note", "by courier"], today: "2023-02-02",
                   "moved R-2023-001 from in-clearance to transmitted on 2023-02-01")
            try ok(["reply", "add", "R-2023-001", "--on", "2023-02-10", "--kind", "acknowledgement", "--from", "CN-MPS",
                    "--summary", "Received", "--their-ref", "MPS-2023-17"], today: "2023-02-11",
                   "recorded reply 1 to R-2023-001 (now acknowledged)")
            try ok(["request", "move", "R-2023-001", "under-execution", "--on", "2023-03-01"], today: "2023-03-01",
                   "moved R-2023-001 from acknowledged to under-execution on 2023-03-01")
            try ok(["reply", "add", "R-2023-001", "--on", "2023-04-01", "--kind", "partial-results", "--summary", "Logs provided",
                    "--promised", "2023-05-01"], today: "2023-04-02", "recorded reply 2 to R-2023-001 (now partially-executed)")
            try ok(["reply", "add", "R-2023-001", "--on", "2023-05-01", "--kind", "full-results", "--summary", "Operator identified"],
                   today: "2023-05-01", actor: "Tanaka", "recorded reply 3 to R-2023-001 (now executed)")

            let show = try box.comity(["request", "show", "R-2023-001", "--format", "json"])
            let detail = try #require(try decodeJSON(show.stdout) as? [String: Any])
            let request = try #require(detail["request"] as? [String: Any])
            #expect(request["state"] as? String == "executed")
            #expect(request["sentDate"] as? String == "2023-02-01")
            #expect(request["counterpartReference"] as? String == "MPS-2023-17")
            #expect(request["urgency"] as? String == "urgent")
            #expect((detail["allowedMoves"] as? [Any])?.isEmpty == true)
            #expect((detail["replies"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["acknowledgement", "partial-results", "full-results"])

            let json = try box.comity(["history", "R-2023-001", "--format", "json"])
            let events = try #require(try decodeJSON(json.stdout) as? [[String: Any]])
            let rows = events.map { event in
                [event["date"], event["action"], event["fromState"], event["toState"], event["actor"], event["recordedOn"]]
                    .map { ($0 as? String) ?? "-" }.joined(separator: " ")
            }
            #expect(rows == [
                "2023-01-20 created - drafted Sato 2023-01-20",
                "2023-01-25 moved drafted in-clearance Tanaka 2023-01-25",
                "2023-02-01 moved in-clearance transmitted Sato 2023-02-02",
                "2023-02-10 reply - - Sato 2023-02-11",
                "2023-02-10 moved transmitted acknowledged Sato 2023-02-11",
                "2023-03-01 moved acknowledged under-execution Sato 2023-03-01",
                "2023-04-01 reply - - Sato 2023-04-02",
                "2023-04-01 moved under-execution partially-executed Sato 2023-04-02",
                "2023-05-01 reply - - Tanaka 2023-05-01",
                "2023-05-01 moved partially-executed executed Tanaka 2023-05-01",
            ])

            let text = try box.comity(["history", "R-2023-001"])
            #expect(text.status == 0)
            #expect(text.lines.contains { $0.hasPrefix("2023-01-25") && $0.contains("drafted → in-clearance") && $0.contains("Tanaka") })
            #expect(text.lines.contains { $0.hasPrefix("2023-02-01") && $0.contains("Sato") && $0.contains("2023-02-02") && $0.contains("by courier") })

            let caseShow = try box.comity(["case", "show", "C-2023"])
            #expect(caseShow.lines.contains { $0.hasPrefix("R-2023-001") && $0.contains("executed") })
            let party = try box.comity(["party", "show", "jp"])
            #expect(party.lines.contains { $0.hasPrefix("JP-MOJ") } && party.lines.contains { $0.hasPrefix("JP-NPA") })
            let replyList = try box.comity(["reply", "list", "R-2023-001"])
            #expect(replyList.lines.contains { $0.contains("partial-results") && $0.contains("2023-05-01") })
        }
    }

    // MARK: - Environment

    @Test("without --actor the login name from USER is recorded")
    func actorFromUser() throws {
        try withSandbox { box in
            try box.loadDemo()
            let added = try box.comity(["party", "add", "GB"], actor: nil, environment: ["USER": "watanabe"])
            #expect(added.status == 0, "\(added)")
            let events = try #require(try decodeJSON(try box.comity(["history", "GB", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(events.first?["actor"] as? String == "watanabe")
            #expect(events.first?["recordedOn"] as? String == "2024-01-10")
        }
    }

    @Test("COMITY_DB is used when --db is not given; --db wins over it")
    func databaseFromEnvironment() throws {
        try withSandbox { box in
            let elsewhere = box.path("elsewhere.sqlite")
            let initialised = try box.comity(["init"], db: nil, environment: ["COMITY_DB": elsewhere.path])
            #expect(initialised.status == 0, "\(initialised)")
            #expect(initialised.stdout == "created \(elsewhere.path)\n")
            #expect(FileManager.default.fileExists(atPath: elsewhere.path))
            #expect(!FileManager.default.fileExists(atPath: box.db.path))

            let added = try box.comity(["party", "add", "JP"], db: nil, environment: ["COMITY_DB": elsewhere.path])
            #expect(added.status == 0, "\(added)")
            let listed = try box.comity(["party", "list"], db: nil, environment: ["COMITY_DB": elsewhere.path])
            #expect(listed.lines.contains { $0.hasPrefix("JP") })

            let missing = try box.comity(["party", "list"], db: box.path("other.sqlite").path, environment: ["COMITY_DB": elsewhere.path])
            #expect(missing.status == 74)
            #expect(missing.stderr.contains("other.sqlite"))
        }
    }

    @Test("with neither --db nor COMITY_DB, ./comity.sqlite is used and never created by a reading command")
    func defaultDatabase() throws {
        try withSandbox { box in
            let result = try box.comity(["party", "list"], db: nil)
            #expect(result.status == 74, "\(result)")
            #expect(result.stderr == "comity: no Comity database at comity.sqlite; run 'comity init' to create one there, or point --db or COMITY_DB at an existing one\n")
            #expect(result.stdout.isEmpty)
            let contents = try FileManager.default.contentsOfDirectory(atPath: box.url.path)
            #expect(contents.isEmpty)
        }
    }

    // MARK: - Exit codes

    static let exitCodes: [(String, [String], Int32)] = [
        ("usage: missing argument", ["party", "add"], 64),
        ("usage: unknown subcommand", ["frobnicate"], 64),
        ("usage: unknown option", ["party", "list", "--colour"], 64),
        ("usage: bad --format", ["party", "list", "--format", "xml"], 64),
        ("invalid data", ["party", "add", "XX"], 65),
        ("not found", ["request", "show", "NOPE"], 66),
        ("invalid move", ["request", "move", "JP-MHI-2011-001", "executed", "--on", "2012-01-01"], 67),
        ("store error", ["party", "list", "--db", "missing.sqlite"], 74),
    ]

    @Test("exit codes: usage 64, invalid data 65, not found 66, invalid move 67, store error 74", arguments: exitCodes)
    func exitCode(label: String, arguments: [String], status: Int32) throws {
        try withSandbox { box in
            try box.loadDemo()
            let usesOwnDB = arguments.contains("--db")
            let result = try box.comity(arguments, db: usesOwnDB ? nil : "")
            #expect(result.status == status, "\(label): \(result)")
            #expect(result.stderr.hasPrefix("comity: "), "\(label): \(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
            #expect(result.stdout.isEmpty)
        }
    }
}

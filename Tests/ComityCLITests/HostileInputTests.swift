import Foundation
import Testing

/// One hostile input: what the sandbox holds, which database `--db` points at, the command, and
/// a phrase of the one-line refusal. Every case must fail cleanly and change nothing.
struct Hostile: Sendable, CustomTestStringConvertible {
    /// Something placed in the sandbox before the command runs (names are relative to it).
    enum Prop: Sendable {
        case file(String, [UInt8])
        case text(String, String)
        /// A file of `size` bytes that starts with `prefix`, written sparsely so it is quick to make.
        case large(String, prefix: String, size: Int)
        /// The demo's export in `format` (json or xml), cut to `keep` of its bytes.
        case truncatedExport(String, format: String, keep: Int)
        case folder(String)
        case fifo(String)
        /// A Unix-domain socket bound to this name.
        case socket(String)
        case link(String, to: String)
        /// A copy of the repository's templates with one change.
        case templates(String, TemplateChange)
    }

    enum TemplateChange: Sendable {
        /// Files written whole and text added at the end of files, by path in the folder.
        case edit(write: [String: String], append: [String: String])
        case remove(String)
        case link(String, to: String)
        case fifo(String)
    }

    /// What `--db` points at.
    enum Store: Sendable {
        /// A copy of a database `comity demo` made.
        case demo
        /// The demo, marked with a migration this Comity does not know.
        case newerSchema
        /// The demo cut to `keep` bytes.
        case truncated(keep: Int)
        /// The demo, read-only for the account running comity, in a folder it may write.
        case readOnlyFile
        /// The demo, writable, in a folder the account running comity may not write.
        case readOnlyFolder
        /// The demo while `sqlite3` holds its write lock (or, in exclusive mode, every lock).
        case locked(exclusive: Bool)
        /// A file holding these bytes.
        case bytes([UInt8])
        /// A named pipe.
        case fifo
        /// The demo, with a value damaged behind Comity's back by `sqlite3` running this SQL.
        case damaged(String)
    }

    var label: String
    var arguments: [String]
    var props: [Prop] = []
    var store: Store = .demo
    var phrase: String
    var status: Int32? = nil
    var environment: [String: String] = [:]
    /// Arguments after the global options (so they may follow a `--`).
    var tail: [String] = []
    /// Also pass the repository's templates folder.
    var templates = false
    /// A phrase standard output must hold (`check` lists the problems there); nil: it stays empty.
    var listed: String? = nil

    var testDescription: String { label }

    init(_ label: String, _ arguments: [String], _ phrase: String, status: Int32? = nil, props: [Prop] = [], store: Store = .demo,
         environment: [String: String] = [:], tail: [String] = [], templates: Bool = false, listed: String? = nil) {
        self.label = label
        self.arguments = arguments
        self.phrase = phrase
        self.status = status
        self.props = props
        self.store = store
        self.environment = environment
        self.tail = tail
        self.templates = templates
        self.listed = listed
    }

    /// Stands for the byte 0xFF, which no UTF-8 text holds: an argument with it is passed through `printf`.
    static let byteFF = "<0xFF>"

    var unprivileged: Bool {
        switch store {
        case .readOnlyFile, .readOnlyFolder: return true
        default: return false
        }
    }
}

/// The files the corpus is built from: a demo database and its exports, made once with the CLI.
enum HostileWorld {
    struct Made: Sendable {
        var database: Data
        var json: String
        var xml: String
    }

    static let made: Result<Made, HostileWorldError> = {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("comity-hostile-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: false)
            let db = folder.appendingPathComponent("demo.sqlite")
            let made = try CLI.comity(["demo", "--db", db.path, "--today", "2024-01-10"], in: folder)
            guard made.status == 0 else { return .failure(HostileWorldError(message: "\(made)")) }
            // The exports come from a copy, so the demo itself keeps no audit event.
            let scratch = folder.appendingPathComponent("scratch.sqlite")
            try fm.copyItem(at: db, to: scratch)
            func export(_ format: String) throws -> String {
                let result = try CLI.comity(["export", "--format", format, "--db", scratch.path, "--today", "2024-01-10"], in: folder)
                guard result.status == 0 else { throw HostileWorldError(message: "\(result)") }
                return result.stdout
            }
            return .success(Made(database: try Data(contentsOf: db), json: try export("json"), xml: try export("xml")))
        } catch {
            return .failure(HostileWorldError(message: "\(error)"))
        }
    }()

    static let request = "JP-MHI-2011-001"

    /// SQL changing the demo's request `request` behind Comity's back.
    static func damage(_ change: String) -> String { "UPDATE request SET \(change) WHERE reference = '\(request)'" }

    static let damagedSentDate = "comity: request \(request) is damaged: its sent_date holds 2011-13-01, which is not a real date "
        + "(there is no month 13); run 'comity check' to list every damaged record, then restore the database from a backup or "
        + "correct the value with sqlite3\n"

    /// A NULL subject: SQLite keeps NOT NULL, so the column loses it first, as in an edited schema.
    static let nullSubject = """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = replace(sql, 'subject TEXT NOT NULL', 'subject TEXT') WHERE name = 'request';
        PRAGMA writable_schema = RESET;
        \(damage("subject = NULL"));
        """
    static let templates = LetterGolden.templates.path
    static let megabyte = 1 << 20

    static func utf16(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static func export(_ tables: String) -> String {
        "{\"format\": \"comity-export\", \"version\": 1, \"tables\": {\(tables)}}\n"
    }

    static func party(_ name: String) -> String {
        export("\"parties\": [{\"code\": \"FR\", \"name\": \(name), \"formal_name\": \"French Republic\"}]")
    }

    /// Partials that each include the next twice, ten levels down to 100 KB of text: 100 MB.
    static let fanOut: [String: String] = {
        var files = ["shared/p10.mustache": String(repeating: "x", count: 100_000)]
        for level in 0..<10 { files["shared/p\(level).mustache"] = "{{> shared/p\(level + 1)}}{{> shared/p\(level + 1)}}" }
        return files
    }()

    /// A reply to the demo's JAXA request.
    static func reply(date: String, summary: String) -> String {
        export("\"replies\": [{\"id\": 99, \"request_ref\": \"\(jaxa)\", \"date\": \"\(date)\", \"from_authority\": \"CN-MFA\", "
            + "\"kind\": \"interim-status\", \"summary\": \"\(summary)\", \"promised_date\": null, \"refusal_grounds\": \"[]\", \"classification\": \"restricted\"}]")
    }

    static func setting(_ key: String, _ value: String) -> String {
        export("\"settings\": [{\"channel\": \"*\", \"key\": \"\(key)\", \"value\": \"\(value)\"}]")
    }

    /// A move of the demo's JAXA request, event 999.
    static func event(date: String, recorded: String) -> String {
        export("\"history\": [{\"id\": 999, \"subject_type\": \"request\", \"subject_id\": \"\(jaxa)\", \"action\": \"moved\", \"date\": \"\(date)\", "
            + "\"recorded_on\": \"\(recorded)\", \"actor\": \"Sato\", \"from_state\": \"transmitted\", \"to_state\": \"acknowledged\", \"reply_id\": null, \"note\": \"\"}]")
    }

    static let jaxa = "JP-JAXA-2021-001"

    static let xmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    static let xmlRoot = "<comity-export xmlns=\"urn:comity:export:1\" version=\"1\">"
}

struct HostileWorldError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

private let letterArguments = ["letter", HostileWorld.request, "--as-of", "2011-11-28", "--issue"]
private let csvHeader = "code,name,formal name\r\n"
private let big = String(repeating: "A", count: 120_000)

/// The corpus: command-line values, import files, templates and store faults.
let hostileInputs: [Hostile] = [
    // Command-line values: long, malformed, implausible, empty.
    Hostile("120 KB party code", ["party", "add", big], "is not an ISO 3166-1 alpha-2 country code", status: 65),
    Hostile("120 KB case title", ["case", "add", "C-LONG", "--title", big, "--lead", "JP-NPA", "--offence", "Access",
                                  "--incident", "2011-01-01", "--discovered", "2011-01-02"], "the case title is 120000 characters long", status: 65),
    Hostile("120 KB reply summary", ["reply", "add", "JP-JAXA-2021-001", "--on", "2021-05-01", "--kind", "interim-status", "--summary", big],
            "the summary is 120000 characters long", status: 65),
    Hostile("120 KB request reference", ["request", "move", big, "withdrawn", "--on", "2021-05-01"], "no request 'AAAA", status: 66),
    Hostile("120 KB actor", ["party", "add", "GB", "--actor", big], "the actor name must be 1 to 100 printable characters", status: 64),
    Hostile("120 KB --db path", ["party", "list", "--db", "/tmp/" + big], "is not a Comity database", status: 74),
    Hostile("120 KB templates path", letterArguments + ["--templates", big], "does not exist", status: 65),
    Hostile("invalid UTF-8 in a summary", ["reply", "add", "JP-JAXA-2021-001", "--on", "2021-05-01", "--kind", "interim-status",
                                            "--summary", "bad \(Hostile.byteFF) text"], "argument 9 is not valid UTF-8 text", status: 64),
    Hostile("invalid UTF-8 in a reference", ["request", "move", "JP-\(Hostile.byteFF)-001", "withdrawn", "--on", "2021-05-01"], "is not valid UTF-8 text", status: 64),
    Hostile("invalid UTF-8 in the --db path", ["party", "add", "GB", "--db", "\(Hostile.byteFF).sqlite"], "is not valid UTF-8 text", status: 64),
    Hostile("date 0000-00-00", ["reply", "add", "JP-JAXA-2021-001", "--on", "0000-00-00", "--kind", "interim-status", "--summary", "x"],
            "outside the years Comity accepts", status: 64),
    Hostile("date 2011-02-30 for a report", ["report", "stall", "--as-of", "2011-02-30"], "February 2011 has 28 days", status: 64),
    Hostile("date 9999-12-31 for a report", ["report", "stall", "--as-of", "9999-12-31"], "outside the years Comity accepts", status: 64),
    Hostile("date 9999-12-31 for a letter", letterArguments.map { $0 == "2011-11-28" ? "9999-12-31" : $0 }, "outside the years Comity accepts", status: 64),
    Hostile("plausible date after today", ["request", "move", "JP-JAXA-2021-001", "withdrawn", "--on", "2199-12-31"], "after today", status: 65),
    Hostile("today 9999-12-31", ["party", "add", "GB", "--today", "9999-12-31"], "outside the years Comity accepts", status: 64),
    Hostile("negative period", ["basis", "add", "B-NEG", "--instrument", "I", "--kind", "convention", "--party", "JP:2012-11-01", "--period=-30 calendar"],
            "is not a period", status: 65),
    Hostile("negative threshold", ["settings", "set", "follow-up-days"], "must be a whole number of days from 0 to 3650", status: 65, tail: ["--", "-5"]),
    Hostile("zero response period", ["settings", "set", "response-period", "0 working"], "is not a period", status: 65),
    Hostile("huge threshold", ["settings", "set", "follow-up-days", "99999999999999999999"], "must be a whole number of days", status: 65),
    Hostile("huge period", ["basis", "add", "B-HUGE", "--instrument", "I", "--kind", "convention", "--party", "JP:2012-11-01",
                            "--period", "99999999999999 calendar"], "is not a period", status: 65),
    Hostile("huge reply id", ["reply", "show", "99999999999999999999999"], "is invalid for '<id>'", status: 64),
    Hostile("huge year", ["holidays", "list", "JP", "--year", "99999999"], "outside the years Comity accepts", status: 65),
    Hostile("year zero", ["holidays", "list", "JP", "--year", "0"], "outside the years Comity accepts", status: 65),
    Hostile("unknown state", ["request", "list", "--state", "stalled-forever"], "is not a valid state", status: 65),
    Hostile("unknown letter kind", ["letter", HostileWorld.request, "--kind", "sonnet"], "is not a valid letter kind", status: 65),
    Hostile("unknown export format", ["export", "--format", "yaml"], "'yaml' is invalid for '--format", status: 64),
    Hostile("empty --db", ["party", "list", "--db", ""], "--db is empty", status: 64),
    Hostile("empty --templates", letterArguments + ["--templates", ""], "--templates is empty", status: 65),
    Hostile("empty reference", ["request", "show", ""], "no request ''", status: 66),
    Hostile("empty summary", ["reply", "add", "JP-JAXA-2021-001", "--on", "2021-05-01", "--kind", "interim-status", "--summary", ""], "the summary is empty", status: 65),
    Hostile("empty reply kind", ["reply", "add", "JP-JAXA-2021-001", "--on", "2021-05-01", "--kind", "", "--summary", "x"], "'' is not a valid reply kind", status: 65),
    Hostile("busy timeout that is not a number", ["party", "add", "GB"], "COMITY_BUSY_TIMEOUT must be a number of seconds", status: 64,
            environment: ["COMITY_BUSY_TIMEOUT": "forever"]),
    Hostile("import size limit of zero", ["import", "small.json", "--max-size", "0"], "--max-size must be from 1 to 4096", status: 64,
            props: [.text("small.json", "{}")]),

    // Names that try to leave the templates folder, and broken template folders.
    Hostile("language with ../", letterArguments + ["--lang", "../../etc"], "is not a language tag", status: 65, templates: true),
    Hostile("letter kind with ../", letterArguments + ["--kind", "../../../etc/passwd"], "is not a valid letter kind", status: 65, templates: true),
    Hostile("format with ../", letterArguments + ["--format", "../html"], "is not a letter format", status: 65, templates: true),
    Hostile("--templates climbing to /etc", letterArguments + ["--templates", "../../../../../../../../etc"], "no language 'en' in the templates folder", status: 65),
    Hostile("COMITY_TEMPLATES climbing out", letterArguments, "given by COMITY_TEMPLATES does not exist", status: 65,
            environment: ["COMITY_TEMPLATES": "../no/such/../templates"]),
    Hostile("template linked outside the folder", letterArguments + ["--templates", "tpl"], "outside the template folder", status: 70,
            props: [.templates("tpl", .link("en/letter/evil.html.mustache", to: "/etc/passwd"))]),
    Hostile("template folder linked outside", letterArguments + ["--templates", "tpl"], "outside the template folder", status: 70,
            props: [.templates("tpl", .link("en/outside", to: "/etc"))]),
    Hostile("missing letter template", letterArguments + ["--kind", "reminder", "--templates", "tpl"], "There is no template named 'en/letter/reminder.html'",
            status: 70, props: [.templates("tpl", .remove("en/letter/reminder.html.mustache"))]),
    Hostile("missing letter schema", letterArguments + ["--kind", "reminder", "--format", "xml", "--templates", "tpl"], "schemas/letter.xsd is missing",
            status: 70, props: [.templates("tpl", .remove("schemas/letter.xsd"))]),
    Hostile("template that is a pipe", letterArguments + ["--templates", "tpl"], "is not a regular file", status: 70,
            props: [.templates("tpl", .fifo("en/letter/reminder.html.mustache"))]),
    Hostile("partial that includes itself", letterArguments + ["--templates", "tpl"], "its partials include themselves in a loop (", status: 70,
            props: [.templates("tpl", .edit(write: [:], append: ["shared/print.css.mustache": "{{> shared/print.css}}\n"]))]),
    Hostile("partials that include each other", ["report", "stall", "--format", "html", "--templates", "tpl"],
            "Template report/stall.html cannot be rendered: its partials include themselves in a loop (report/stall.html → shared/print.css → shared/letter.css → shared/print.css)",
            status: 70, props: [.templates("tpl", .edit(write: [:], append: ["shared/print.css.mustache": "{{> shared/letter.css}}\n",
                                                                              "shared/letter.css.mustache": "{{> shared/print.css}}\n"]))]),
    Hostile("partials that fan out to 100 MB", ["report", "stall", "--format", "html", "--templates", "tpl"],
            "Template report/stall.html cannot be rendered: its partials would write 98 MB before any value is filled in", status: 70,
            props: [.templates("tpl", .edit(write: HostileWorld.fanOut, append: ["report/stall.html.mustache": "{{> shared/p0}}\n"]))]),

    // Where results go.
    Hostile("report over the database", ["report", "stall", "--out", "comity.sqlite"], "it is the database", status: 65),
    Hostile("streamed report over the database", ["report", "stall", "--format", "json", "--out", "comity.sqlite"], "it is the database", status: 65),
    Hostile("export over the database spelled another way", ["export", "--out", "./sub/../comity.sqlite"], "it is the database", status: 65,
            props: [.folder("sub")]),
    Hostile("export through a link to the database", ["export", "--format", "xml", "--out", "db-link"], "it is the database", status: 65,
            props: [.link("db-link", to: "comity.sqlite")]),
    Hostile("CSV export over the database's folder files", ["export", "--format", "csv", "--out", "csv"], "it is the database", status: 65,
            props: [.folder("csv"), .link("csv/parties.csv", to: "../comity.sqlite")]),
    Hostile("calendar over the write-ahead log", ["calendar", "--out", "comity.sqlite-wal"], "it is the write-ahead log of the database", status: 65),
    Hostile("issued letter over the rollback journal", letterArguments + ["--out", "comity.sqlite-journal"], "it is the rollback journal of the database",
            status: 65),
    Hostile("letter preview over the shared-memory index", ["letter", HostileWorld.request, "--as-of", "2011-11-28", "--out", "comity.sqlite-shm"],
            "it is the shared-memory index of the database", status: 65),
    Hostile("backup named as the write-ahead log", ["backup", "comity.sqlite-wal"], "it is the write-ahead log of the database", status: 65),
    Hostile("export onto a socket", ["export", "--out", "socket"], "it is a socket or a disk device", status: 65, props: [.socket("socket")]),
    Hostile("calendar into a folder", ["calendar", "--out", "folder"], "it is a folder", status: 65, props: [.folder("folder")]),
    Hostile("report into a missing folder", ["report", "stall", "--out", "no/such/report.txt"], "does not exist", status: 65),
    Hostile("export through a dangling link", ["export", "--out", "dangling"], "a link to a file that does not exist", status: 65,
            props: [.link("dangling", to: "nowhere/x.json")]),
    Hostile("backup onto a dangling link", ["backup", "dangling"], "already exists", status: 65, props: [.link("dangling", to: "target.sqlite")]),
    Hostile("letters into a missing folder", ["letter", "--all-stalled", "--as-of", "2011-11-28", "--out-dir", "no-such", "--issue"], "does not exist", status: 65),

    // Import files.
    Hostile("billion laughs", ["import", "lol.xml"], "declares the entity 'lol'", status: 65, props: [.text("lol.xml", HostileWorld.xmlHead + """
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        ]>
        \(HostileWorld.xmlRoot)<parties>&lol3;</parties></comity-export>
        """)]),
    Hostile("external entity to /etc/passwd", ["import", "xxe.xml"], "declares the entity 'xxe'", status: 65, props: [.text("xxe.xml",
        HostileWorld.xmlHead + "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + HostileWorld.xmlRoot + "<parties><row><code>&xxe;</code></row></parties></comity-export>\n")]),
    Hostile("external entity to http", ["import", "xxe.xml"], "declares the entity 'remote'", status: 65, props: [.text("xxe.xml",
        HostileWorld.xmlHead + "<!DOCTYPE x [<!ENTITY remote SYSTEM \"http://127.0.0.1:9/secret\">]>\n" + HostileWorld.xmlRoot + "<parties>&remote;</parties></comity-export>\n")]),
    Hostile("parameter entity", ["import", "pe.xml"], "declares the entity 'p'", status: 65, props: [.text("pe.xml",
        HostileWorld.xmlHead + "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n" + HostileWorld.xmlRoot + "</comity-export>\n")]),
    Hostile("external DTD", ["import", "dtd.xml"], "refers to the external DTD", status: 65, props: [.text("dtd.xml",
        HostileWorld.xmlHead + "<!DOCTYPE comity-export SYSTEM \"http://127.0.0.1:9/export.dtd\">\n" + HostileWorld.xmlRoot + "</comity-export>\n")]),
    Hostile("100 MB file", ["import", "huge.json"], "is 100 MB, more than the 64 MB Comity reads", status: 65,
            props: [.large("huge.json", prefix: "{\"format\": \"comity-export\", \"tables\": {\"parties\": [", size: 100 * HostileWorld.megabyte)]),
    Hostile("JSON nested 100,000 deep", ["import", "deep.json"], "nested more than 32 deep", status: 65,
            props: [.text("deep.json", HostileWorld.export("\"parties\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)))]),
    Hostile("XML nested 100,000 deep", ["import", "deep.xml"], "nested more than 256 levels deep", status: 65,
            props: [.text("deep.xml", HostileWorld.xmlHead + HostileWorld.xmlRoot + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</comity-export>\n")]),
    Hostile("UTF-16 JSON with a byte order mark", ["import", "u16.json"], "is UTF-16 text", status: 65,
            props: [.file("u16.json", HostileWorld.utf16(HostileWorld.party("\"France\"")))]),
    Hostile("UTF-16 XML with a byte order mark", ["import", "u16.xml"], "is UTF-16 text", status: 65,
            props: [.file("u16.xml", HostileWorld.utf16(HostileWorld.xmlHead + HostileWorld.xmlRoot + "</comity-export>\n"))]),
    Hostile("Latin-1 JSON", ["import", "latin1.json"], "is not UTF-8 text", status: 65,
            props: [.file("latin1.json", Array(HostileWorld.party("\"Fran\u{E7}e\"").unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))]),
    Hostile("truncated JSON export", ["import", "cut.json"], "the text is not valid JSON", status: 65, props: [.truncatedExport("cut.json", format: "json", keep: 3000)]),
    Hostile("truncated XML export", ["import", "cut.xml"], "Premature end of data", status: 65, props: [.truncatedExport("cut.xml", format: "xml", keep: 3000)]),
    Hostile("empty JSON file", ["import", "empty.json"], "the text is not valid JSON", status: 65, props: [.text("empty.json", "")]),
    Hostile("NUL bytes in JSON", ["import", "nul.json"], "holds a NUL byte", status: 65,
            props: [.file("nul.json", Array(HostileWorld.party("\"Fr\u{0}ance\"").utf8))]),
    Hostile("escaped NUL in JSON", ["import", "nul.json"], "contains the control character U+0000 (NUL)", status: 65,
            props: [.text("nul.json", HostileWorld.party("\"Fr\\u0000ance\""))]),
    Hostile("escape character in JSON", ["import", "esc.json"], "contains the control character U+001B", status: 65,
            props: [.text("esc.json", HostileWorld.party("\"\\u001b[2JFrance\""))]),
    Hostile("1 MB value in JSON", ["import", "long.json"], "is 1048576 characters long", status: 65,
            props: [.text("long.json", HostileWorld.party("\"" + String(repeating: "F", count: HostileWorld.megabyte) + "\""))]),
    Hostile("JSON that is not an export", ["import", "other.json"], "expected \"comity-export\"", status: 65,
            props: [.text("other.json", "{\"format\": \"something-else\", \"version\": 1, \"tables\": {}}")]),
    Hostile("CSV with unbalanced quotes", ["import", "csv"], "a quoted cell is never closed", status: 65,
            props: [.folder("csv"), .text("csv/parties.csv", csvHeader + "FR,\"France,French Republic\r\n")]),
    Hostile("CSV with NUL bytes", ["import", "csv"], "holds a NUL byte", status: 65,
            props: [.folder("csv"), .file("csv/parties.csv", Array((csvHeader + "FR,Fr\u{0}ance,French Republic\r\n").utf8))]),
    Hostile("Latin-1 CSV", ["import", "csv"], "is not UTF-8 text", status: 65,
            props: [.folder("csv"), .file("csv/parties.csv", Array((csvHeader + "FR,Fran\u{E7}e,French Republic\r\n").unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))]),
    Hostile("UTF-16 CSV", ["import", "csv"], "is UTF-16 text", status: 65,
            props: [.folder("csv"), .file("csv/parties.csv", HostileWorld.utf16(csvHeader + "FR,France,French Republic\r\n"))]),
    Hostile("folder without CSV files", ["import", "csv"], "holds no .csv files", status: 65, props: [.folder("csv"), .text("csv/notes.txt", "x")]),
    Hostile("import from a pipe", ["import", "pipe"], "not a regular file", status: 65, props: [.fifo("pipe")]),
    Hostile("import from a device", ["import", "/dev/zero"], "not a regular file", status: 65),
    Hostile("import of a missing file", ["import", "missing.json"], "no such file or folder", status: 65),

    // Import files holding records the add commands would refuse.
    Hostile("noncharacter U+FFFE in a JSON party name", ["import", "nonchar.json"], "field 'name': the party name contains U+FFFE, which is not a character",
            status: 65, props: [.text("nonchar.json", HostileWorld.party("\"Fran\u{FFFE}ce\""))]),
    Hostile("noncharacter U+10FFFF in a CSV party name", ["import", "csv"], "the party name contains U+10FFFF, which is not a character", status: 65,
            props: [.folder("csv"), .text("csv/parties.csv", csvHeader + "FR,Fran\u{10FFFF}ce,French Republic\r\n")]),
    Hostile("10 MB summary of one character", ["import", "heavy.json"], "the summary is 10000001 bytes long; keep it under 4000 characters", status: 65,
            props: [.text("heavy.json", HostileWorld.reply(date: "2021-05-01", summary: "e" + String(repeating: "\u{301}", count: 5_000_000)))]),
    Hostile("reply dated before its request was sent", ["import", "early.json"],
            "field 'date': the reply is dated 2021-04-01, before request JP-JAXA-2021-001 was sent on 2021-04-20", status: 65,
            props: [.text("early.json", HostileWorld.reply(date: "2021-04-01", summary: "Status"))]),
    Hostile("negative follow-up threshold", ["import", "settings.json"], "follow-up-days must be a whole number of days from 0 to 3650, not '-5'", status: 65,
            props: [.text("settings.json", HostileWorld.setting("follow-up-days", "-5"))]),
    Hostile("capitalised default clearance", ["import", "settings.json"], "the default clearance is kept as 'Confidential'", status: 65,
            props: [.text("settings.json", HostileWorld.setting("clearance", "Confidential"))]),
    Hostile("response period of 99,999,999,999 days", ["import", "basis.json"], "'99999999999 calendar' is not a period", status: 65,
            props: [.text("basis.json", HostileWorld.export("""
                "legal_bases": [{"id": "B-HUGE", "instrument": "I", "kind": "convention", "response_days": 99999999999, "response_unit": "calendar", "note": ""}],
                "basis_bindings": [{"basis_id": "B-HUGE", "party": "JP", "from_date": "2012-11-01"}]
                """))]),
    Hostile("history event dated 2199", ["import", "event.json"], "event 999 is dated 2199-12-31, after today (2024-01-10)", status: 65,
            props: [.text("event.json", HostileWorld.event(date: "2199-12-31", recorded: "2024-01-10"))]),
    Hostile("history event out of order", ["import", "event.json"],
            "event 999 is dated 2021-04-21, before the last recorded change to request JP-JAXA-2021-001 on 2021-04-22", status: 65,
            props: [.text("event.json", HostileWorld.event(date: "2021-04-21", recorded: "2021-04-21"))]),
    Hostile("request items that are not a list of texts", ["import", "items.json"], "field 'items': is '\"not a list\"', not a list of texts", status: 65,
            props: [.text("items.json", HostileWorld.export("""
                "requests": [{"reference": "JP-NEW-001", "case_id": "MHI-2011", "from_authority": "JP-NPSC", "to_authority": "CN-MPS", "channel": "central-authority",
                "basis_id": null, "subject": "S", "items": "\\"not a list\\"", "urgency": "routine", "classification": "restricted", "sent_date": null,
                "counterpart_reference": null, "state": "drafted", "preserved_until": null, "note": ""}]
                """))]),
    Hostile("noncharacter in a holiday calendar", ["holidays", "import", "CN", "cn.ics"], "the name of the holiday on 2024-10-01 contains U+FFFE", status: 65,
            props: [.text("cn.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:nd@test\r\nDTSTAMP:20240101T000000Z\r\n"
                + "DTSTART;VALUE=DATE:20241001\r\nSUMMARY:National Day\u{FFFE}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")]),

    // Store faults.
    Hostile("newer schema: listing", ["party", "list"], "written by a newer version of Comity", status: 74, store: .newerSchema),
    Hostile("newer schema: adding", ["party", "add", "GB"], "written by a newer version of Comity", status: 74, store: .newerSchema),
    Hostile("newer schema: export", ["export", "--out", "x.json"], "written by a newer version of Comity", status: 74, store: .newerSchema),
    Hostile("truncated to half", ["request", "list"], "so it was cut short", status: 74, store: .truncated(keep: -2)),
    Hostile("truncated to one page", ["party", "add", "GB"], "so it was cut short", status: 74, store: .truncated(keep: 4096)),
    Hostile("truncated inside the header", ["party", "list"], "inside its own 100-byte header", status: 74, store: .truncated(keep: 50)),
    Hostile("read-only file: adding", ["party", "add", "GB"], "the file is read-only for this account", status: 74, store: .readOnlyFile),
    Hostile("read-only file: export", ["export", "--out", "x.json"], "the file is read-only for this account", status: 74, store: .readOnlyFile),
    Hostile("read-only folder: listing", ["party", "list"], "is not writable, and SQLite must keep", status: 74, store: .readOnlyFolder),
    Hostile("read-only folder: adding", ["party", "add", "GB"], "is not writable, and SQLite must keep", status: 74, store: .readOnlyFolder),
    Hostile("write lock held: adding", ["party", "add", "GB"], "is locked by another program", status: 74, store: .locked(exclusive: false),
            environment: ["COMITY_BUSY_TIMEOUT": "1"]),
    Hostile("write lock held: export", ["export", "--out", "x.json"], "is locked by another program", status: 74, store: .locked(exclusive: false),
            environment: ["COMITY_BUSY_TIMEOUT": "1"]),
    Hostile("exclusive lock held: listing", ["party", "list"], "is locked by another program", status: 74, store: .locked(exclusive: true),
            environment: ["COMITY_BUSY_TIMEOUT": "1"]),
    Hostile("PNG file", ["party", "list"], "it is not an SQLite file", status: 74,
            store: .bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52])),
    Hostile("text file, exporting", ["export", "--out", "x.json"], "it is not an SQLite file", status: 74, store: .bytes(Array("name,date\n".utf8))),
    Hostile("zero bytes, issuing a letter", letterArguments, "it is empty", status: 74, store: .bytes([])),
    Hostile("SQLite magic, garbage after", ["party", "list"], "impossible page size", status: 74,
            store: .bytes(Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0x41, count: 200))),
    Hostile("database that is a pipe", ["party", "list"], "not a regular file", status: 74, store: .fifo),

    // Values damaged behind Comity's back: one sentence naming the record, never a crash, the
    // whole row or a report without the request.
    Hostile("impossible sent date: request show", ["request", "show", HostileWorld.request], HostileWorld.damagedSentDate, status: 74,
            store: .damaged(HostileWorld.damage("sent_date = '2011-13-01'"))),
    Hostile("impossible sent date: stall report", ["report", "stall", "--as-of", "2011-11-28"], HostileWorld.damagedSentDate, status: 74,
            store: .damaged(HostileWorld.damage("sent_date = '2011-13-01'"))),
    Hostile("impossible sent date: stalled listing", ["request", "list", "--stalled", "--as-of", "2011-11-28"], HostileWorld.damagedSentDate,
            status: 74, store: .damaged(HostileWorld.damage("sent_date = '2011-13-01'"))),
    Hostile("impossible sent date: check", ["check"], "check found 1 problem", status: 65,
            store: .damaged(HostileWorld.damage("sent_date = '2011-13-01'")),
            listed: "damaged record: request \(HostileWorld.request): its sent_date holds 2011-13-01, which is not a real date (there is no month 13)\n"),
    Hostile("unknown state: request show", ["request", "show", HostileWorld.request], "its state holds 'stalled-forever', which is not one of",
            status: 74, store: .damaged(HostileWorld.damage("state = 'stalled-forever'"))),
    Hostile("unknown state: stall report", ["report", "stall", "--as-of", "2011-11-28", "--format", "json"],
            "request \(HostileWorld.request) is damaged: its state holds 'stalled-forever'", status: 74,
            store: .damaged(HostileWorld.damage("state = 'stalled-forever'"))),
    Hostile("unknown state: stalled listing", ["request", "list", "--stalled", "--as-of", "2011-11-28"],
            "request \(HostileWorld.request) is damaged: its state holds 'stalled-forever'", status: 74,
            store: .damaged(HostileWorld.damage("state = 'stalled-forever'"))),
    Hostile("unknown state: check", ["check"], "check found 1 problem", status: 65, store: .damaged(HostileWorld.damage("state = 'stalled-forever'")),
            listed: "damaged record: request \(HostileWorld.request): its state holds 'stalled-forever'"),
    Hostile("items that are not a list: request show", ["request", "show", HostileWorld.request], "its items does not hold a JSON list of texts",
            status: 74, store: .damaged(HostileWorld.damage("items = '{\"first\": 1}'"))),
    Hostile("items that are not a list: check", ["check"], "check found 1 problem", status: 65,
            store: .damaged(HostileWorld.damage("items = '{\"first\": 1}'")),
            listed: "damaged record: request \(HostileWorld.request): its items does not hold a JSON list of texts"),
    Hostile("NULL subject: request show", ["request", "show", HostileWorld.request], "its subject is NULL where a value is required",
            status: 74, store: .damaged(HostileWorld.nullSubject)),
    Hostile("NULL subject: stall report", ["report", "stall", "--as-of", "2011-11-28"], "its subject is NULL where a value is required",
            status: 74, store: .damaged(HostileWorld.nullSubject)),
    Hostile("NULL subject: stalled listing", ["request", "list", "--stalled", "--as-of", "2011-11-28"], "its subject is NULL where a value is required",
            status: 74, store: .damaged(HostileWorld.nullSubject)),
    Hostile("NULL subject: check", ["check"], "check found 1 problem", status: 65, store: .damaged(HostileWorld.nullSubject),
            listed: "damaged record: request \(HostileWorld.request): its subject is NULL where a value is required"),
    Hostile("reply dated the 31st of November: stall report", ["report", "stall", "--as-of", "2011-11-28"],
            "reply 1 is damaged: its date holds 2011-11-31, which is not a real date (November 2011 has 30 days)", status: 74,
            store: .damaged("UPDATE reply SET date = '2011-11-31' WHERE id = 1")),
]

@Suite("Hostile input is refused with one clear line and changes nothing")
struct HostileInputTests {
    @Test("the corpus has at least 60 cases, each with a distinct label")
    func enough() {
        #expect(hostileInputs.count >= 60)
        #expect(Set(hostileInputs.map(\.label)).count == hostileInputs.count)
    }

    @Test("hostile input", arguments: hostileInputs)
    func refused(input: Hostile) throws {
        let made = try HostileWorld.made.get()
        try withSandbox { box in
            let db = try Self.prepare(input.store, in: box, demo: made.database)
            defer { Self.restore(input.store, db: db) }
            for prop in input.props { try Self.place(prop, in: box, made: made) }
            let before = try Self.state(of: db, input.store)
            let holder = try Self.holder(input.store, db: db)

            var arguments = input.arguments
            if !arguments.contains("--db") { arguments += ["--db", db.path] }
            if !arguments.contains("--today") { arguments += ["--today", "2024-01-10"] }
            if !arguments.contains("--actor") { arguments += ["--actor", "Sato"] }
            if input.templates { arguments += ["--templates", HostileWorld.templates] }
            arguments += input.tail
            let result = input.unprivileged
                ? try CLI.comityUnprivileged(arguments, in: box.url, environment: input.environment)
                : arguments.contains(where: { $0.contains(Hostile.byteFF) })
                ? try CLI.shell(Self.script(arguments), in: box.url, environment: input.environment)
                : try CLI.comity(arguments, in: box.url, environment: input.environment)
            holder?.release()

            #expect(result.status != 0, "\(result)")
            if let status = input.status { #expect(result.status == status, "\(result)") }
            if let listed = input.listed {
                #expect(result.stdout.contains(listed), "\(result)")
            } else {
                #expect(result.stdout.isEmpty, "\(result)")
            }
            #expect(CLI.unclearness(result.stderr).isEmpty, "\(CLI.unclearness(result.stderr)): \(result.stderr)")
            #expect(result.stderr.contains(input.phrase), "\(result.stderr)")
            #expect(try Self.state(of: db, input.store) == before, "the database changed")
            for prop in input.props { try Self.checkStill(prop, in: box) }
            #expect(!FileManager.default.fileExists(atPath: box.path("x.json").path), "a refused export left a file")
        }
    }

    /// Where `--db` points for `store`, made ready.
    static func prepare(_ store: Hostile.Store, in box: Sandbox, demo: Data) throws -> URL {
        let fm = FileManager.default
        func write(_ data: Data, to url: URL, mode: Int = 0o600) throws {
            try #require(fm.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: mode]))
        }
        switch store {
        case .demo, .locked:
            try write(demo, to: box.db)
            return box.db
        case .damaged(let sql):
            try write(demo, to: box.db)
            let damaged = try CLI.sql(box.db, sql)
            try #require(damaged.status == 0 && damaged.stderr.isEmpty, "\(damaged)")
            return box.db
        case .newerSchema:
            try write(demo, to: box.db)
            let marked = try CLI.sql(box.db, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
            try #require(marked.status == 0, "\(marked)")
            return box.db
        case .truncated(let keep):
            try write(demo.prefix(keep < 0 ? demo.count / -keep : keep), to: box.db)
            return box.db
        case .readOnlyFile, .readOnlyFolder:
            let folder = box.path("store")
            try fm.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            let db = folder.appendingPathComponent("comity.sqlite")
            try write(demo, to: db, mode: store.isReadOnlyFile ? 0o400 : 0o600)
            CLI.giveToUnprivileged(db)
            CLI.giveToUnprivileged(folder)
            if !store.isReadOnlyFile { try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path) }
            return db
        case .bytes(let bytes):
            try write(Data(bytes), to: box.db)
            return box.db
        case .fifo:
            try #require(mkfifo(box.db.path, 0o600) == 0)
            return box.db
        }
    }

    static func holder(_ store: Hostile.Store, db: URL) throws -> LockHolder? {
        guard case .locked(let exclusive) = store else { return nil }
        return try LockHolder(db, exclusiveMode: exclusive)
    }

    /// The database as text (a logical dump where SQLite may rewrite pages) or its bytes.
    static func state(of db: URL, _ store: Hostile.Store) throws -> String {
        switch store {
        case .demo, .locked, .damaged: return try CLI.dump(db)
        case .fifo:
            var info = stat()
            return lstat(db.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO ? "a pipe" : "no longer a pipe"
        default: return try Data(contentsOf: db).base64EncodedString()
        }
    }

    /// Gives a read-only folder its write permission back, so the sandbox can be removed.
    static func restore(_ store: Hostile.Store, db: URL) {
        if case .readOnlyFolder = store { _ = chmod(db.deletingLastPathComponent().path, 0o755) }
    }

    /// A shell command running comity with `arguments`, in which the `byteFF` marker becomes the byte itself.
    static func script(_ arguments: [String]) -> String {
        let words = arguments.map { argument -> String in
            guard argument.contains(Hostile.byteFF) else { return CLI.shellQuoted(argument) }
            let format = argument.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "%%")
                .replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: Hostile.byteFF, with: "\\377")
            return "\"$(printf '\(format)')\""
        }
        return "exec \"$COMITY\" " + words.joined(separator: " ")
    }

    static func place(_ prop: Hostile.Prop, in box: Sandbox, made: HostileWorld.Made) throws {
        let fm = FileManager.default
        switch prop {
        case .file(let name, let bytes):
            try Data(bytes).write(to: box.path(name))
        case .text(let name, let text):
            try Data(text.utf8).write(to: box.path(name))
        case .large(let name, let prefix, let size):
            let url = box.path(name)
            try Data(prefix.utf8).write(to: url)
            try #require(truncate(url.path, off_t(size)) == 0)
        case .truncatedExport(let name, let format, let keep):
            // Cut on a character's first byte: the file is short, not broken UTF-8.
            let bytes = Array((format == "xml" ? made.xml : made.json).utf8)
            var end = min(keep, bytes.count)
            while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            try Data(bytes.prefix(end)).write(to: box.path(name))
        case .folder(let name):
            try fm.createDirectory(at: box.path(name), withIntermediateDirectories: false)
        case .fifo(let name):
            try #require(mkfifo(box.path(name).path, 0o600) == 0)
        case .socket(let name):
            try Self.bindSocket(at: box.path(name).path)
        case .link(let name, let target):
            try fm.createSymbolicLink(atPath: box.path(name).path, withDestinationPath: target)
        case .templates(let name, let change):
            let folder = box.path(name)
            try fm.copyItem(at: URL(fileURLWithPath: HostileWorld.templates), to: folder)
            switch change {
            case .edit(let write, let append):
                for (file, text) in write { try Data(text.utf8).write(to: folder.appendingPathComponent(file)) }
                for (file, text) in append {
                    let url = folder.appendingPathComponent(file)
                    try Data((try String(contentsOf: url, encoding: .utf8) + text).utf8).write(to: url)
                }
            case .remove(let file): try fm.removeItem(at: folder.appendingPathComponent(file))
            case .link(let file, let target): try fm.createSymbolicLink(atPath: folder.appendingPathComponent(file).path, withDestinationPath: target)
            case .fifo(let file):
                try fm.removeItem(at: folder.appendingPathComponent(file))
                try #require(mkfifo(folder.appendingPathComponent(file).path, 0o600) == 0)
            }
        }
    }

    /// Binds a Unix-domain socket to `path` and closes it: the name stays, as a socket.
    static func bindSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long: \(path)")
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "cannot bind \(path): \(errno)")
    }

    /// Pipes are still pipes and links still links: nothing was written over them.
    static func checkStill(_ prop: Hostile.Prop, in box: Sandbox) throws {
        var info = stat()
        switch prop {
        case .fifo(let name):
            #expect(lstat(box.path(name).path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "\(name) is no longer a pipe")
        case .link(let name, _):
            #expect(lstat(box.path(name).path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "\(name) is no longer a link")
        default:
            break
        }
    }
}

extension Hostile.Store {
    var isReadOnlyFile: Bool {
        if case .readOnlyFile = self { return true }
        return false
    }
}

import Foundation
import Testing
import Comity
import ComityWorlds

/// Where the golden files live and how they are compared.
///
/// The golden files under `Tests/Golden/` are the exact output of `comity report stall` on the
/// demo database. A test compares byte for byte. After a deliberate change to the report, its
/// templates or the demo, regenerate them with
///
///     COMITY_UPDATE_GOLDEN=1 swift test --filter ReportCLITests
///
/// which rewrites the files instead of comparing; review the diff before committing it.
enum StallGolden {
    /// The package root, found from this file (`Tests/ComityCLITests/…`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Tests/Golden", isDirectory: true)
    static let templates = repository.appendingPathComponent("templates", isDirectory: true)
    static let schema = templates.appendingPathComponent("schemas/stall-report.xsd")
    static var updating: Bool { ProcessInfo.processInfo.environment["COMITY_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file `name`, or rewrites it when updating.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: url.path), "no golden file \(name); run with COMITY_UPDATE_GOLDEN=1 to create it",
            sourceLocation: sourceLocation)
        let same = Data(actual.utf8) == expected
        #expect(same, "output differs from Tests/Golden/\(name):\n\(firstDifference(actual, String(decoding: expected, as: UTF8.self)))",
                sourceLocation: sourceLocation)
    }

    /// The first line that differs, for a readable failure.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.components(separatedBy: "\n")
        let e = expected.components(separatedBy: "\n")
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? a[index] : "<end>"
            let right = index < e.count ? e[index] : "<end>"
            if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
        }
        return "(same lines; line endings or final newline differ)"
    }

    /// A copy of the repository's templates in `sandbox`, to break on purpose.
    static func copyTemplates(into sandbox: Sandbox) throws -> URL {
        let copy = sandbox.path("templates-copy")
        try FileManager.default.copyItem(at: templates, to: copy)
        return copy
    }
}

@Suite("comity report stall")
struct ReportCLITests {
    /// The two documents under golden test: the plain report and the pre-summit brief.
    enum Report: String, CaseIterable, CustomTestStringConvertible {
        case stall, brief
        var arguments: [String] {
            self == .stall ? [] : ["--before", DemoWorld.nodaVisit]
        }
        var fileStem: String {
            self == .stall ? "stall-report-2011-11-28" : "brief-NODA-BEIJING-2011-2011-11-28"
        }
        var testDescription: String { rawValue }
    }

    static let formats = ["text", "json", "xml", "html"]

    private static func extensionFor(_ format: String) -> String { format == "text" ? "txt" : format }

    /// `comity demo` into the sandbox's database, checked.
    private static func makeDemo(_ sandbox: Sandbox) throws {
        let made = try sandbox.comity(["demo"])
        try #require(made.status == 0, "comity demo failed: \(made)")
    }

    private static func report(_ sandbox: Sandbox, _ extra: [String], templates: URL = StallGolden.templates) throws -> RunResult {
        try sandbox.comity(["report", "stall", "--as-of", "2011-11-28", "--templates", templates.path] + extra)
    }

    @Test("golden output of the demo's report and brief", arguments: ReportCLITests.Report.allCases, ReportCLITests.formats)
    func golden(_ report: Report, format: String) throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let result = try Self.report(sandbox, report.arguments + ["--format", format])
            try #require(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty)
            try StallGolden.check(result.stdout, against: "\(report.fileStem).\(Self.extensionFor(format))")

            // Whatever the golden file says, the seed case must be in it.
            #expect(result.stdout.contains("JP-MHI-2011-001"))
            #expect(result.stdout.contains("non-committal") || result.stdout.contains("Non-committal") || result.stdout.contains("NON-COMMITTAL"))

            if format == "xml" {
                try XMLSchema(path: StallGolden.schema.path).validate(result.stdout, documentName: "stall report")
                let root = try SafeXMLParser(maxBytes: 1 << 24).parse(result.stdout, documentName: "stall report")
                #expect(root.name == "stall-report")
                let file = sandbox.path("report.xml")
                try Data(result.stdout.utf8).write(to: file)
                let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
                if FileManager.default.isExecutableFile(atPath: xmllint.path) {
                    let lint = try CLI.run(xmllint, ["--noout", "--nonet", "--schema", StallGolden.schema.path, file.path],
                                           in: sandbox.url, environment: CLI.environment([:]))
                    #expect(lint.status == 0, "xmllint refused the report: \(lint)")
                    #expect(lint.stderr.contains("validates"))
                }
            }
            if format == "json" {
                let object = try #require(try decodeJSON(result.stdout) as? [String: Any])
                #expect(object["asOf"] as? String == "2011-11-28")
                let keys = Set(object.keys)
                #expect(keys.isSuperset(of: ["asOf", "title", "scope", "summary", "findings", "classification", "withheld"]))
                #expect((object["engagement"] != nil) == (report == .brief))
            }
        }
    }

    @Test("the brief names the request, the category, the ball holder, the numbers and the talking point")
    func briefContent() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let text = try Self.report(sandbox, ["--before", DemoWorld.nodaVisit])
            try #require(text.status == 0, "\(text)")
            #expect(text.stdout.contains("PRE-SUMMIT BRIEF: PRIME MINISTER NODA'S VISIT TO BEIJING — as of 2011-11-28"))
            #expect(text.stdout.contains("JP-MHI-2011-001  NON-COMMITTAL, severity high  ball with China"))
            #expect(text.stdout.contains("Sent 2011-09-30 (59 days ago)"))
            #expect(text.stdout.contains("no substantive reply ever"))
            #expect(text.stdout.contains("No follow-up sent yet"))
            #expect(text.stdout.contains("25–26 December 2011, in 27 days"))

            let json = try Self.report(sandbox, ["--before", DemoWorld.nodaVisit, "--format", "json"])
            try #require(json.status == 0, "\(json)")
            let report = try JSONDecoder().decode(StallListing.self, from: Data(json.stdout.utf8))
            let mhi = try #require(report.findings.first { $0.reference == DemoWorld.mhiRequest })
            #expect(mhi.category == .nonCommittal)
            #expect(mhi.ballWith == .them)
            #expect(mhi.daysSinceSent == 59)
            #expect(mhi.daysSinceLastSubstantiveReply == nil)
            #expect(mhi.followUpsSent == 0)
            #expect(mhi.recommendedStep == .talkingPoints)
            #expect(mhi.engagement?.daysUntil == 27)
        }
    }

    @Test("--out writes the same document as standard output and says so on stderr")
    func outFile() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let printed = try Self.report(sandbox, ["--before", DemoWorld.nodaVisit, "--format", "html"])
            try #require(printed.status == 0, "\(printed)")
            let target = sandbox.path("brief.html")
            let written = try Self.report(sandbox, ["--before", DemoWorld.nodaVisit, "--format", "html", "--out", target.path])
            try #require(written.status == 0, "\(written)")
            #expect(written.stdout.isEmpty)
            #expect(written.stderr.contains("wrote \(target.path)"))
            #expect(String(decoding: try Data(contentsOf: target), as: UTF8.self) == printed.stdout)
        }
    }

    // MARK: - Errors

    @Test("--before an unknown engagement is not found (66)")
    func unknownEngagement() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let result = try Self.report(sandbox, ["--before", "NO-SUCH-VISIT"])
            #expect(result.status == 66, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("comity: no engagement 'NO-SUCH-VISIT' is recorded"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("--before an engagement already past is invalid (65)")
    func pastEngagement() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let result = try sandbox.comity(["report", "stall", "--as-of", "2012-01-10", "--before", DemoWorld.nodaVisit])
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("ended on 2011-12-26"))
        }
    }

    @Test("--counterpart XX is not a country code (65)")
    func badCounterpart() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let result = try Self.report(sandbox, ["--counterpart", "XX"])
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("'XX' is not an ISO 3166-1 alpha-2 country code"))
        }
    }

    @Test("a templates folder without report/stall.xml fails with 70, naming the template")
    func missingTemplate() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let copy = try StallGolden.copyTemplates(into: sandbox)
            try FileManager.default.removeItem(at: copy.appendingPathComponent("report/stall.xml.mustache"))
            let result = try Self.report(sandbox, ["--format", "xml"], templates: copy)
            #expect(result.status == 70, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("'report/stall.xml'"))
            // HTML is unaffected by the missing XML template.
            let html = try Self.report(sandbox, ["--format", "html"], templates: copy)
            #expect(html.status == 0, "\(html)")
        }
    }

    @Test("a template referring to a key the report lacks fails with 70, naming template and key")
    func unknownKey() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let copy = try StallGolden.copyTemplates(into: sandbox)
            let file = copy.appendingPathComponent("report/stall.html.mustache")
            var text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            text = text.replacingOccurrences(of: "<h2>{{isolated(name)}} ({{code}})", with: "<h2>{{ambassadorName}} {{isolated(name)}} ({{code}})")
            try #require(text.contains("ambassadorName"))
            try Data(text.utf8).write(to: file)
            let result = try Self.report(sandbox, ["--format", "html"], templates: copy)
            #expect(result.status == 70, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("report/stall.html"))
            #expect(result.stderr.contains("'ambassadorName'"))
        }
    }

    @Test("a missing schema stops the XML (70) and writes nothing")
    func missingSchema() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let copy = try StallGolden.copyTemplates(into: sandbox)
            try FileManager.default.removeItem(at: copy.appendingPathComponent("schemas/stall-report.xsd"))
            let target = sandbox.path("report.xml")
            let result = try Self.report(sandbox, ["--format", "xml", "--out", target.path], templates: copy)
            #expect(result.status == 70, "\(result)")
            #expect(result.stderr.contains("stall-report.xsd"))
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
    }
}

extension ReportCLITests {
    @Test("the demo's brief for the Beijing visit shows both directions: what China owes us, what we owe China, and the balance")
    func briefBothWays() throws {
        try withSandbox { sandbox in
            try Self.makeDemo(sandbox)
            let brief = try Self.report(sandbox, ["--before", DemoWorld.nodaVisit])
            try #require(brief.status == 0, "\(brief)")
            #expect(brief.stdout.contains("What China owes us"))
            #expect(brief.stdout.contains("What we owe China"))
            #expect(brief.stdout.contains(DemoWorld.incomingRequest))
            #expect(brief.stdout.contains("China has 1 request pending with us, within time; it has given no substantive reply to our one open request since 2011."),
                    "\(brief.stdout)")
            // By the visit itself our answer is overdue: the balance says so.
            let later = try sandbox.comity(["report", "stall", "--as-of", "2011-12-20", "--before", DemoWorld.nodaVisit])
            #expect(later.stdout.contains("China has 1 request pending with us, overdue;"), "\(later.stdout)")
        }
    }
}

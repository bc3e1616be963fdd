import Foundation
import Testing
import Comity
import ComityWorlds

/// `comity report counterparts` on the demo world: every format, the mark, the schema, the
/// charts, and the clearance. The golden files of every format are of a hand-built world with
/// requests both ways (`CounterpartRecordGoldenTests`); here the command itself is checked.
@Suite("comity report counterparts")
struct CounterpartsCLITests {
    static let formats = ["text", "json", "csv", "xml", "html"]
    static let schema = StallGolden.templates.appendingPathComponent("schemas/counterpart-record.xsd")

    private static func report(_ sandbox: Sandbox, _ extra: [String]) throws -> RunResult {
        try sandbox.comity(["report", "counterparts", "--as-of", "2024-01-10", "--templates", StallGolden.templates.path] + extra)
    }

    private static func demo(_ sandbox: Sandbox) throws {
        let made = try sandbox.comity(["demo"])
        try #require(made.status == 0, "comity demo failed: \(made)")
    }

    @Test("the demo's record in every format", arguments: CounterpartsCLITests.formats)
    func golden(format: String) throws {
        try withSandbox { sandbox in
            try Self.demo(sandbox)
            let result = try Self.report(sandbox, ["--format", format])
            try #require(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty)
            // The demo's three requests went to China; the JAXA case is confidential, so is the record.
            #expect(result.stdout.contains("CONFIDENTIAL") || result.stdout.contains("confidential"))
            switch format {
            case "text":
                #expect(result.stdout.hasPrefix("CONFIDENTIAL\n"))
                #expect(result.stdout.hasSuffix("\nCONFIDENTIAL\n"))
                #expect(result.stdout.contains("China (CN)"))
                #expect(result.stdout.contains("  Sent: 3 requests; 2 acknowledged"))
                // The demo's request from China, received in 2011 and acknowledged by us, is still open with us.
                #expect(result.stdout.contains("  Received: 1 request; we acknowledged 1 (median 4 days, 90th percentile 4 days); no substantive reply from us;"))
                #expect(result.stdout.contains("; 1 open, 1 overdue with us."))
                #expect(result.stdout.contains("no substantive reply"))
            case "json":
                let object = try #require(try decodeJSON(result.stdout) as? [String: Any])
                #expect(object["classification"] as? String == "confidential")
                #expect(object["ourState"] as? String == "JP")
                let counterparts = try #require(object["counterparts"] as? [[String: Any]])
                #expect(counterparts.map { $0["code"] as? String } == ["CN"])
            case "csv":
                #expect(result.stdout.hasPrefix("\u{FEFF}CONFIDENTIAL\r\ncounterpart,counterpart_name,channel,year,direction,requests,"))
                #expect(result.stdout.contains("\r\nCN,China,central-authority,2011,sent,1,1,14,14,0,,,1,1,0,0,1,1,0,,1.000,0.000,0.000\r\n"))
                #expect(result.stdout.contains("\r\nCN,China,central-authority,2011,received,1,1,4,4,0,,,1,0,0,0,1,1,,,0.000,0.000,0.000\r\n"))
            case "xml":
                try XMLSchema(path: Self.schema.path).validate(result.stdout, documentName: "counterparts' record")
                let file = sandbox.path("record.xml")
                try Data(result.stdout.utf8).write(to: file)
                let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
                try #require(FileManager.default.isExecutableFile(atPath: xmllint.path), "xmllint is needed (libxml2-utils, installed by .ci/run)")
                let lint = try CLI.run(xmllint, ["--noout", "--nonet", "--schema", Self.schema.path, file.path],
                                       in: sandbox.url, environment: CLI.environment([:]))
                #expect(lint.status == 0, "xmllint refused the record: \(lint)")
            case "html":
                #expect(!result.stdout.contains("<script"))
                #expect(result.stdout.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"answers-CN-title\""))
                #expect(result.stdout.contains("<title id=\"answers-CN-title\">Days to the first substantive reply, China. 0–30: requests sent (their replies) 0, "))
                #expect(result.stdout.contains("<caption>Open requests each way, China</caption>"))
                #expect(result.stdout.contains("<div class=\"mark top\">CONFIDENTIAL</div>"))
                #expect(result.stdout.contains("<div class=\"mark bottom\">CONFIDENTIAL</div>"))
                #expect(result.stdout.contains("fill=\"url(#open-CN-hatched)\""))
            default:
                Issue.record("no checks for \(format)")
            }
        }
    }

    @Test("--out writes the same bytes as standard output, JSON (streamed) and HTML alike")
    func outFile() throws {
        try withSandbox { sandbox in
            try Self.demo(sandbox)
            for format in ["json", "html"] {
                let printed = try Self.report(sandbox, ["--format", format])
                try #require(printed.status == 0, "\(printed)")
                let target = sandbox.path("record.\(format)")
                let written = try Self.report(sandbox, ["--format", format, "--out", target.path])
                try #require(written.status == 0, "\(written)")
                #expect(written.stdout.isEmpty)
                #expect(written.stderr.contains("wrote \(target.path)"))
                #expect(String(decoding: try Data(contentsOf: target), as: UTF8.self) == printed.stdout)
            }
        }
    }

    @Test("--clearance restricted leaves the confidential JAXA request out and counts it")
    func clearance() throws {
        try withSandbox { sandbox in
            try Self.demo(sandbox)
            let result = try Self.report(sandbox, ["--clearance", "restricted"])
            try #require(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("RESTRICTED\n"))
            #expect(!result.stdout.contains("CONFIDENTIAL"))
            #expect(result.stdout.contains("Sent: 2 requests"))
            #expect(result.stdout.contains("1 request(s) above the reader's clearance are left out of every figure."))
        }
    }

    @Test("a bad counterpart, channel or period is refused (65) in one sentence")
    func refusals() throws {
        try withSandbox { sandbox in
            try Self.demo(sandbox)
            for (arguments, words) in [
                (["--counterpart", "XX"], "'XX' is not an ISO 3166-1 alpha-2 country code"),
                (["--channel", "pigeon"], "'pigeon' is not a valid channel"),
                (["--from", "2020-01-01", "--to", "2019-01-01"], "--from 2020-01-01 is after --to 2019-01-01"),
            ] {
                let result = try Self.report(sandbox, arguments)
                #expect(result.status == 65, "\(arguments): \(result)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
            }
        }
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender

/// The stall report and the brief both ways, on a small world of Japan's desk built by hand:
/// three requests of ours open with China and one with the United States, two of China's open
/// with us. Every figure of the brief is computed here again from the world's own facts.
@Suite("the stall report and the brief both ways")
struct StallLedgerTests {
    /// The treaty's response period in this world, in calendar days.
    static let period = 90
    static let asOfDay = 170
    static let summitDay = 200

    /// One request of the world, as the test knows it.
    struct Fact {
        var reference: String
        var incoming: Bool
        var day: Int
        /// The day a substantive reply was given, if one was.
        var substantive: Int?
        var counterpart = "CN"
    }

    static let facts = [
        Fact(reference: "JP-OUT-1", incoming: false, day: 0, substantive: nil),
        Fact(reference: "JP-OUT-2", incoming: false, day: 40, substantive: 60),
        Fact(reference: "JP-OUT-3", incoming: false, day: 100, substantive: nil),
        Fact(reference: "CN-IN-1", incoming: true, day: 30, substantive: nil),
        Fact(reference: "CN-IN-2", incoming: true, day: 150, substantive: nil),
    ]

    /// The world: JP's desk, the facts above, a US request through the police channel, a summit in Beijing.
    static func world() throws -> TestWorld {
        let world = try TestWorld(treatyPeriod: Period(days: period, unit: .calendar))
        try world.set(StoredSetting.ourStateKey, "JP")
        try world.addCase("CN-ASSIST", title: "Assistance to China (stand-in)", lead: "JP-MOJ")
        try world.send("JP-OUT-1", on: TestWorld.day(0), subject: "Server logs of the intrusion")
        try world.reply("JP-OUT-1", on: TestWorld.day(10), .acknowledgement)
        try world.reply("JP-OUT-1", on: TestWorld.day(20), .nonCommittal)
        try world.send("JP-OUT-2", on: TestWorld.day(40), subject: "Subscriber of an address")
        try world.reply("JP-OUT-2", on: TestWorld.day(60), .interimStatus)
        try world.send("JP-OUT-3", on: TestWorld.day(100), subject: "Bank records of a shell company")
        try world.send("CN-IN-1", on: TestWorld.day(30), from: "CN-MPS", to: "JP-MOJ", case: "CN-ASSIST", subject: "Witness statement in Osaka")
        try world.reply("CN-IN-1", on: TestWorld.day(35), .acknowledgement)
        try world.send("CN-IN-2", on: TestWorld.day(150), from: "CN-MPS", to: "JP-MOJ", case: "CN-ASSIST", subject: "Records of a Tokyo company")
        try world.send("JP-US-1", on: TestWorld.day(100), to: "US-DOJ", basis: nil, subject: "Hosting records")
        try world.engagement("SUMMIT", start: TestWorld.day(summitDay), title: "Summit in Beijing")
        return world
    }

    static var asOf: CalendarDate { TestWorld.day(asOfDay) }

    @Test("the brief's ledger equals the figures computed from the world's facts")
    func ledgerFigures() throws {
        let world = try Self.world()
        let report = try world.store.stallReport(asOf: Self.asOf, before: "SUMMIT")
        let ledger = try #require(report.ledger)

        // Computed again: open requests are all of them here; overdue when the treaty's period has
        // passed; unanswered when no substantive reply came; age in the standard ranges.
        let ours = Self.facts.filter { !$0.incoming }
        let theirs = Self.facts.filter(\.incoming)
        let overdue = { (f: Fact) in f.day + Self.period < Self.asOfDay }
        let unanswered = ours.filter { $0.substantive == nil }
        #expect(ledger.balance.oursOpen == ours.count)
        #expect(ledger.balance.oursOverdue == ours.count(where: overdue))
        #expect(ledger.balance.oursWithoutSubstantiveReply == unanswered.count)
        #expect(ledger.balance.oldestWithoutSubstantiveReply == TestWorld.day(unanswered.map(\.day).min()!))
        #expect(ledger.balance.theirsPending == theirs.count)
        #expect(ledger.balance.theirsOverdue == theirs.count(where: overdue))
        let ranges = [(0, 30), (31, 60), (61, 90), (91, 180), (181, 365), (366, Int.max)]
        func ages(_ facts: [Fact]) -> [Int] {
            ranges.map { r in facts.count { (r.0...r.1).contains(Self.asOfDay - $0.day) } }
        }
        #expect(ledger.owedToUsByAge == ages(ours))
        #expect(ledger.owedByUsByAge == ages(theirs))
        #expect(ledger.owedToUsByAge == [0, 0, 1, 2, 0, 0])
        #expect(ledger.owedByUsByAge == [1, 0, 0, 1, 0, 0])
        #expect(ledger.balance.sentence
            == "China has 2 requests pending with us, 1 of them overdue; it has given no substantive reply to 2 of our 3 open requests since 2020.")

        // The summary counts each direction; the brief lists each oldest first.
        #expect(report.summary.outgoing == .init(outstanding: 3, stalled: report.groups[0].owedToUs.count(where: \.isStalled), overdue: 2))
        #expect(report.summary.incoming.outstanding == 2)
        #expect(report.summary.incoming.overdue == 1)
        let group = try #require(report.groups.first)
        #expect(report.groups.count == 1)
        #expect(group.owedToUs.map(\.reference) == ["JP-OUT-1", "JP-OUT-2", "JP-OUT-3"])
        #expect(group.owedByUs.map(\.reference) == ["CN-IN-1", "CN-IN-2"])
    }

    @Test("a request that came to us is a finding about us: received, ball with us, our step and its reply letter, a line to take")
    func incomingFinding() throws {
        let world = try Self.world()
        let report = try world.store.stallReport(asOf: Self.asOf, before: "SUMMIT")
        let theirs = report.groups.flatMap(\.owedByUs)
        let received = try #require(theirs.first { $0.reference == "CN-IN-2" })
        #expect(received.ballWith == .us)
        #expect(received.replyLetter == .acknowledgement)
        #expect(received.fromAuthority == "CN-MPS")
        for a in theirs {
            #expect(!a.talkingPoint.contains("Raise our request"), "\(a.reference): \(a.talkingPoint)")
            #expect(a.talkingPoint.hasPrefix("China may raise its request of "))
            #expect(!a.talkingPoint.contains("Ask that"))
        }
        let assessed = try #require(theirs.first { $0.reference == "CN-IN-1" })
        #expect(assessed.talkingPoint.contains("Our only reply to it, on 10 February 2020, was an acknowledgement."))
        #expect(assessed.talkingPoint.contains("Our answer was due on 5 May 2020, 50 days ago."))
        #expect(assessed.talkingPoint.contains("If it is raised, say that it is under assessment, and commit to no date that has not been agreed internally."))

        let text = report.text
        #expect(text.contains("  What China owes us (oldest first):"))
        #expect(text.contains("  What we owe China (oldest first):"))
        #expect(text.contains("    Received 2020-06-04 (20 days ago); no reply from us yet; no substantive reply from us yet"))
        #expect(text.contains("    Reply letter: Acknowledgement of receipt"))
        #expect(!text.contains("Talking point: Raise our request of 4 June 2020"))
        // Ours keep their talking point.
        #expect(text.contains("Talking point: Raise our request of 6 January 2020 (JP-OUT-1)"))
    }

    @Test("the plain stall report splits a counterpart with requests both ways and leaves one-way counterparts as they were")
    func plainReport() throws {
        let world = try Self.world()
        let report = try world.store.stallReport(asOf: Self.asOf)
        #expect(report.ledger == nil)
        #expect(report.groups.map(\.counterpart) == ["CN", "US"])
        #expect(report.groups[0].isTwoWay)
        #expect(!report.groups[1].isTwoWay)
        let text = report.text
        #expect(text.contains("\nChina (CN)\n  What China owes us:\n"))
        #expect(text.contains("\nUnited States (US)\n  JP-US-1  "))
        // Stalled only: ours with China and the US, all four stalled, three past the clock; of China's,
        // the one past our clock (the other came 20 days ago).
        #expect(text.contains("Owed to us: 4 (4 stalled, 3 overdue); owed by us: 1 (1 stalled, 1 overdue)"))
    }

    @Test("golden output of the two-way stall report and brief", arguments: ["stall", "brief"], ["text", "json", "xml", "html"])
    func golden(_ document: String, format: String) throws {
        let world = try Self.world()
        let templates = try StallTemplates()
        let engagement = document == "brief" ? "SUMMIT" : nil
        let output: String
        switch format {
        case "text": output = try world.store.stallReport(asOf: Self.asOf, before: engagement).text
        case "json":
            var bytes: [UInt8] = []
            try world.store.writeStallListing(asOf: Self.asOf, before: engagement) { bytes += $0 }
            output = String(decoding: bytes, as: UTF8.self)
        default:
            output = try templates.renderer.render(try world.store.stallReport(asOf: Self.asOf, before: engagement), as: format == "xml" ? .xml : .html)
        }
        let name = "two-way-\(document)-\(Self.asOf.iso).\(format == "text" ? "txt" : format)"
        try LedgerGolden.check(output, against: name)
        #expect(output.contains("CN-IN-1"))
        if format == "xml" { try LedgerGolden.xmllint(output) }
        if format == "json" {
            let listing = try JSONDecoder().decode(StallListing.self, from: Data(output.utf8))
            let incoming = listing.findings.filter { $0.direction == .incoming }
            // The stall report lists what is stalled: China's request of 20 days is not, yet.
            #expect(incoming.map(\.reference).sorted() == (document == "brief" ? ["CN-IN-1", "CN-IN-2"] : ["CN-IN-1"]))
            #expect(incoming.allSatisfy { $0.ballWith == .us })
            #expect(listing.summary.incoming.outstanding == incoming.count)
            // The streamed brief ends with the same ledger as the brief built in memory; a report has none.
            let built = try world.store.stallReport(asOf: Self.asOf, before: engagement).ledger
            #expect(listing.ledger?.balance == built?.balance)
            #expect(listing.ledger?.balanceSentence == built?.balance.sentence)
            #expect(listing.ledger?.owedToUsByAge == built?.owedToUsByAge)
            #expect(listing.ledger?.owedByUsByAge == built?.owedByUsByAge)
            #expect((listing.ledger != nil) == (document == "brief"))
        }
        if format == "html" && document == "brief" {
            #expect(output.contains("<h2>Ledger with <bdi>China</bdi></h2>"))
            #expect(output.components(separatedBy: "role=\"img\"").count == 3, "two charts")
            #expect(!output.contains("<script"))
        }
    }

    @Test("a request above the reader's clearance is left out of the balance, and the brief says the balance leaves it out")
    func withheldFromTheBalance() throws {
        let world = try Self.world()
        try world.store.addRequest(
            Request(reference: "CN-IN-SECRET", caseID: "CN-ASSIST", fromAuthority: "CN-MPS", toAuthority: "JP-MOJ", channel: .centralAuthority,
                    basisID: "JP-CN-MLAT", subject: "A secret matter", classification: .secret, sentDate: TestWorld.day(160)),
            by: world.clerk(TestWorld.day(160)))
        let everything = try world.store.stallReport(asOf: Self.asOf, before: "SUMMIT")
        #expect(everything.ledger?.balance.theirsPending == 3)
        let restricted = try world.store.stallReport(asOf: Self.asOf, before: "SUMMIT", clearance: .restricted)
        #expect(restricted.withheld == 1)
        #expect(restricted.ledger?.balance.theirsPending == 2)
        #expect(restricted.text.contains("1 of them overdue; it has given no substantive reply to 2 of our 3 open requests since 2020.\n  The 1 item(s) above your clearance are not counted.\n"))
        let html = try StallTemplates().renderer.render(restricted, as: .html)
        #expect(html.contains("The 1 item(s) above the reader&#39;s clearance are not counted.") || html.contains("The 1 item(s) above the reader's clearance are not counted."))
        #expect(!html.contains("A secret matter"))
    }

    @Test("a brief with nothing either way says so in its balance, and validates")
    func emptyBrief() throws {
        let world = try TestWorld()
        try world.set(StoredSetting.ourStateKey, "JP")
        try world.engagement("SUMMIT", start: TestWorld.day(30))
        let report = try world.store.stallReport(asOf: TestWorld.day(0), before: "SUMMIT")
        #expect(report.ledger?.balance.sentence == "China has no request pending with us; we have none pending with it.")
        #expect(report.text.contains("\nLedger with China\n  China has no request pending with us; we have none pending with it.\n"))
        let templates = try StallTemplates()
        try LedgerGolden.xmllint(try templates.renderer.render(report, as: .xml))
        let html = try templates.renderer.render(report, as: .html)
        #expect(html.contains("China has no request pending with us; we have none pending with it."))
    }
}

/// The golden files of the two-way reports, and xmllint.
enum LedgerGolden {
    static let folder = StallTemplates.repository.appendingPathComponent("Tests/Golden", isDirectory: true)
    static var updating: Bool { ProcessInfo.processInfo.environment["COMITY_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file `name`, or rewrites it when updating.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if updating {
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path),
                                    "no golden file \(name); run with COMITY_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        let lines = (actual.components(separatedBy: "\n"), String(decoding: expected, as: UTF8.self).components(separatedBy: "\n"))
        let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(Data(actual.utf8) == expected,
                "output differs from Tests/Golden/\(name) at line \((first?.offset ?? min(lines.0.count, lines.1.count)) + 1): \(first.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "length")",
                sourceLocation: sourceLocation)
    }

    /// Validates `xml` against the stall report's schema with xmllint, which must be installed.
    static func xmllint(_ xml: String) throws {
        let xmllint = "/usr/bin/xmllint"
        try #require(FileManager.default.isExecutableFile(atPath: xmllint), "xmllint is not installed: apt-get install libxml2-utils")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("comity-ledger-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--nonet", "--schema", StallTemplates.schemaPath, file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "xmllint refused the report: \(message)")
        #expect(message.contains("validates"))
    }
}

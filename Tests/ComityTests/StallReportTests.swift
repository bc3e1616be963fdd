import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// A copy of the stall report's templates and schema in a temp folder, removed with the value.
///
/// Only the files the stall report uses are copied, so a half-finished letter template elsewhere
/// in `templates/` cannot fail these library tests (the CLI golden tests use the real folder).
final class StallTemplates {
    /// The package root, found from this file.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaPath = repository.appendingPathComponent("templates/schemas/stall-report.xsd").path

    let url: URL
    let renderer: DocumentRenderer

    init() throws {
        let fm = FileManager.default
        url = fm.temporaryDirectory.appendingPathComponent("comity-stall-templates-\(UUID().uuidString)", isDirectory: true)
        for folder in ["report", "shared", "schemas"] {
            try fm.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["report/stall.html.mustache", "report/stall-finding.html.mustache", "report/stall.xml.mustache", "shared/print.css.mustache",
                     "shared/bar-chart.html.mustache", "schemas/stall-report.xsd"] {
            try fm.copyItem(at: Self.repository.appendingPathComponent("templates/\(file)"), to: url.appendingPathComponent(file))
        }
        renderer = try DocumentRenderer(templates: url)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The XML rendering, validated once more against the repository's schema and parsed.
    func xml(_ report: StallReport) throws -> (text: String, root: XMLNode) {
        let text = try renderer.render(report, as: .xml)
        try XMLSchema(path: Self.schemaPath).validate(text, documentName: "stall report")
        let root = try SafeXMLParser(maxBytes: 1 << 24).parse(text, documentName: "stall report")
        return (text, root)
    }
}

@Suite("Stall reports")
struct StallReportTests {
    private func d(_ n: Int) -> CalendarDate { TestWorld.day(n) }
    private static let standstill = TestWorld.date("2011-11-28")

    /// The demo database, loaded through the library into a fresh world's folder.
    private static func demo() throws -> (TestWorld, ComityStore) {
        let world = try TestWorld()
        let store = try ComityStore.create(at: world.folder.appendingPathComponent("demo.sqlite").path)
        try DemoWorld.load(into: store, by: Clerk(name: "Tester", today: TestWorld.date("2024-01-10")))
        return (world, store)
    }

    // MARK: - The seed case

    @Test("the seed case: before the Beijing visit the MHI request is non-committal, ball with China, raise it there")
    func seedCase() throws {
        let (world, store) = try Self.demo()
        defer { withExtendedLifetime(world) {} }
        let report = try store.stallReport(asOf: Self.standstill, before: DemoWorld.nodaVisit)

        #expect(report.title == "Pre-summit brief: Prime Minister Noda's visit to Beijing")
        let brief = try #require(report.engagement)
        #expect(brief.id == "NODA-BEIJING-2011")
        #expect(brief.counterpart == "CN")
        #expect(brief.startDate == TestWorld.date("2011-12-25"))
        #expect(brief.endDate == TestWorld.date("2011-12-26"))
        #expect(brief.daysUntil == 27)
        #expect(report.scope.counterpart == "CN")
        #expect(report.scope.engagementID == "NODA-BEIJING-2011")

        #expect(report.groups.map(\.counterpart) == ["CN"])
        // What China owes us, then what we owe China: its request (invented for the demo), within time.
        #expect(report.groups.flatMap(\.findings).map(\.caseID) == ["MHI-2011", "CN-FRAUD-2011"])
        let findings = report.groups.flatMap(\.findings)
        #expect(findings.map(\.reference) == [DemoWorld.mhiRequest, DemoWorld.incomingRequest])
        let theirs = try #require(findings.last)
        #expect(theirs.direction == .incoming && theirs.ballWith == .us && !theirs.isStalled)
        #expect(theirs.responseDue == TestWorld.date("2011-12-07"))
        let mhi = try #require(findings.first)
        #expect(mhi.reference == "JP-MHI-2011-001")
        #expect(mhi.category == .nonCommittal)
        #expect(mhi.isStalled)
        #expect(mhi.ballWith == .them)
        #expect(mhi.counterpart == "CN")
        #expect(mhi.counterpartName == "China")
        #expect(mhi.sentDate == TestWorld.date("2011-09-30"))
        #expect(mhi.daysSinceSent == 59)
        #expect(mhi.lastReplyKind == .nonCommittal)
        #expect(mhi.daysSinceLastReply == 45)
        #expect(mhi.lastSubstantiveReplyDate == nil)
        #expect(mhi.daysSinceLastSubstantiveReply == nil)
        #expect(mhi.followUpsSent == 0)
        #expect(mhi.lastFollowUp == nil)
        #expect(mhi.recommendedStep == .talkingPoints)
        #expect(mhi.engagement?.id == "NODA-BEIJING-2011")
        #expect(mhi.engagement?.daysUntil == 27)
        #expect(mhi.nextStep.contains("talking point"))
        #expect(mhi.nextStep.contains("25–26 December 2011"))
        #expect(mhi.nextStep.contains("in 27 days"))
        #expect(mhi.talkingPoint.contains("China's only reply, on 14 October 2011, was non-committal"))
        #expect(!mhi.talkingPoint.contains("relevant authorities"), "the reply is quoted as recorded, not as a fixed phrase")
        #expect(mhi.talkingPoint.contains("There has been no substantive reply."))

        #expect(report.summary.outstanding == 2)
        #expect(report.summary.stalled == 1)
        #expect(report.summary.ballWithThem == 1)
        #expect(report.summary.ballWithUs == 1)
        #expect(report.summary.byCategory == [StallReport.CategoryCount(category: .nonCommittal, count: 1)])

        let text = report.text
        #expect(text.contains("JP-MHI-2011-001  NON-COMMITTAL"))
        #expect(text.contains("ball with China"))
        #expect(text.contains("Sent 2011-09-30 (59 days ago)"))
        #expect(text.contains("no substantive reply ever"))
        #expect(text.contains("No follow-up sent yet"))
        #expect(text.contains("Next step: raise it as a talking point at Prime Minister Noda's visit to Beijing (25–26 December 2011, in 27 days)"))
    }

    @Test("the plain stall report on the day of the standstill finds the same request, and only it")
    func demoStallReport() throws {
        let (world, store) = try Self.demo()
        defer { withExtendedLifetime(world) {} }
        let report = try store.stallReport(asOf: Self.standstill)
        #expect(report.title == "Stall report")
        #expect(report.engagement == nil)
        #expect(report.scope.counterpart == nil)
        let findings = report.groups.flatMap(\.findings)
        #expect(findings.map(\.reference) == ["JP-MHI-2011-001"])
        #expect(findings.first?.categories == [.nonCommittal, .overdue])
        // The visit is inside the 60-day look-ahead, so the plain report recommends it too.
        #expect(findings.first?.recommendedStep == .talkingPoints)
        #expect(report.classification == .restricted)
    }

    @Test("as of April 2021 the JAXA request's rejected premise leads the report, marked confidential")
    func demoJAXA() throws {
        let (world, store) = try Self.demo()
        defer { withExtendedLifetime(world) {} }
        let report = try store.stallReport(asOf: TestWorld.date("2021-04-23"), caseID: "JAXA-TICK")
        let jaxa = try #require(report.groups.first?.findings.first)
        #expect(jaxa.reference == DemoWorld.jaxaRequest)
        #expect(jaxa.category == .premiseRejected)
        #expect(jaxa.classification == .confidential)
        #expect(report.classification == .confidential)
        #expect(report.text.hasPrefix("CONFIDENTIAL\n"))
        #expect(report.text.hasSuffix("\nCONFIDENTIAL\n"))
        // The pension request lapsed in 2018 and is outstanding no more; China's request to us
        // (invented for the demo) is still open with us, very overdue.
        #expect(try store.stallReport(asOf: TestWorld.date("2021-04-23")).groups.flatMap(\.findings).map(\.reference).sorted()
            == [DemoWorld.incomingRequest, DemoWorld.jaxaRequest, DemoWorld.mhiRequest].sorted())
    }

    // MARK: - Building reports

    @Test("a brief lists every outstanding request with the counterpart; a plain report only the stalled ones")
    func briefListsEverything() throws {
        let world = try TestWorld()
        try world.send("R-STALLED", on: d(0))
        try world.send("R-FRESH", on: d(15))
        try world.addCase("CASE-B", title: "Second case")
        try world.send("R-OTHER-CASE", on: d(0), case: "CASE-B")
        try world.send("R-US", on: d(0), to: "US-DOJ", basis: nil)
        try world.engagement("SUMMIT", start: d(100), end: d(101), title: "Leaders' summit")

        let plain = try world.store.stallReport(asOf: d(21))
        #expect(plain.groups.flatMap(\.findings).map(\.reference).sorted() == ["R-OTHER-CASE", "R-STALLED", "R-US"])

        let brief = try world.store.stallReport(asOf: d(21), before: "SUMMIT")
        // One counterpart, most severe first, each finding naming its case.
        #expect(brief.groups.map(\.counterpart) == ["CN"])
        #expect(brief.groups[0].findings.map(\.reference) == ["R-OTHER-CASE", "R-STALLED", "R-FRESH"])
        #expect(brief.groups[0].findings.map(\.caseTitle) == ["Second case", "Intrusion into a test company", "Intrusion into a test company"])
        #expect(brief.overview.mostSevere.map(\.reference) == ["R-OTHER-CASE", "R-STALLED"], "only stalled findings are headlines")
        #expect(brief.overview.engagements.map(\.id) == ["SUMMIT"])
        #expect(brief.overview.counterparts.map(\.stalled) == [2])
        #expect(brief.summary.outstanding == 3)
        #expect(brief.summary.stalled == 2)
        let fresh = try #require(brief.groups[0].findings.last)
        #expect(!fresh.isStalled)
        // However far ahead, the engagement a brief prepares for is where to raise each request.
        #expect(fresh.engagement?.daysUntil == 79)
        #expect(fresh.recommendedStep == .talkingPoints)
        #expect(brief.text.contains("R-FRESH  outstanding, not stalled"))
        #expect(brief.text.contains("Talking point: Raise our request of 21 January 2020 (R-FRESH)"))
        // Without the brief the summit is beyond the look-ahead window.
        #expect(plain.groups.flatMap(\.findings).first { $0.reference == "R-STALLED" }?.recommendedStep == .reminder)
    }

    @Test("findings are ordered by severity, then reference; the summary counts main categories")
    func severityOrdering() throws {
        let world = try TestWorld()
        try world.addCase("CASE-L", limitation: d(140))
        try world.send("A-LOW", on: d(0), case: "CASE-L")
        try world.reply("A-LOW", on: d(1), .acknowledgement)
        try world.send("B-MEDIUM", on: d(0), case: "CASE-L", basis: nil)
        try world.reply("B-MEDIUM", on: d(1), .interimStatus)
        try world.send("C-MEDIUM", on: d(0), case: "CASE-L", basis: nil)
        try world.reply("C-MEDIUM", on: d(1), .interimStatus)
        try world.send("D-HIGH", on: d(0), case: "CASE-L", basis: nil, urgency: .urgent)
        try world.reply("D-HIGH", on: d(1), .interimStatus)
        try world.send("E-PLAIN", on: d(0))
        try world.reply("E-PLAIN", on: d(1), .acknowledgement)
        try world.move("E-PLAIN", to: .underExecution, on: d(2))

        // As of day 47 the limitation date (day 140) is 93 days off: no hard limit yet.
        let report = try world.store.stallReport(asOf: d(47), caseID: "CASE-L")
        let findings = try #require(report.groups.first?.findings)
        #expect(findings.map(\.reference) == ["D-HIGH", "B-MEDIUM", "C-MEDIUM", "A-LOW"])
        #expect(findings.map(\.severity) == [.high, .medium, .medium, .low])
        #expect(report.summary.byCategory == [.init(category: .acknowledgedOnly, count: 1), .init(category: .overdue, count: 3)])
        #expect(report.scope.caseID == "CASE-L")
        #expect(report.text.contains("Scope: case CASE-L"))

        // Three days later the limitation date is 90 days off and leads every finding.
        let later = try world.store.stallReport(asOf: d(50), caseID: "CASE-L")
        #expect(later.summary.byCategory == [.init(category: .hardLimitApproaching, count: 4)])
        #expect(later.groups.first?.findings.map(\.reference) == ["D-HIGH", "A-LOW", "B-MEDIUM", "C-MEDIUM"])
        #expect(later.groups.first?.findings.first?.severity == .critical)
    }

    @Test("ball with us is counted and shown")
    func ballWithUs() throws {
        let world = try TestWorld()
        try world.send("R-OURS", on: d(0))
        try world.reply("R-OURS", on: d(1), .supplementRequest)
        try world.send("R-THEIRS", on: d(0))
        let report = try world.store.stallReport(asOf: d(40))
        #expect(report.summary.ballWithUs == 1)
        #expect(report.summary.ballWithThem == 1)
        #expect(report.text.contains("R-OURS  SUPPLEMENT-LOOP, severity medium  ball with us"))
        #expect(report.text.contains("no response clock running"))
        #expect(report.text.contains("ball with them: 1, with us: 1"))
    }

    @Test("an empty report says nothing is stalled")
    func emptyReport() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        let report = try world.store.stallReport(asOf: d(5), counterpart: "cn")
        #expect(report.groups.isEmpty)
        #expect(report.summary.outstanding == 0)
        #expect(report.scope.counterpart == "CN")
        #expect(report.text.contains("\nNothing is stalled.\n"))
        #expect(report.text.contains("Scope: counterpart CN"))
        #expect(report.classification == .unclassified)
    }

    // MARK: - Refusals

    @Test("a brief refuses an unknown engagement, one already past, a mismatched counterpart; unknown scopes are not found")
    func refusals() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        try world.engagement("SUMMIT", start: d(30), end: d(31))

        #expect(throws: ComityError.notFound(kind: "engagement", id: "NOPE", hint: "see 'comity engagement list'")) {
            try world.store.stallReport(asOf: d(21), before: "NOPE")
        }
        do {
            _ = try world.store.stallReport(asOf: d(32), before: "SUMMIT")
            Issue.record("a brief for an engagement that has ended was produced")
        } catch {
            #expect(error.category == .invalid)
            #expect(error.description.contains("engagement SUMMIT ended on 2020-02-06"))
        }
        // On its last day the engagement is still to come (in progress): a brief is fine, 0 days away.
        #expect(try world.store.stallReport(asOf: d(31), before: "SUMMIT").engagement?.daysUntil == 0)
        do {
            _ = try world.store.stallReport(asOf: d(21), counterpart: "US", before: "SUMMIT")
            Issue.record("a brief with a mismatched counterpart was produced")
        } catch {
            #expect(error.category == .invalid)
            #expect(error.description.contains("is with CN, not US"))
        }
        #expect(throws: ComityError.self) { try world.store.stallReport(asOf: d(21), counterpart: "FR") }
        do {
            _ = try world.store.stallReport(asOf: d(21), caseID: "NO-SUCH-CASE")
            Issue.record("a report for an unknown case was produced")
        } catch {
            #expect(error.category == .notFound)
        }
    }

    // MARK: - Rendering

    @Test("XML of a report with every kind of finding validates, and parses to the report's values")
    func xmlOfEveryKind() throws {
        let world = try TestWorld()
        try world.addCase("CASE-L", limitation: d(100))
        try world.send("R-LIMIT", on: d(0), case: "CASE-L", preservedUntil: d(90))
        try world.followUp("R-LIMIT", on: d(5), .noteVerbale)
        try world.send("R-OURS", on: d(0))
        try world.reply("R-OURS", on: d(1), .supplementRequest)
        try world.send("R-FRESH", on: d(30))
        try world.engagement("SUMMIT", start: d(45), title: "Summit")
        let report = try world.store.stallReport(asOf: d(40), before: "SUMMIT")
        #expect(report.summary.outstanding == 3)

        let templates = try StallTemplates()
        let (text, root) = try templates.xml(report)
        #expect(root.name == "stall-report")
        #expect(root.attribute("as-of") == d(40).iso)
        #expect(root.children(named: "engagement").first?.attribute("days-until") == "5")
        let requests = root.children(named: "counterpart-findings").flatMap { $0.children(named: "request") }
        #expect(Set(requests.compactMap { $0.attribute("reference") }) == ["R-LIMIT", "R-OURS", "R-FRESH"])
        #expect(requests.first { $0.attribute("reference") == "R-LIMIT" }?.attribute("case") == "CASE-L")
        // The summary leads: the stalled findings most severe first, and the engagement ahead.
        let overview = try #require(root.children(named: "overview").first)
        #expect(overview.children(named: "most-severe").compactMap { $0.attribute("reference") } == report.overview.mostSevere.map(\.reference))
        #expect(Set(overview.children(named: "most-severe").compactMap { $0.attribute("reference") }) == ["R-LIMIT", "R-OURS"])
        #expect(overview.children(named: "engagement-ahead").compactMap { $0.attribute("id") } == ["SUMMIT"])
        #expect(overview.children(named: "counterpart").first?.attribute("outstanding") == "3")
        let fresh = try #require(requests.first { $0.attribute("reference") == "R-FRESH" })
        #expect(fresh.attribute("stalled") == "false")
        #expect(fresh.attribute("severity") == "none")
        #expect(fresh.children(named: "category").isEmpty)
        #expect(fresh.children(named: "talking-point").first?.text.hasPrefix("Raise our request") == true)
        let limit = try #require(requests.first { $0.attribute("reference") == "R-LIMIT" })
        #expect(limit.children(named: "hard-limit").first?.attribute("days-left") == "50")
        #expect(limit.children(named: "follow-ups").first?.attribute("last-kind") == "note-verbale")
        let ours = try #require(requests.first { $0.attribute("reference") == "R-OURS" })
        #expect(ours.attribute("ball-with") == "us")
        #expect(ours.children(named: "response-due").isEmpty)
        #expect(ours.children(named: "next-step").first?.attribute("step") == "")
        #expect(!text.contains("{{"))

        let html = try templates.renderer.render(report, as: .html)
        #expect(html.contains("<h1>Pre-summit brief: Summit</h1>"))
        #expect(html.contains("ball with us"))
        #expect(html.contains("Hard limit"))
        #expect(html.contains("no response clock running"))
    }

    @Test("an empty report renders and validates too")
    func emptyReportRenders() throws {
        let world = try TestWorld()
        let report = try world.store.stallReport(asOf: d(0))
        let templates = try StallTemplates()
        let (_, root) = try templates.xml(report)
        #expect(root.children(named: "case").isEmpty)
        #expect(root.children(named: "summary").first?.attribute("outstanding") == "0")
        #expect(try templates.renderer.render(report, as: .html).contains("<p>Nothing is stalled.</p>"))
    }

    @Test("JSON of a report round-trips and leaves absent values out")
    func jsonRoundTrip() throws {
        let world = try TestWorld()
        try world.send("R-1", on: d(0))
        let report = try world.store.stallReport(asOf: d(21))
        let json = try JSONDocument.encode(report)
        let decoded = try JSONDecoder().decode(StallReport.self, from: Data(json.utf8))
        #expect(decoded.groups.first?.findings.first?.reference == "R-1")
        #expect(decoded.groups.first?.findings.first?.category == .noAcknowledgement)
        #expect(json.contains("\"asOf\" : \"2020-01-27\""))
        #expect(!json.contains("lastReplyDate"))
        #expect(!json.contains("daysSinceLastSubstantiveReply"))
        #expect(!json.contains("null"))
    }
}

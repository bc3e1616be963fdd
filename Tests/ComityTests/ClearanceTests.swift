import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Requests above the reader's clearance are left out of stall queries in SQL, and counted.
@Suite("clearance")
struct ClearanceTests {
    /// R-PLAIN restricted; R-SECRET-REPLY restricted with a secret reply on day 10; R-OPEN unclassified
    /// in an unclassified case.
    /// All three stalled by day 60.
    static func world() throws -> TestWorld {
        let world = try TestWorld()
        try world.send("R-PLAIN", on: TestWorld.day(0))
        try world.send("R-SECRET-REPLY", on: TestWorld.day(0))
        try world.store.addReply(
            Reply(requestReference: "R-SECRET-REPLY", date: TestWorld.day(10), kind: .nonCommittal, summary: "Cipher", classification: .secret),
            by: world.clerk(TestWorld.day(10)))
        try world.store.addCase(
            Case(id: "CASE-U", title: "Open case", leadAuthority: "JP-NPSC", offence: "Fraud", incidentDate: TestWorld.day(0),
                 discoveryDate: TestWorld.day(0), classification: .unclassified),
            by: world.clerk(TestWorld.day(0)))
        try world.store.addRequest(
            Request(reference: "R-OPEN", caseID: "CASE-U", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
                    basisID: "JP-CN-MLAT", subject: "Open", classification: .unclassified, sentDate: TestWorld.day(0)),
            by: world.clerk(TestWorld.day(0)))
        return world
    }

    static func references(_ world: TestWorld, _ clearance: Classification, asOf: CalendarDate = TestWorld.day(60)) throws -> [String] {
        try world.store.assessments(ComityStore.StallScope(asOf: asOf, clearance: clearance)).map(\.reference)
    }

    @Test("a request with a secret reply is withheld at confidential, and counted")
    func secretReply() throws {
        let world = try Self.world()
        #expect(try Self.references(world, .secret) == ["R-OPEN", "R-PLAIN", "R-SECRET-REPLY"])
        #expect(try Self.references(world, .confidential) == ["R-OPEN", "R-PLAIN"])
        #expect(try world.store.withheldCount(ComityStore.StallScope(asOf: TestWorld.day(60), clearance: .confidential)) == 1)
        #expect(try world.store.withheldCount(ComityStore.StallScope(asOf: TestWorld.day(60), clearance: .secret)) == 0)
    }

    @Test("a reply counts only once received: before it the request is shown")
    func replyAfterAsOf() throws {
        let world = try Self.world()
        #expect(try Self.references(world, .confidential, asOf: TestWorld.day(9)).contains("R-SECRET-REPLY") == false)
        let scope = ComityStore.StallScope(asOf: TestWorld.day(9), includeNotStalled: true, clearance: .confidential)
        #expect(try world.store.assessments(scope).map(\.reference) == ["R-OPEN", "R-PLAIN", "R-SECRET-REPLY"])
    }

    @Test("unclassified clearance sees only unclassified requests; the report counts the rest")
    func unclassifiedOnly() throws {
        let world = try Self.world()
        #expect(try Self.references(world, .unclassified) == ["R-OPEN"])
        let report = try world.store.stallReport(asOf: TestWorld.day(60), clearance: .unclassified)
        #expect(report.withheld == 2)
        #expect(report.classification == .unclassified)
        #expect(report.summary.outstanding == 1)
        #expect(try world.store.stallReport(asOf: TestWorld.day(60)).classification == .secret, "a secret reply raises the mark")
    }

    @Test("the plain request list withholds what the stall queries withhold, and counts it")
    func plainList() throws {
        let world = try Self.world()
        func listed(_ clearance: Classification, asOf: CalendarDate? = nil) throws -> ([String], Int) {
            let (shown, withheld) = try world.store.requests(clearance: clearance, asOf: asOf)
            return (shown.map(\.reference), withheld)
        }
        #expect(try listed(.secret) == (["R-OPEN", "R-PLAIN", "R-SECRET-REPLY"], 0))
        #expect(try listed(.confidential) == (["R-OPEN", "R-PLAIN"], 1))
        #expect(try listed(.confidential, asOf: TestWorld.day(9)) == (["R-OPEN", "R-PLAIN", "R-SECRET-REPLY"], 0), "the secret reply is not yet received")
        #expect(try listed(.unclassified) == (["R-OPEN"], 2))
        let (open, withheld) = try world.store.requests(counterpart: "cn", openOnly: true, clearance: .restricted, asOf: TestWorld.day(60))
        #expect(open.map(\.reference) == ["R-OPEN", "R-PLAIN"] && withheld == 1)
        #expect(try world.store.requests().map(\.reference) == ["R-OPEN", "R-PLAIN", "R-SECRET-REPLY"])
    }

    @Test("a single withheld request is refused without its details")
    func singleRequest() throws {
        let world = try Self.world()
        let error = #expect(throws: ComityError.self) {
            try world.store.clocks(of: "R-SECRET-REPLY", asOf: TestWorld.day(60), clearance: .restricted)
        }
        #expect(error?.description.contains("R-SECRET-REPLY") == true)
        #expect(error?.description.contains("Cipher") == false)
        #expect(try world.store.clocks(of: "R-PLAIN", asOf: TestWorld.day(60), clearance: .restricted) != nil)
    }

    @Test("the default clearance is secret until set, and is logged")
    func defaultClearance() throws {
        let world = try Self.world()
        #expect(try world.store.defaultClearance() == .secret)
        try world.set("clearance", "Confidential")
        #expect(try world.store.defaultClearance() == .confidential)
        #expect(throws: ComityError.self) { try world.set("clearance", "top-secret") }
        #expect(throws: ComityError.self) { try world.set("clearance", "restricted", for: .diplomatic) }
        #expect(try world.store.settings(for: .centralAuthority).noAckDays == 21, "thresholds unaffected")
        try world.store.unsetSetting("clearance", channel: nil, by: world.clerk(TestWorld.day(1)))
        #expect(try world.store.defaultClearance() == .secret)
    }

    @Test("an export withholds requests above the clearance with what hangs on them, and counts them")
    func export() throws {
        let world = try Self.world()
        let export = try world.store.export(clearance: .confidential)
        let json = InterchangeJSON.encode(export.tables, withheld: export.withheld)
        #expect(!json.contains("R-SECRET-REPLY"))
        #expect(!json.contains("Cipher"))
        #expect(json.contains("\"classification\": \"restricted\""))
        // The request, its reply and their history.
        #expect(export.withheld >= 3)
        #expect(InterchangeJSON.decode(json, file: "x.json").problems.isEmpty)
        let whole = try world.store.export()
        #expect(whole.withheld == 0 && whole.classification == .secret)
    }
}

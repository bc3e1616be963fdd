import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// Whose desk a database is (`our-state`), and the direction of the cases and requests it holds.
@Suite struct DirectionTests {
    static let ourState = StoredSetting.ourStateKey

    @Test func directionOfARequest() {
        #expect(Direction.of(from: "JP", to: "CN", ourState: "JP") == .outgoing)
        #expect(Direction.of(from: "CN", to: "JP", ourState: "JP") == .incoming)
        #expect(Direction.of(from: "CN", to: "US", ourState: "JP") == nil)
    }

    @Test func aCaseLedByTheCounterpartIsRefused() throws {
        let world = try TestWorld()
        try world.store.setSetting(Self.ourState, to: "jp", channel: nil, by: world.clerk(TestWorld.day(0)))
        #expect(try world.store.ourState() == "JP")
        let error = #expect(throws: ComityError.self) { try world.addCase("CASE-CN", lead: "CN-MPS") }
        #expect(error?.description == "case CASE-CN would be led by CN-MPS of CN, but this desk is JP's and leads only its own investigations; choose a lead authority of JP")
        try world.addCase("CASE-JP", lead: "JP-NPA")
    }

    @Test func requestsGoFromOurStateToAnother() throws {
        let world = try TestWorld()
        // Without the desk's state, a case of another state can be recorded, as before.
        try world.addCase("CASE-US", lead: "US-DOJ")
        try world.send("US-CN-1", on: TestWorld.day(0), from: "US-DOJ", to: "CN-MPS", case: "CASE-US", basis: nil)
        // Once it is set, the desk refuses to be a state whose cases it does not hold…
        let refused = #expect(throws: ComityError.self) {
            try world.store.setSetting(Self.ourState, to: "JP", channel: nil, by: world.clerk(TestWorld.day(1)))
        }
        #expect(refused?.description.hasPrefix("this desk cannot be JP's: case CASE-US is led by US-DOJ of US") == true, "\(String(describing: refused))")
        #expect(try world.store.ourState() == nil)
    }

    @Test func aRequestToOurOwnStateIsRefused() throws {
        let world = try TestWorld()
        try world.store.setSetting(Self.ourState, to: "JP", channel: nil, by: world.clerk(TestWorld.day(0)))
        let error = #expect(throws: ComityError.self) {
            try world.send("JP-JP-1", on: TestWorld.day(0), from: "JP-NPSC", to: "JP-NPA", basis: nil)
        }
        #expect(error?.description.contains("both of JP") == true)
        try world.send("JP-CN-1", on: TestWorld.day(0))
    }

    @Test func checkListsEveryCaseAndRequestOfTheWrongDirection() throws {
        let world = try TestWorld()
        try world.addCase("CASE-US", lead: "US-DOJ")
        try world.send("US-CN-1", on: TestWorld.day(0), from: "US-DOJ", to: "CN-MPS", case: "CASE-US", basis: nil)
        // Set behind Comity's back, as an older Comity or sqlite3 could.
        try world.store.queue.write { db in
            try db.execute(sql: "INSERT INTO setting (channel, key, value) VALUES ('*', 'our-state', 'JP')")
        }
        let report = try world.store.check(today: TestWorld.day(1))
        #expect(report.problems.contains("direction: case CASE-US is led by US-DOJ of US, but this desk is JP's"), "\(report.problems)")
        #expect(report.problems.contains("direction: request US-CN-1 goes from US to CN, but this desk is JP's and records the requests JP sends or receives"))
        #expect(!report.problems.contains { $0.contains("CASE-A") })
    }

    @Test func theMigrationDerivesOurStateWhenTheDataIsOfOneState() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-direction-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        func olderDatabase(_ name: String, leads: [String]) throws -> String {
            let path = folder.appendingPathComponent(name).path
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v9-import-events")
            try queue.write { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                try db.execute(sql: """
                    INSERT INTO party VALUES ('JP', 'Japan', 'Japan', NULL), ('CN', 'China', 'People''s Republic of China', NULL);
                    INSERT INTO authority (id, party, name, role) VALUES ('JP-NPSC', 'JP', 'NPSC', 'central-authority'),
                        ('CN-MPS', 'CN', 'MPS', 'central-authority');
                    """)
                for (n, lead) in leads.enumerated() {
                    try db.execute(sql: """
                        INSERT INTO case_file (id, title, lead_authority, offence, incident_date, discovery_date, classification)
                        VALUES (?, 'A case', ?, 'Fraud', '2011-08-11', '2011-08-11', 'restricted')
                        """, arguments: ["CASE-\(n)", lead])
                }
                if leads.first == "JP-NPSC" {
                    // A request refers to the case table the migration rebuilds.
                    try db.execute(sql: """
                        INSERT INTO request (reference, case_id, from_authority, to_authority, channel, subject, items, urgency, classification, state)
                        VALUES ('R-1', 'CASE-0', 'JP-NPSC', 'CN-MPS', 'central-authority', 'Logs', '["Logs"]', 'routine', 'restricted', 'drafted')
                        """)
                }
            }
            return path
        }
        let one = try ComityStore.open(at: try olderDatabase("one.sqlite", leads: ["JP-NPSC", "JP-NPSC"]))
        #expect(try one.ourState() == "JP")
        // The case table was rebuilt so an incident may be unknown; its rows and indexes survive.
        #expect(try one.caseFile("CASE-0").incidentDate?.iso == "2011-08-11")
        try one.addCase(Case(id: "CASE-X", title: "Unknown start", leadAuthority: "JP-NPSC", offence: "Fraud", incident: nil,
                             discovered: try ReportedDate(iso: "2011-09")), by: Clerk(name: "Sato", today: try CalendarDate(iso: "2011-10-01")))
        #expect(try one.caseFile("CASE-X").incidentDate == nil)
        let indexes = try one.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'case_file' AND sql IS NOT NULL")
        }
        #expect(indexes == ["case_stall"])
        #expect(try one.request("R-1").caseID == "CASE-0")
        #expect(try one.check(today: try CalendarDate(iso: "2011-10-01")).problems.isEmpty)

        let mixed = try ComityStore.open(at: try olderDatabase("mixed.sqlite", leads: ["JP-NPSC", "CN-MPS"]))
        #expect(try mixed.ourState() == nil)
        let empty = try ComityStore.open(at: try olderDatabase("empty.sqlite", leads: []))
        #expect(try empty.ourState() == nil)
    }
}

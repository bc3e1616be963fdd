import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// One value damaged behind Comity's back, and the refusal every reader must give for it.
struct RecordDamage: Sendable, CustomTestStringConvertible {
    var label: String
    /// The SQL that damages the demo world.
    var sql: String
    /// The refusal: the record as a clerk names it, its key, the column, and a phrase of why.
    var table: String
    var key: String
    var column: String
    var why: String
    /// Whether the stall engine reads the column (it leaves out the items of assistance).
    var readByStall = true

    var testDescription: String { label }

    /// Whether `error` is this damage's refusal.
    func matches(_ error: ComityError) -> Bool {
        guard case .damagedRecord(let t, let k, let c, let w) = error else { return false }
        return t == table && k == key && c == column && w.contains(why)
    }

    /// The line `check` gives for it.
    var problem: String { "damaged record: \(table) \(key): its \(column) " }
}

@Suite("A damaged record is refused in one sentence by every reader, and check lists it")
struct DamagedRecordTests {
    static let reference = DemoWorld.mhiRequest
    /// The demo's stall date: the MHI request is stalled on it.
    static let asOf = Fixture.day("2011-11-28")
    static let request = "UPDATE request SET %@ WHERE reference = '\(DemoWorld.mhiRequest)'"

    static func damaging(_ change: String) -> String { request.replacingOccurrences(of: "%@", with: change) }

    static let kinds: [RecordDamage] = [
        RecordDamage(label: "a date that is no calendar date", sql: damaging("sent_date = '2011-13-01'"),
                     table: "request", key: reference, column: "sent_date", why: "holds 2011-13-01, which is not a real date (there is no month 13)"),
        RecordDamage(label: "a date not written YYYY-MM-DD", sql: damaging("preserved_until = '30/09/2012'"),
                     table: "request", key: reference, column: "preserved_until", why: "holds '30/09/2012', which is not a date written YYYY-MM-DD"),
        RecordDamage(label: "an unknown state", sql: damaging("state = 'stalled-forever'"),
                     table: "request", key: reference, column: "state", why: "holds 'stalled-forever', which is not one of drafted, in-clearance"),
        RecordDamage(label: "an unknown channel", sql: damaging("channel = 'carrier-pigeon'"),
                     table: "request", key: reference, column: "channel", why: "holds 'carrier-pigeon', which is not one of central-authority"),
        RecordDamage(label: "a list of numbers where texts belong", sql: damaging("items = '[1, 2]'"),
                     table: "request", key: reference, column: "items", why: "does not hold a JSON list of texts", readByStall: false),
        RecordDamage(label: "an object where a list belongs", sql: damaging("items = '{\"first\": \"servers\"}'"),
                     table: "request", key: reference, column: "items", why: "does not hold a JSON list of texts", readByStall: false),
        // SQLite keeps NOT NULL, so the column must first lose it, as an edited schema would.
        RecordDamage(label: "NULL in a required column", sql: """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_master SET sql = replace(sql, 'subject TEXT NOT NULL', 'subject TEXT') WHERE name = 'request';
            PRAGMA writable_schema = RESET;
            \(damaging("subject = NULL"));
            """, table: "request", key: reference, column: "subject", why: "is NULL where a value is required"),
        RecordDamage(label: "binary data where text belongs", sql: damaging("subject = x'00ff'"),
                     table: "request", key: reference, column: "subject", why: "holds binary data where text belongs"),
    ]

    /// The demo world in a fresh folder, damaged by `sql`, opened again (an edited schema is
    /// not seen by a connection that read the old one).
    static func damaged(_ sql: String, _ body: (ComityStore) throws -> Void) throws {
        try Fixture.withDirectory { dir in
            let path = try InterchangeTests.demo(dir).path
            try InterchangeTests.raw(path) { db in try db.execute(sql: sql) }
            try body(try ComityStore.open(at: path))
        }
    }

    /// The refusal `body` throws, which must be a damaged record.
    static func refusal(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> ComityError? {
        do {
            try body()
            Issue.record("nothing was refused", sourceLocation: sourceLocation)
        } catch let error as ComityError {
            return error
        } catch {
            Issue.record("refused with \(error), not a ComityError", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test("read by name, by position, in a stall report and by check", arguments: kinds)
    func refusedEverywhere(damage: RecordDamage) throws {
        try Self.damaged(damage.sql) { store in
            let byName = try #require(Self.refusal { _ = try store.request(Self.reference) })
            #expect(damage.matches(byName), "\(byName)")
            #expect(byName.category == .store)

            let byPosition = try #require(Self.refusal {
                try store.read { db in
                    _ = try Request.cursor(
                        db.makeStatement(sql: "SELECT \(Request.selectList()) FROM request WHERE reference = ?"), arguments: [Self.reference]
                    ).next()
                }
            })
            #expect(byPosition == byName)

            // One sentence naming the record, its column and what to do, and nothing else of the row.
            let sentence = byName.description
            #expect(sentence.hasPrefix("request \(Self.reference) is damaged: its \(damage.column) "))
            #expect(sentence.contains("run 'comity check'") && sentence.contains("restore the database from a backup"))
            #expect(!sentence.contains("\n") && !sentence.contains("Mitsubishi") && !sentence.contains("CN-MPS"), "\(sentence)")

            let listed = try store.check().problems
            #expect(listed.count == 1 && listed.first?.hasPrefix(damage.problem) == true, "\(listed)")
            #expect(listed.first?.contains(damage.why) == true, "\(listed)")

            // The stall engine reads no items of assistance; it must not drop the request either way.
            if damage.readByStall {
                let report = try #require(Self.refusal { _ = try store.stallReport(asOf: Self.asOf) })
                #expect(report == byName)
                let listing = try #require(Self.refusal {
                    try store.writeStallListing(asOf: Self.asOf, counterpart: nil, caseID: nil, before: nil, clearance: .secret,
                                                chunkSize: 1, workers: 2, to: { _ in })
                })
                #expect(listing == byName)
            } else {
                #expect(try store.assessments(ComityStore.StallScope(asOf: Self.asOf)).map(\.reference).contains(Self.reference))
            }
        }
    }

    /// Damage in the other tables a stall report reads, each in a place its filters look at.
    static let stallKinds: [RecordDamage] = [
        RecordDamage(label: "a reply dated after the as-of date by its text", sql: "UPDATE reply SET date = '2011-11-31' WHERE request_ref = '\(reference)'",
                     table: "reply", key: "1", column: "date", why: "holds 2011-11-31, which is not a real date (November 2011 has 30 days)"),
        RecordDamage(label: "a case of an unknown classification", sql: "UPDATE case_file SET classification = 'top' WHERE id = 'MHI-2011'",
                     table: "case", key: "MHI-2011", column: "classification", why: "holds 'top', which is not one of unclassified"),
        RecordDamage(label: "a follow-up of an unknown kind", sql: """
            INSERT INTO follow_up (id, request_ref, date, kind) VALUES (1000, '\(reference)', '2011-11-01', 'sonnet')
            """, table: "follow-up", key: "1000", column: "kind", why: "holds 'sonnet', which is not one of reminder"),
        RecordDamage(label: "a move on a date that is no date", sql: """
            INSERT INTO event (id, subject_type, subject_id, action, date, recorded_on, actor, from_state, to_state)
            VALUES (1000, 'request', '\(reference)', 'moved', '2011-13-45', '2024-01-10', 'x', 'acknowledged', 'under-execution')
            """, table: "history event", key: "1000", column: "date", why: "holds 2011-13-45, which is not a real date"),
        RecordDamage(label: "a move to no state", sql: """
            INSERT INTO event (id, subject_type, subject_id, action, date, recorded_on, actor, from_state, to_state)
            VALUES (1000, 'request', '\(reference)', 'moved', '2011-11-01', '2024-01-10', 'x', 'acknowledged', NULL)
            """, table: "history event", key: "1000", column: "to_state", why: "is NULL where a value is required"),
        RecordDamage(label: "an authority of an unknown role", sql: "UPDATE authority SET role = 'oracle' WHERE id = 'CN-MPS'",
                     table: "authority", key: "CN-MPS", column: "role", why: "holds 'oracle', which is not one of central-authority",
                     readByStall: false),
    ]

    @Test("damage in a reply, case, follow-up, move or authority is refused, never left out", arguments: stallKinds)
    func refusedInReports(damage: RecordDamage) throws {
        try Self.damaged(damage.sql) { store in
            if damage.readByStall {
                let report = try #require(Self.refusal { _ = try store.stallReport(asOf: Self.asOf) })
                #expect(damage.matches(report), "\(report)")
            }
            let listed = try store.check().problems
            #expect(listed.count == 1 && listed.first?.hasPrefix(damage.problem) == true, "\(listed)")
        }
    }

    @Test("a damaged clearance setting is refused, never read as the default, which withholds nothing")
    func damagedClearance() throws {
        try Self.damaged("INSERT INTO setting (channel, key, value) VALUES ('*', 'clearance', 'ultra')") { store in
            let refusal = try #require(Self.refusal { _ = try store.defaultClearance() })
            #expect(refusal == .damagedRecord(table: "setting", key: "*/clearance", column: "value",
                                              why: "holds 'ultra', which is not one of unclassified, restricted, confidential, secret"))
            #expect(try store.check().problems == ["damaged record: setting */clearance: its value holds 'ultra', which is not one of unclassified, restricted, confidential, secret"])
        }
    }

    @Test("check lists every damaged record, one line each, and still checks the others")
    func checkListsEach() throws {
        try Self.damaged("""
            UPDATE case_file SET classification = 'top';
            \(Self.damaging("sent_date = '2011-13-01'"));
            """) { store in
            let problems = try store.check().problems
            #expect(problems.filter { $0.hasPrefix("damaged record: case ") }.count == 4, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("damaged record: request \(Self.reference): its sent_date ") }, "\(problems)")
            #expect(problems.count == 5, "\(problems)")
        }
    }
}

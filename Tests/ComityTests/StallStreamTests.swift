import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Large stall queries cut into chunks and assessed on several connections at once.
@Suite("Stall queries on several connections")
struct StallStreamTests {
    static func run(
        _ store: ComityStore, _ scope: ComityStore.StallScope, chunkSize: Int, workers: Int
    ) throws -> (json: [String], withheld: Int) {
        var json: [String] = []
        let withheld = try store.streamAssessments(scope, chunkSize: chunkSize, workers: workers, transform: { a in
            String(decoding: try JSONStreamWriter.bytes { try a.write(to: &$0) }, as: UTF8.self)
        }) { json.append($0) }
        return (json, withheld)
    }

    /// Scopes of every kind a stall query reads: all, one counterpart, a brief's, the past, a lower clearance.
    static func scopes(_ today: CalendarDate) -> [ComityStore.StallScope] {
        [
            ComityStore.StallScope(asOf: today),
            ComityStore.StallScope(asOf: today, counterpart: "CN"),
            ComityStore.StallScope(asOf: today, includeNotStalled: true),
            // A year back: requests closed since then were still open, and are found by their moves.
            ComityStore.StallScope(asOf: today.adding(days: -365)),
            ComityStore.StallScope(asOf: today, clearance: .restricted),
        ]
    }

    @Test("chunks on several connections give the same assessments, in the same order, as one connection")
    func sameAsOneConnection() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_500)
        let today = SyntheticWorldTests.today
        for scope in Self.scopes(today) {
            let one = try Self.run(store, scope, chunkSize: 1_000_000, workers: 1)
            #expect(one.json.count > 5, "\(scope)")
            #expect(Set(one.json).count == one.json.count)
            for (chunkSize, workers) in [(7, 2), (50, 3), (1, 4)] {
                let many = try Self.run(store, scope, chunkSize: chunkSize, workers: workers)
                #expect(many.json == one.json, "chunks of \(chunkSize) on \(workers) connections")
                #expect(many.withheld == one.withheld)
            }
        }
        let restricted = try Self.run(store, ComityStore.StallScope(asOf: today, clearance: .restricted), chunkSize: 9, workers: 2)
        #expect(restricted.withheld > 0)
    }

    @Test("a stall query read on one connection a chunk of references at a time gives the same assessments, in the same order")
    func chunksOnOneConnection() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_500)
        let today = SyntheticWorldTests.today
        // And as recorded a year back: corrections since are undone, requests recorded since left out.
        let scopes = Self.scopes(today) + [ComityStore.StallScope(asOf: today.adding(days: -365), recordedBy: today.adding(days: -365))]
        func json(_ a: Assessment) throws -> String { String(decoding: try JSONStreamWriter.bytes { try a.write(to: &$0) }, as: UTF8.self) }
        for scope in scopes {
            let whole = try store.read { db -> [String] in
                var all: [String] = []
                try ComityStore.forEachAssessment(db, scope) { all.append(try json($0)) }
                return all
            }
            #expect(whole.count > 5, "\(scope)")
            for (first, size) in [(1, 1), (1, 7), (3, 50), (64, 2048)] {
                let chunked = try store.read { db -> [String] in
                    var all: [String] = []
                    let context = try StallContext(db, asOf: scope.asOf, recordedBy: scope.recordedBy)
                    try ComityStore.forEachAssessmentInChunks(db, scope, context: context, first: first, size: size) { all.append(try json($0)) }
                    return all
                }
                #expect(chunked == whole, "first chunk \(first), then \(size): \(scope)")
            }
        }
        // A scope with no request is still checked: an unknown counterpart is refused.
        #expect(throws: (any Error).self) {
            try store.read { db in
                try ComityStore.forEachAssessmentInChunks(
                    db, ComityStore.StallScope(asOf: today, counterpart: "ZZ"), context: try StallContext(db, asOf: today), first: 2, size: 2) { _ in }
            }
        }
    }

    @Test("the JSON listing is the same bytes whatever the chunks and connections")
    func listingBytesIndependentOfChunking() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 1_500)
        let today = SyntheticWorldTests.today
        for (counterpart, clearance) in [(nil, Classification.secret), ("CN", .secret), (nil, .restricted)] as [(String?, Classification)] {
            func listing(chunkSize: Int, workers: Int) throws -> [UInt8] {
                var bytes: [UInt8] = []
                try store.writeStallListing(
                    asOf: today, counterpart: counterpart, caseID: nil, before: nil, clearance: clearance,
                    chunkSize: chunkSize, workers: workers) { bytes += $0 }
                return bytes
            }
            // One connection, one batch: the whole world's findings come in several 64 KB pieces.
            let one = try listing(chunkSize: 1_000_000, workers: 1)
            #expect(one.count > (counterpart == nil ? 3 * 65_536 : 10_000), "\(one.count) bytes")
            for (chunkSize, workers) in [(1, 2), (7, 2), (40, 3), (2048, 2)] {
                let many = try listing(chunkSize: chunkSize, workers: workers)
                #expect(many == one, "chunks of \(chunkSize) on \(workers) connections, counterpart \(counterpart ?? "all")")
            }
        }
    }

    @Test("a failure in one chunk stops every connection and is reported")
    func failureStopsTheRun() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 800)
        let scope = ComityStore.StallScope(asOf: SyntheticWorldTests.today)
        let all = try Self.run(store, scope, chunkSize: 1_000_000, workers: 1).json
        let victim = all[all.count / 2]
        var seen = 0
        #expect(throws: ComityError.self) {
            _ = try store.streamAssessments(scope, chunkSize: 5, workers: 2, transform: { a in
                let json = String(decoding: try JSONStreamWriter.bytes { try a.write(to: &$0) }, as: UTF8.self)
                if json == victim { throw ComityError.store("planted failure") }
                return json
            }) { _ in seen += 1 }
        }
        #expect(seen < all.count)
        // The caller may give up too; the workers stop and the store stays usable.
        var delivered = 0
        #expect(throws: ComityError.self) {
            _ = try store.streamAssessments(scope, chunkSize: 5, workers: 2, transform: { $0.reference }) { _ in
                delivered += 1
                if delivered == 10 { throw ComityError.output("planted failure") }
            }
        }
        #expect(delivered == 10)
        #expect(try Self.run(store, scope, chunkSize: 5, workers: 2).json == all)
    }

    @Test("while another program holds the write lock, a large report is read on one connection, unchanged")
    func busyStoreReadOnOneConnection() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 800)
        let scope = ComityStore.StallScope(asOf: SyntheticWorldTests.today)
        let free = try Self.run(store, scope, chunkSize: 5, workers: 2)
        let other = try ComityStore.open(at: store.path)
        let locked = try other.queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try Self.run(store, scope, chunkSize: 5, workers: 2)
        }
        #expect(free.json.count > 5)
        #expect(locked.json == free.json)
    }
}

@Suite("Stall query plans")
struct StallQueryPlanTests {
    @Test("a stall query reads replies, follow-ups and cases from indexes alone, never their tables, and sorts nothing")
    func coveringIndexes() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 300)
        var statements: [String] = []
        let count = try store.read { db -> Int in
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            var count = 0
            try ComityStore.forEachAssessment(db, ComityStore.StallScope(asOf: SyntheticWorldTests.today)) { _ in count += 1 }
            db.trace(options: [], nil)
            var plans: [String: String] = [:]
            for sql in statements where sql.hasPrefix("SELECT") {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
                for table in ["reply", "follow_up", "case_file"] where plan.contains("SEARCH \(table == "case_file" ? "c" : table) ") {
                    plans[table] = plan
                }
            }
            #expect(plans["reply"]?.contains("SEARCH reply USING COVERING INDEX reply_stall") == true, "\(plans["reply"] ?? "no reply query")")
            #expect(plans["follow_up"]?.contains("SEARCH follow_up USING COVERING INDEX follow_up_stall") == true, "\(plans["follow_up"] ?? "no follow-up query")")
            #expect(plans["case_file"]?.contains("SEARCH c USING COVERING INDEX case_stall") == true, "\(plans["case_file"] ?? "no case query")")
            // The requests come in their references' order as they are read: no sort of them all holds back the first.
            #expect(plans["case_file"]?.contains("SEARCH r USING INDEX") == true, "\(plans["case_file"] ?? "no request query")")
            #expect(plans["case_file"]?.contains("TEMP B-TREE") == false, "\(plans["case_file"] ?? "no request query")")
            return count
        }
        #expect(count > 10)
    }

    @Test("a query about one request as of a past day reads that request's moves, never every move since the day")
    func oneRequestInThePast() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 300)
        let past = SyntheticWorldTests.today.adding(days: -2000)
        try store.read { db in
            let reference = try #require(try String.fetchOne(db, sql: "SELECT reference FROM request WHERE sent_date <= ? ORDER BY reference LIMIT 1", arguments: [past]))
            var statements: [String] = []
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            _ = try ComityStore.assessment(db, of: reference, asOf: past)
            _ = try ComityStore.assessment(db, of: reference, asOf: past, recordedBy: past)
            db.trace(options: [], nil)
            let moved = statements.filter { $0.contains("action = 'moved' AND date > ") || $0.contains("action = 'moved' AND recorded_on > ") }
            #expect(moved.count >= 2, "the candidates as of the day, and as recorded then")
            for sql in moved where sql.hasPrefix("SELECT") {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
                #expect(!plan.contains("event_request_move_dates"), "\(plan)")
                #expect(plan.contains("event_request_moves (subject_id=?"), "\(plan)")
            }
        }
    }
}

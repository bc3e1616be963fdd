import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Records read by column position agree with the same records read by column name.
@Suite("Records read by column position")
struct RecordColumnsTests {
    static func both<T: FetchableRecord & Equatable>(
        _ db: Database, _ table: String, _ columns: String, _ decode: @escaping (ColumnReader) throws -> T
    ) throws -> ([T], [T]) {
        let byName = try T.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
        let cursor = try ColumnCursor(db.makeStatement(sql: "SELECT \(columns) FROM \(table) ORDER BY rowid"), arguments: [], decode: decode)
        var byPosition: [T] = []
        while let record = try cursor.next() { byPosition.append(record) }
        return (byName, byPosition)
    }

    @Test("requests, cases, replies and follow-ups read by position equal those read by name")
    func agree() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 300)
        try store.read { db in
            let requests = try Self.both(db, "request", Request.columns, Request.init)
            #expect(requests.0.count == 300 && requests.0.contains { !$0.items.isEmpty } && Set(requests.0.map { $0.preservedUntil == nil }).count == 2)
            #expect(requests.0 == requests.1)
            let cases = try Self.both(db, "case_file", Case.columns, Case.init)
            #expect(!cases.0.isEmpty && cases.0 == cases.1)
            let replies = try Self.both(db, "reply", Reply.columns, Reply.init)
            #expect(replies.0.contains { !$0.refusalGrounds.isEmpty } && replies.0.contains { $0.promisedDate != nil })
            #expect(replies.0 == replies.1)
            let followUps = try Self.both(db, "follow_up", FollowUp.columns, FollowUp.init)
            #expect(!followUps.0.isEmpty && followUps.0 == followUps.1)
        }
    }
}

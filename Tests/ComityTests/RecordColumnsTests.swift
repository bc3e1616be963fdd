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
    /// Every row of `T`'s table read by name (`SELECT *`, the table's own column order) and by
    /// position (`selectList()`, the record's one order), in the same row order.
    static func both<T: DecodedRecord & Equatable>(_ db: Database, _ type: T.Type) throws -> (byName: [T], byPosition: [T]) {
        let byName = try Row.fetchAll(db, sql: "SELECT * FROM \(T.databaseTableName) ORDER BY rowid").map { row in try T(RowReader<T>(row)) }
        let byPosition = try Array(T.cursor(db.makeStatement(sql: "SELECT \(T.selectList()) FROM \(T.databaseTableName) ORDER BY rowid")))
        return (byName, byPosition)
    }

    /// A synthetic world with a row in every table, settings and holidays included.
    static func world(_ dir: URL) throws -> ComityStore {
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 300)
        let clerk = Clerk(name: "Tester", today: SyntheticWorldTests.today)
        try store.setSetting("follow-up-days", to: "21", channel: .diplomatic, by: clerk)
        try store.setSetting("response-period", to: "20 working", channel: nil, by: clerk)
        try store.setSetting(ComityStore.clearanceKey, to: "confidential", channel: nil, by: clerk)
        try store.importHolidays(
            [HolidayEntry(date: Fixture.day("2024-10-01"), name: "National Day"),
             HolidayEntry(date: Fixture.day("2024-09-29"), name: "Make-up working day", isWorkingDay: true)],
            party: "CN", source: "test", by: clerk)
        return store
    }

    @Test("every table's records read by position equal those read by name")
    func agree() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.world(dir)
        try store.read { db in
            func check<T: DecodedRecord & Equatable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws -> [T] {
                let (byName, byPosition) = try Self.both(db, type)
                #expect(!byName.isEmpty, "no \(T.recordName) to compare", sourceLocation: sourceLocation)
                #expect(byName == byPosition, "\(T.recordName)", sourceLocation: sourceLocation)
                return byName
            }
            let requests = try check(Request.self)
            #expect(requests.count == 300 && requests.contains { !$0.items.isEmpty } && Set(requests.map { $0.preservedUntil == nil }).count == 2)
            let replies = try check(Reply.self)
            #expect(replies.contains { !$0.refusalGrounds.isEmpty } && replies.contains { $0.promisedDate != nil })
            let events = try check(Event.self)
            #expect(events.contains { $0.fromState != nil } && events.contains { $0.replyID != nil })
            _ = try check(FollowUp.self)
            #expect(try check(HolidayEntry.self).contains { $0.isWorkingDay })
            _ = try check(Party.self)
            _ = try check(Authority.self)
            _ = try check(LegalBasis.self)
            _ = try check(LegalBasis.Binding.self)
            _ = try check(Case.self)
            _ = try check(Engagement.self)
            _ = try check(StoredSetting.self)
            _ = try check(LetterEntry.self)
        }
    }

    @Test("GRDB's fetches go through the same decoder as the positional reader")
    func fetchableRecords() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.world(dir)
        try store.read { db in
            func check<T: DecodedRecord & FetchableRecord & TableRecord & Equatable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws {
                #expect(try T.fetchAll(db, sql: "SELECT * FROM \(T.databaseTableName) ORDER BY rowid") == Self.both(db, type).byPosition,
                        sourceLocation: sourceLocation)
            }
            try check(Party.self)
            try check(Authority.self)
            try check(Case.self)
            try check(Request.self)
            try check(Reply.self)
            try check(Engagement.self)
            try check(Event.self)
            try check(FollowUp.self)
            #expect(try LegalBasis.fetchAll(db).allSatisfy { !$0.parties.isEmpty })
        }
    }

    @Test("the stall query's columns read back the request, authority, case, reply and move they name")
    func stallColumns() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.world(dir)
        try store.read { db in
            let rows = try ColumnCursor(db.makeStatement(sql: """
                SELECT \(ComityStore.stallRequestColumns) FROM request r JOIN authority a ON a.id = r.to_authority
                JOIN case_file c ON c.id = r.case_id ORDER BY r.reference
                """), arguments: []) { row in
                    let authority = row.reader(Authority.self, from: Request.columnCount)
                    let caseFile = row.reader(Case.self, from: Request.columnCount + Authority.columnCount)
                    return (try Request(row), try authority.string(.id), try authority.string(.party), try authority.string(.name),
                            try caseFile.string(.id), try caseFile.string(.title), try caseFile.optionalDate(.limitation_date),
                            try caseFile.value(.classification) as Classification)
                }
            var count = 0
            while let (request, authorityID, party, name, caseID, title, limitation, classification) = try rows.next() {
                var stored = try ComityStore.request(db, request.reference)
                stored.items = []
                #expect(request == stored)
                let authority = try ComityStore.authority(db, request.toAuthority)
                #expect(authorityID == authority.id && party == authority.party && name == authority.name)
                let caseFile = try ComityStore.caseFile(db, request.caseID)
                #expect(caseID == caseFile.id && title == caseFile.title && limitation == caseFile.limitationDate && classification == caseFile.classification)
                count += 1
            }
            #expect(count == 300)

            let replies = try Array(Reply.cursor(db.makeStatement(sql: "SELECT \(ComityStore.stallReplyColumns) FROM reply ORDER BY id")))
            let stored = try Reply.fetchAll(db, sql: "SELECT * FROM reply ORDER BY id").map { reply in
                var partial = reply
                partial.fromAuthority = nil
                partial.summary = ""
                partial.refusalGrounds = []
                return partial
            }
            #expect(!replies.isEmpty && replies == stored)

            let moves = try Array(ColumnCursor(db.makeStatement(sql: "SELECT \(ComityStore.stallMoveColumns) FROM event ORDER BY id"), arguments: []) { row in
                let e = row.reader(Event.self)
                return "\(try e.integer(.id)) \(try e.string(.subject_id)) \(try e.date(.date)) \(String(describing: try e.optionalValue(.from_state) as RequestState?)) \(String(describing: try e.optionalValue(.to_state) as RequestState?))"
            })
            let events = try Event.fetchAll(db, sql: "SELECT * FROM event ORDER BY id").map {
                "\($0.id!) \($0.subjectID) \($0.date) \(String(describing: $0.fromState)) \(String(describing: $0.toState))"
            }
            #expect(!moves.isEmpty && moves == events)
        }
    }

    @Test("every table has a record type, whose column list names every column of the table once")
    func complete() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ComityStore.create(at: dir.appendingPathComponent("empty.sqlite").path)
        try store.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """)
            #expect(Set(storedRecordTypes.map { $0.databaseTableName }) == Set(tables))
            for type in storedRecordTypes {
                let table = try Set(db.columns(in: type.databaseTableName).map(\.name))
                #expect(Set(type.names) == table, "\(type.databaseTableName)")
                #expect(type.names.count == table.count, "\(type.databaseTableName)")
            }
        }
    }
}

extension DecodedRecord {
    /// The SQL names of the record's columns, in order.
    static var names: [String] { StoredColumn.names }
}

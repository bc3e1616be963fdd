import GRDB

/// The statements an import writes one table with, each prepared once for the whole import:
/// an `INSERT` and an `UPDATE` per set of columns records give, and the lookup by key.
final class ImportStatements {
    private let plan: ImportTablePlan
    private var inserts: [UInt64: Statement] = [:]
    private var updates: [UInt64: Statement] = [:]
    private var lookup: Statement?

    init(_ plan: ImportTablePlan) {
        self.plan = plan
    }

    /// `INSERT` of the columns in `mask` (bit n: column n).
    func insert(_ db: Database, _ mask: UInt64) throws -> Statement {
        if let statement = inserts[mask] { return statement }
        let names = names(mask)
        let statement = try db.makeStatement(sql: """
            INSERT INTO \(plan.table.name) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            """)
        inserts[mask] = statement
        return statement
    }

    /// `INSERT` of `rows` rows of the columns in `mask`, in one statement.
    func insert(_ db: Database, _ mask: UInt64, rows: Int) throws -> Statement {
        if rows == 1 { return try insert(db, mask) }
        let key = GroupKey(mask: mask, rows: rows)
        if let statement = groupInserts[key] { return statement }
        let names = names(mask)
        let row = "(" + names.map { _ in "?" }.joined(separator: ", ") + ")"
        let statement = try db.makeStatement(sql: "INSERT INTO \(plan.table.name) (\(names.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", "))
        groupInserts[key] = statement
        return statement
    }

    private struct GroupKey: Hashable { var mask: UInt64; var rows: Int }
    private var groupInserts: [GroupKey: Statement] = [:]

    /// `UPDATE` of the columns in `mask`, followed by the key's values as arguments.
    func update(_ db: Database, _ mask: UInt64) throws -> Statement {
        if let statement = updates[mask] { return statement }
        let statement = try db.makeStatement(sql: """
            UPDATE \(plan.table.name) SET \(names(mask).map { "\($0) = ?" }.joined(separator: ", ")) WHERE \(whereKey)
            """)
        updates[mask] = statement
        return statement
    }

    /// The recorded row with the key given, or nil.
    func existing(_ db: Database, _ keyValues: [DatabaseValue]) throws -> Row? {
        if lookup == nil { lookup = try db.makeStatement(sql: "SELECT * FROM \(plan.table.name) WHERE \(whereKey)") }
        return try Row.fetchOne(lookup!, arguments: StatementArguments(keyValues))
    }

    private var whereKey: String { plan.table.key.map { "\($0) = ?" }.joined(separator: " AND ") }

    private func names(_ mask: UInt64) -> [String] {
        plan.columns.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { plan.columns[$0].name }
    }
}

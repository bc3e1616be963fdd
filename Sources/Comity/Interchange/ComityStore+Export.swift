import GRDB

/// Reads the whole database (or one case's or one counterpart's part of it) for export.
extension ComityStore {
    /// Every table, rows in key order. With a case or counterpart, only the requests in
    /// scope and what hangs on them; reference data (parties, authorities, bases,
    /// settings, holidays) is always whole, so the export can be imported on its own.
    public func exportTables(
        caseID: String? = nil, counterpart: String? = nil, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> [InterchangeTableData] {
        try export(caseID: caseID, counterpart: counterpart, progress: progress).tables
    }

    /// The export for a reader cleared up to `clearance`: a case above it is left out with its
    /// requests; a request above it, in a case above it, or with a reply or letter above it is
    /// left out with its replies, follow-ups, letters and history. Only their number is kept.
    /// Progress is reported once per table.
    public func export(
        caseID: String? = nil, counterpart: String? = nil, clearance: Classification = .secret,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> InterchangeExport {
        var collector = InterchangeTableCollector()
        let scope = ExportScope(caseID: caseID, counterpart: counterpart, clearance: clearance)
        let tally = try read { db in try Self.writeExport(db, scope, into: &collector, progressEvery: 0, progress: progress) }
        return InterchangeExport(tables: collector.tables, withheld: tally.withheld)
    }

    /// Writes the export to `writer` as it reads it, a row at a time from one consistent read,
    /// so memory stays flat however large the database. Progress is reported every
    /// `progressEvery` rows (0: once per table).
    public func writeExport<W: InterchangeWriter>(
        _ scope: ExportScope, into writer: inout W, progressEvery: Int = 10_000, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> ExportTally {
        try read { db in try Self.writeExport(db, scope, into: &writer, progressEvery: progressEvery, progress: progress) }
    }

    /// Writes the export to `writer` and records it in the history in one write transaction:
    /// for a destination that cannot be staged and withdrawn (standard output), the export and
    /// its audit event stand or fall together. `record` describes the export once it is written.
    public func writeExportRecorded<W: InterchangeWriter>(
        _ scope: ExportScope, into writer: inout W, by clerk: Clerk, record: (ExportTally) -> ExportRecord
    ) throws(ComityError) -> ExportTally {
        try write { db in
            let tally = try Self.writeExport(db, scope, into: &writer, progressEvery: 0, progress: { _, _ in })
            try Self.logExport(db, record(tally), by: clerk)
            return tally
        }
    }

    /// Refuses at once, before a byte is written, an export the history could not record (the
    /// database is read-only, or another program holds its write lock past the busy timeout):
    /// the event is written as `recordExport` will write it, and rolled back.
    public func checkExportCanBeRecorded(_ export: ExportRecord, by clerk: Clerk) throws(ComityError) {
        struct Probe: Error {}
        do {
            try queue.write { db in
                try Self.logExport(db, export, by: clerk)
                throw Probe()
            }
        } catch is Probe {
        } catch {
            throw map(error)
        }
    }

    static func writeExport<W: InterchangeWriter>(
        _ db: Database, _ scope: ExportScope, into writer: inout W, progressEvery: Int, progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ExportTally {
        let counterpart = scope.counterpart?.uppercased()
        if let caseID = scope.caseID { _ = try caseFile(db, caseID) }
        if let counterpart { _ = try party(db, counterpart) }
        let above = levelsAbove(scope.clearance)
        let filtered = scope.caseID != nil || counterpart != nil || above != nil
        let arguments: StatementArguments = [scope.caseID, counterpart]
        func count(_ table: InterchangeTable, _ condition: String?) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)" + (condition.map { " WHERE \($0)" } ?? ""),
                             arguments: condition == nil ? [] : arguments) ?? 0
        }
        // The mark and the withheld count head the document, so they are counted before a row is written.
        var total = 0
        var withheld = 0
        var highest = Classification.unclassified
        var plans: [(table: InterchangeTable, columns: [InterchangeColumn], condition: String?)] = []
        for table in InterchangeTable.all {
            total += try count(table, nil)
            let columns = try Self.columns(db, table)
            let condition = filtered ? scopeCondition(table, above: above) : nil
            if above != nil, let everything = scopeCondition(table, above: nil) {
                withheld += try count(table, everything) - count(table, condition)
            }
            if columns.contains(where: { $0.name == "classification" }) {
                let sql = "SELECT DISTINCT classification FROM \(table.name)" + (condition.map { " WHERE \($0)" } ?? "")
                for level in try String.fetchAll(db, sql: sql, arguments: condition == nil ? [] : arguments) {
                    if let level = Classification(rawValue: level) { highest = max(highest, level) }
                }
            }
            plans.append((table, columns, condition))
        }
        try writer.begin(classification: highest, withheld: withheld)
        var done = 0
        for plan in plans {
            try writer.table(plan.table, columns: plan.columns)
            var sql = "SELECT \(plan.columns.map(\.name).joined(separator: ", ")) FROM \(plan.table.name)"
            if let condition = plan.condition { sql += " WHERE \(condition)" }
            sql += " ORDER BY \(plan.table.key.joined(separator: ", "))"
            // Cells are read by position straight from SQLite, and a writer copies them into its output.
            let rows = try ColumnCursor(db.makeStatement(sql: sql), arguments: plan.condition == nil ? [] : arguments) { $0 }
            let count = plan.columns.count
            while let row = try rows.next() {
                try writer.row(cells: InterchangeCells(statement: row.statement, count: count))
                done += 1
                if progressEvery > 0 && done % progressEvery == 0 { progress(min(done, total), total) }
            }
            progress(min(done, total), total)
        }
        try writer.end()
        return ExportTally(records: done, withheld: withheld, classification: highest)
    }

    static func columns(_ db: Database, _ table: InterchangeTable) throws -> [InterchangeColumn] {
        try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table.name]).map { row in
            let type: String = row["type"]
            let notNull: Bool = row["notnull"]
            let isPK: Int = row["pk"]
            return InterchangeColumn(name: row["name"], isInteger: type.uppercased() == "INTEGER",
                                     notNull: notNull || isPK > 0, hasDefault: !(row["dflt_value"] as DatabaseValue).isNull)
        }
    }

    static func value(_ value: DatabaseValue) -> InterchangeValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .text(String(number))
        case .string(let text): return .text(text)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }

    static func databaseValue(_ value: InterchangeValue) -> DatabaseValue {
        switch value {
        case .null, .invalid: return .null
        case .integer(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        }
    }
}

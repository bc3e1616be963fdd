import GRDB

/// Writes checked records inside one transaction, collecting every problem.
///
/// A record is matched with the recorded one of the same key: identical ones are skipped,
/// conflicting ones refused unless `replace` (never for append-only tables). Into a database
/// that held no record when the import began (`fresh`), a record can only meet one from earlier
/// in the same import, so it is inserted straight away and looked up only if SQLite refuses it;
/// the indexes (and trigger) `deferred` were dropped for the load, and each table's are made again
/// once the records of the tables after it begin (or the import ends), while there is no problem.
/// A fresh import inserts sound records a group at a time: `remakeDropped()` ends an import,
/// inserting the last group.
struct InterchangeImporter {
    let db: Database
    let replace: Bool
    let fresh: Bool
    let plans: [ImportTablePlan]
    private(set) var summary = ImportSummary()
    private(set) var problems: [InterchangeProblem] = []
    private var statements: [ImportStatements]
    /// Indexes and triggers to make again, with the place of their table in `InterchangeTable.all`, in that order.
    private var deferred: [(table: Int, sql: String)]
    private var current = -1
    private var slots: [ImportRow.Slots]
    /// Sound records of a fresh import held back to be inserted together, all of one table and
    /// one set of columns: one statement for many rows saves SQLite its work per statement.
    private var pending: [(row: ImportRow, file: String, location: () -> String)] = []
    /// Rows per multi-row `INSERT`.
    static let groupSize = 32

    init(db: Database, replace: Bool, fresh: Bool, deferred: [(table: Int, sql: String)] = []) throws {
        self.db = db
        self.replace = replace
        self.fresh = fresh
        self.deferred = deferred.sorted { $0.table < $1.table }
        plans = try ImportTablePlan.all(db)
        statements = plans.map(ImportStatements.init)
        slots = plans.map { _ in [] }
    }

    /// Checks one record of `table` and writes it if it is sound.
    mutating func add(_ fields: [(name: String, value: InterchangeValue)], to table: InterchangeTable, file: String, blank: Bool,
                      location: @escaping () -> String) throws {
        let plan = plans[InterchangeTable.all.firstIndex(of: table) ?? 0]
        try write(ImportRow(fields, plan: plan, blank: blank, slots: &slots[plan.order]), file: file, location: location)
    }

    /// Writes a checked record if it is sound, and records its problems.
    mutating func write(_ row: ImportRow, file: String, location: @escaping () -> String) throws {
        if row.table != current {
            try remakeDropped(before: row.table)
            current = row.table
        }
        if fresh && row.problems.isEmpty {
            // Held back; the records before it with problems of their own were written first,
            // so problems are still reported in the order of the file.
            if let first = pending.first, first.row.mask != row.mask { try insertPending() }
            pending.append((row, file, location))
            if pending.count == Self.groupSize { try insertPending() }
            return
        }
        try insertPending()
        if !row.problems.isEmpty {
            let place = location()
            problems += row.problems.map { InterchangeProblem(file: file, location: place, field: $0.field, message: $0.message) }
        }
        guard row.valid else { return }
        try insert(row, file: file, location: location)
    }

    /// Inserts the records held back, in one statement; if SQLite refuses it (which undoes it
    /// whole), record by record, so each refusal is explained as if they had come alone.
    private mutating func insertPending() throws {
        guard !pending.isEmpty else { return }
        let group = pending
        pending.removeAll(keepingCapacity: true)
        if group.count > 1 {
            let first = group[0].row
            do {
                try statements[first.table].insert(db, first.mask, rows: group.count)
                    .execute(rows: group.count, columns: first.values.count, in: db) { group[$0].row.values[$1] }
                summary.inserted += group.count
                return
            } catch is DatabaseError {}
        }
        for (row, file, location) in group { try insert(row, file: file, location: location) }
    }

    /// Writes one sound record: inserted, or merged with the recorded one of its key.
    private mutating func insert(_ row: ImportRow, file: String, location: () -> String) throws {
        let plan = plans[row.table]
        let statements = statements[row.table]
        do {
            if fresh {
                do {
                    try statements.insert(db, row.mask).execute(bound: row.values, in: db)
                    summary.inserted += 1
                } catch let error as DatabaseError {
                    // Refused: by a record met earlier in this import (its key), or for a reason of its own.
                    guard let existing = try statements.existing(db, row.keyValues(plan)) else { throw error }
                    try merge(row, with: existing, file: file, location: location)
                }
            } else if let existing = try statements.existing(db, row.keyValues(plan)) {
                try merge(row, with: existing, file: file, location: location)
            } else {
                try statements.insert(db, row.mask).execute(bound: row.values, in: db)
                summary.inserted += 1
            }
        } catch let error as DatabaseError {
            problems.append(InterchangeProblem(file: file, location: location(), message: Self.explain(error)))
        } catch {
            problems.append(InterchangeProblem(file: file, location: location(), message: ComityStore.describe(error)))
        }
    }

    /// Makes what was dropped for the load and is still missing: all of it, or (with `table`)
    /// what belongs to the tables written before it. Not once a problem dooms the import.
    mutating func remakeDropped(before table: Int = .max) throws {
        try insertPending()
        guard problems.isEmpty else { return }
        while let index = deferred.first, index.table < table {
            try db.execute(sql: index.sql)
            deferred.removeFirst()
        }
    }

    /// A record whose key is recorded: skipped if identical, else refused or (with `replace`) written over it.
    private mutating func merge(_ row: ImportRow, with existing: Row, file: String, location: () -> String) throws {
        let plan = plans[row.table]
        let differing = zip(row.included, row.values).filter { index, value in (existing[plan.columns[index].name] as DatabaseValue) != value }
            .map { plan.columns[$0.0].name }
        if differing.isEmpty {
            summary.skipped += 1
            return
        }
        guard replace && !plan.table.appendOnly else {
            let keyText = row.keyValues(plan).map { value in
                String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "?"
            }.joined(separator: "/")
            let hint = plan.table.appendOnly ? "\(plan.table.label) are append-only and never replaced" : "use --replace to overwrite it"
            problems.append(InterchangeProblem(file: file, location: location(), field: differing.first,
                message: "conflicts with the recorded \(plan.table.name) \(keyText) (differs in \(differing.joined(separator: ", "))); \(hint)"))
            return
        }
        try statements[row.table].update(db, row.mask).execute(arguments: StatementArguments(row.values + row.keyValues(plan)))
        summary.replaced += 1
    }

    static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error.resultCode)"
        if error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            return "refers to a record that is neither in the database nor earlier in the file (\(message))"
        }
        return "refused by the database: \(message)"
    }
}

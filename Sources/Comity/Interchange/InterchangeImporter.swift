import GRDB

/// Writes checked records inside one transaction, collecting every problem.
///
/// Every record goes through the rules the store applies when a clerk adds it: its own
/// (`ImportRow` checks them as it reads it) and those it keeps with the records it refers to
/// (`RecordRules`, against the `ImportLedger`). A record that breaks one is still written when
/// it can be, so the records that refer to it are judged on their own; the import is refused whole.
///
/// A record is matched with the recorded one of the same key: identical ones are skipped (and
/// not judged again), conflicting ones refused unless `replace` (never for append-only tables);
/// each record written over is a 'replaced' event in its history, added once the file's own
/// history is in (`finish`). Into a database that held no record when the import began
/// (`fresh`), a record can only meet one from earlier in the same import, so it is inserted
/// straight away and looked up only if SQLite refuses it; the indexes (and trigger) `deferred`
/// were dropped for the load, and each table's are made again once the records of the tables
/// after it begin (or the import ends), while there is no problem. A fresh import inserts sound
/// records a group at a time: `remakeDropped()` ends an import, inserting the last group.
struct InterchangeImporter {
    let db: Database
    let replace: Bool
    let fresh: Bool
    let plans: [ImportTablePlan]
    /// Who imports, and when; nil only for a dry run, which records nothing.
    let clerk: Clerk?
    /// What is imported, as the history names it.
    let source: ComityStore.ImportSource
    private(set) var summary = ImportSummary()
    private(set) var problems: [InterchangeProblem] = []
    /// The 'replaced' events of the records written over, in the order they were.
    private(set) var corrections: [Event] = []
    private var ledger: ImportLedger
    /// Legal bases written, with where: each must bind a party once the bindings are in.
    private var bases: [(id: String, file: String, location: String)] = []
    private var statements: [ImportStatements]
    /// Indexes and triggers to make again, with the place of their table in `InterchangeTable.all`, in that order.
    private var deferred: [(table: Int, sql: String)]
    private var current = -1
    private var slots: [ImportRow.Slots]
    /// Sound records of a fresh import held back to be inserted together, all of one table and
    /// one set of columns: one statement for many rows saves SQLite its work per statement.
    private var pending: [(row: ImportRow, file: String, location: () -> String)] = []
    /// Their values, a row's at a time: read in place as the statement binds them.
    private var pendingValues: [[DatabaseValue]] = []
    /// Rows per multi-row `INSERT`.
    static let groupSize = 32

    init(db: Database, replace: Bool, fresh: Bool, clerk: Clerk?, source: ComityStore.ImportSource, deferred: [(table: Int, sql: String)] = []) throws {
        self.db = db
        self.source = source
        self.replace = replace
        self.fresh = fresh
        self.clerk = clerk
        self.deferred = deferred.sorted { $0.table < $1.table }
        // Without a clerk (a dry run) there is no today to hold dates against.
        plans = try ImportTablePlan.all(db, today: clerk?.today ?? CalendarDate(dayNumber: Int(Int32.max)))
        statements = plans.map(ImportStatements.init)
        slots = plans.map { _ in [] }
        ledger = ImportLedger(fresh ? nil : db)
    }

    /// Checks one record of `table` and writes it if it is sound.
    mutating func add(_ fields: [(name: String, value: InterchangeValue)], to table: InterchangeTable, file: String, blank: Bool,
                      location: @escaping () -> String) throws {
        let plan = plans[InterchangeTable.all.firstIndex(of: table) ?? 0]
        try write(ImportRow(fields, plan: plan, blank: blank, slots: &slots[plan.order]), file: file, location: location)
    }

    /// Writes a checked record if it can be written, and records its problems.
    mutating func write(_ row: ImportRow, file: String, location: @escaping () -> String) throws {
        if row.table != current {
            try remakeDropped(before: row.table)
            current = row.table
        }
        if row.valid, case .basis(let basis) = row.record { bases.append((basis.id, file, location())) }
        if fresh, row.isSound, let record = row.record {
            let broken = try references(of: row, record)
            if broken.isEmpty {
                // Held back; the records before it with problems of their own were written first,
                // so problems are still reported in the order of the file.
                if let first = pending.first, first.row.mask != row.mask { try insertPending() }
                pending.append((row, file, location))
                pendingValues.append(row.values)
                if pending.count == Self.groupSize { try insertPending() }
                return
            }
            try insertPending()
            try insert(row, file: file, location: location, broken: broken)
            return
        }
        try insertPending()
        if !row.problems.isEmpty {
            let place = location()
            problems += row.problems.map { InterchangeProblem(file: file, location: place, field: $0.field, message: $0.message) }
        }
        guard row.valid else { return }
        if fresh {
            // Judged now, against the records before it; reported once it proves new.
            var broken = row.violations.map { RuleViolation($0) }
            if let record = row.record { broken += try references(of: row, record) }
            try insert(row, file: file, location: location, broken: broken)
        } else {
            try insert(row, file: file, location: location, broken: [])
        }
    }

    /// The rules a record of a fresh import breaks against the records before it: as the reading
    /// thread judged them, or judged here.
    private mutating func references(of row: ImportRow, _ record: ImportedRecord) throws -> [RuleViolation] {
        if let judged = row.references { return judged }
        let broken = try ledger.violations(of: record)
        ledger.note(record)
        return broken
    }

    /// Inserts the records held back, in one statement; if SQLite refuses it (which undoes it
    /// whole), record by record, so each refusal is explained as if they had come alone.
    private mutating func insertPending() throws {
        guard !pending.isEmpty else { return }
        let group = pending
        let values = pendingValues
        pending.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
        if group.count > 1 {
            do {
                try statements[group[0].row.table].insert(db, group[0].row.mask, rows: group.count)
                    .execute(rows: group.count, columns: values[0].count, in: db) { values[$0][$1] }
                summary.inserted += group.count
                return
            } catch is DatabaseError {}
        }
        for (row, file, location) in group { try insert(row, file: file, location: location, broken: []) }
    }

    /// Writes one record that can be written: inserted, or merged with the recorded one of its
    /// key. A fresh import judged it already: `broken` is reported if it is new (a record met
    /// earlier in the file is merged with it as over a recorded one), and explains any refusal by SQLite.
    private mutating func insert(_ row: ImportRow, file: String, location: () -> String, broken: [RuleViolation]) throws {
        let plan = plans[row.table]
        let statements = statements[row.table]
        do {
            if fresh {
                do {
                    try statements.insert(db, row.mask).execute(bound: row.values, in: db)
                    summary.inserted += 1
                    report(broken, file: file, location: location())
                } catch let error as DatabaseError {
                    // Refused: by a record met earlier in this import (its key), or for a reason of its own.
                    guard let existing = try statements.existing(db, row.keyValues(plan)) else {
                        report(broken, file: file, location: location())
                        if broken.isEmpty { throw error }
                        return
                    }
                    try merge(row, with: existing, file: file, location: location)
                }
            } else if let existing = try statements.existing(db, row.keyValues(plan)) {
                try merge(row, with: existing, file: file, location: location)
            } else {
                guard try judge(row, file: file, location: location) else {
                    try? statements.insert(db, row.mask).execute(bound: row.values, in: db)
                    return
                }
                try statements.insert(db, row.mask).execute(bound: row.values, in: db)
                summary.inserted += 1
            }
        } catch let error as DatabaseError {
            problems.append(InterchangeProblem(file: file, location: location(), message: Self.explain(error)))
        } catch {
            problems.append(InterchangeProblem(file: file, location: location(), message: ComityStore.describe(error)))
        }
    }

    /// Reports the rules a record about to be written into a database that holds records breaks,
    /// on its own and with the records it refers to; true when it breaks none.
    private mutating func judge(_ row: ImportRow, file: String, location: () -> String) throws -> Bool {
        var broken = row.violations.map { RuleViolation($0) }
        if let record = row.record {
            broken += try ledger.violations(of: record)
            ledger.note(record)
        }
        report(broken, file: file, location: location())
        return broken.isEmpty
    }

    private mutating func report(_ broken: [RuleViolation], file: String, location: String) {
        problems += broken.map { InterchangeProblem(file: file, location: location, field: $0.field, message: $0.error.description) }
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

    /// Ends the import: the rules that hold once every record is in (a legal basis binds a party).
    mutating func finish() throws {
        try remakeDropped()
        for basis in bases where try Int.fetchOne(db, sql: "SELECT count(*) FROM basis_party WHERE basis_id = ?", arguments: [basis.id]) == 0 {
            problems.append(InterchangeProblem(file: basis.file, location: basis.location, message: LegalBasis.bindsNoParty(basis.id)))
        }
    }

    /// A record whose key is recorded: skipped if identical, else refused or (with `replace`) written over it.
    private mutating func merge(_ row: ImportRow, with existing: Row, file: String, location: () -> String) throws {
        let plan = plans[row.table]
        let differing = zip(row.included, row.values).filter { index, value in (existing[plan.columns[index].name] as DatabaseValue) != value }
        if differing.isEmpty {
            summary.skipped += 1
            if let record = row.record { ledger.note(record) }
            return
        }
        let keyText = row.keyValues(plan).map { value in
            String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "?"
        }.joined(separator: "/")
        guard replace && !plan.table.appendOnly else {
            let hint = plan.table.appendOnly ? "\(plan.table.label) are append-only and never replaced" : "use --replace to overwrite it"
            problems.append(InterchangeProblem(file: file, location: location(), field: plan.columns[differing[0].0].name,
                message: "conflicts with the recorded \(plan.table.name) \(keyText) (differs in \(differing.map { plan.columns[$0.0].name }.joined(separator: ", "))); \(hint)"))
            return
        }
        guard try judge(row, file: file, location: location) else { return }
        try statements[row.table].update(db, row.mask).execute(arguments: StatementArguments(row.values + row.keyValues(plan)))
        summary.replaced += 1
        if let clerk, let subject = row.record?.subject {
            let changes = differing.map { index, value in
                ImportCorrection.change(plan.columns[index].name, from: existing[plan.columns[index].name], to: value)
            }
            corrections.append(Event(
                subjectType: subject.type, subjectID: subject.id, action: .replaced, date: clerk.today, recordedOn: clerk.today,
                actor: clerk.name, replyID: subject.replyID,
                note: ImportCorrection.note(record: "\(plan.table.name) \(keyText)", file: source.naming(file), location: location(), changes: changes)))
        }
    }

    static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error.resultCode)"
        if error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            return "refers to a record that is neither in the database nor earlier in the file (\(message))"
        }
        return "refused by the database: \(message)"
    }
}

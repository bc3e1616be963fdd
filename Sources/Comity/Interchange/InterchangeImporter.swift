import GRDB

/// Checks and writes imported records inside one transaction, collecting every problem.
///
/// A record is matched with the recorded one of the same key: identical ones are skipped,
/// conflicting ones refused unless `replace` (never for append-only tables). Into a database
/// that held no record when the import began (`fresh`), a record can only meet one from earlier
/// in the same import, so it is inserted straight away and looked up only if SQLite refuses it.
struct InterchangeImporter {
    let db: Database
    let replace: Bool
    let fresh: Bool
    private(set) var summary = ImportSummary()
    private(set) var problems: [InterchangeProblem] = []
    private var plans: [String: ImportTablePlan] = [:]
    // Reused from record to record.
    private var given: [InterchangeValue?] = []
    private var included: [Int] = []
    private var values: [DatabaseValue] = []

    init(db: Database, replace: Bool, fresh: Bool) {
        self.db = db
        self.replace = replace
        self.fresh = fresh
    }

    /// Checks one record of `table` and writes it if it is sound. `blank`: an absent value in a
    /// required text field is empty text (CSV cells cannot tell the two apart).
    mutating func add(_ fields: [(name: String, value: InterchangeValue)], to table: InterchangeTable, file: String, blank: Bool,
                      location: () -> String) throws {
        let plan = try self.plan(table)
        var problems: [(field: String?, message: String)] = []
        given.removeAll(keepingCapacity: true)
        given.append(contentsOf: repeatElement(nil, count: plan.columns.count))
        for (name, value) in fields {
            if let index = plan.position[name] {
                if given[index] != nil { problems.append((name, "given twice")) } else { given[index] = value }
            } else {
                problems.append((name, "not a field of \(table.label); expected one of \(plan.columns.map(\.name).joined(separator: ", "))"))
            }
        }
        var mask: UInt64 = 0
        var valid = true
        included.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        func include(_ index: Int, _ value: DatabaseValue) {
            mask |= 1 << UInt64(index)
            included.append(index)
            values.append(value)
        }
        for (index, column) in plan.columns.enumerated() {
            guard let value = given[index] else {
                if column.notNull && !column.hasDefault { problems.append((column.name, "missing; it is required")); valid = false }
                else if !column.hasDefault { include(index, .null) }
                continue
            }
            switch value {
            case .invalid(let what):
                problems.append((column.name, "is \(what); expected \(column.isInteger ? "a whole number" : "text")")); valid = false
            case .null where column.notNull && blank && !column.isInteger:
                include(index, "".databaseValue)
            case .null where column.notNull:
                problems.append((column.name, "is empty; it is required")); valid = false
            case .text(let text) where column.isInteger:
                // CSV and XML carry numbers as text.
                if let number = Int64(text) { include(index, number.databaseValue) } else {
                    problems.append((column.name, "is '\(text.prefix(40))'; expected a whole number")); valid = false
                }
            case .integer where !column.isInteger:
                problems.append((column.name, "is a number; expected text (in quotes)")); valid = false
            case .null: include(index, .null)
            case .integer(let number): include(index, number.databaseValue)
            case .text(let text): include(index, text.databaseValue)
            }
        }
        let domain = domainProblems(plan)
        problems += domain
        if !problems.isEmpty {
            let place = location()
            for found in problems { self.problems.append(InterchangeProblem(file: file, location: place, field: found.field, message: found.message)) }
        }
        guard valid && domain.isEmpty else { return }
        do {
            if fresh {
                do {
                    try plan.insert(db, mask).execute(arguments: StatementArguments(values))
                    summary.inserted += 1
                    return
                } catch let error as DatabaseError {
                    // Refused: by a record met earlier in this import (its key), or for a reason of its own.
                    guard let existing = try plan.existing(db, keyValues(plan)) else { throw error }
                    try merge(existing, plan, mask, file: file, location: location)
                }
            } else if let existing = try plan.existing(db, keyValues(plan)) {
                try merge(existing, plan, mask, file: file, location: location)
            } else {
                try plan.insert(db, mask).execute(arguments: StatementArguments(values))
                summary.inserted += 1
            }
        } catch let error as DatabaseError {
            self.problems.append(InterchangeProblem(file: file, location: location(), message: Self.explain(error)))
        } catch {
            self.problems.append(InterchangeProblem(file: file, location: location(), message: ComityStore.describe(error)))
        }
    }

    /// A record whose key is recorded: skipped if identical, else refused or (with `replace`) written over it.
    private mutating func merge(_ existing: Row, _ plan: ImportTablePlan, _ mask: UInt64, file: String, location: () -> String) throws {
        let differing = zip(included, values).filter { index, value in (existing[plan.columns[index].name] as DatabaseValue) != value }
            .map { plan.columns[$0.0].name }
        if differing.isEmpty {
            summary.skipped += 1
            return
        }
        guard replace && !plan.table.appendOnly else {
            let keyText = keyValues(plan).map { value in
                String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "?"
            }.joined(separator: "/")
            let hint = plan.table.appendOnly ? "\(plan.table.label) are append-only and never replaced" : "use --replace to overwrite it"
            problems.append(InterchangeProblem(file: file, location: location(), field: differing.first,
                message: "conflicts with the recorded \(plan.table.name) \(keyText) (differs in \(differing.joined(separator: ", "))); \(hint)"))
            return
        }
        try plan.update(db, mask).execute(arguments: StatementArguments(values + keyValues(plan)))
        summary.replaced += 1
    }

    private func keyValues(_ plan: ImportTablePlan) -> [DatabaseValue] {
        plan.key.map { key in included.firstIndex(of: key).map { values[$0] } ?? .null }
    }

    private mutating func plan(_ table: InterchangeTable) throws -> ImportTablePlan {
        if let plan = plans[table.name] { return plan }
        let plan = try ImportTablePlan(db, table)
        plans[table.name] = plan
        return plan
    }

    /// Checks of values SQLite itself would accept but Comity would not.
    private func domainProblems(_ plan: ImportTablePlan) -> [(field: String?, message: String)] {
        var found: [(field: String?, message: String)] = []
        func text(_ column: Int) -> String? { included.firstIndex(of: column).flatMap { String.fromDatabaseValue(values[$0]) } }
        for (index, column) in included.enumerated() {
            guard case .string(let value) = values[index].storage else { continue }
            if let problem = ImportTablePlan.textProblem(value, limit: plan.limits[column]) { found.append((plan.columns[column].name, problem)) }
        }
        for column in plan.dates {
            if let value = text(column), (try? CalendarDate(iso: value)) == nil {
                found.append((plan.columns[column].name, "is '\(value.prefix(40))'; expected a date as YYYY-MM-DD"))
            }
        }
        for choice in plan.choices {
            if let value = text(choice.column), !choice.set.contains(value) {
                found.append((plan.columns[choice.column].name, "is '\(value.prefix(40))'; expected one of \(choice.allowed.joined(separator: ", "))"))
            }
        }
        return found
    }

    static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error.resultCode)"
        if error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            return "refers to a record that is neither in the database nor earlier in the file (\(message))"
        }
        return "refused by the database: \(message)"
    }
}

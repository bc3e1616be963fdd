import GRDB

/// Imports an exported dataset: all or nothing, every problem reported at once.
extension ComityStore {
    /// The import failed: every problem found, nothing written.
    public struct ImportRefused: Error, Sendable {
        public var problems: [InterchangeProblem]
    }

    private struct Rollback: Error {
        var summary: ImportSummary
        var problems: [InterchangeProblem]
    }

    /// Applies `dataset` in one transaction. Records are matched by key: identical ones are
    /// skipped, conflicting ones refused unless `replace` (never for the history or the
    /// letter register, which are append-only). With `dryRun` nothing is written.
    public func importDataset(
        _ dataset: InterchangeDataset, replace: Bool = false, dryRun: Bool = false, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        let total = dataset.records.values.reduce(0) { $0 + $1.count }
        var done = 0
        var outcome: Rollback?
        do {
            try queue.write { db in
                var summary = ImportSummary()
                summary.dryRun = dryRun
                var problems = dataset.problems
                let before = Set(try Self.checkHistories(db) + Self.checkLetterNumbers(db))
                for table in InterchangeTable.all {
                    let columns = try Self.columns(db, table)
                    for record in dataset.records[table.label] ?? [] {
                        Self.importRecord(db, record, table: table, columns: columns, file: dataset.file, blank: dataset.emptyCellsAreBlank,
                                          replace: replace, summary: &summary, problems: &problems)
                        done += 1
                        progress(done, total)
                    }
                }
                if problems.isEmpty {
                    // The records are each valid; together they must still keep Comity's invariants.
                    for found in try Self.checkHistories(db) + Self.checkLetterNumbers(db) where !before.contains(found) {
                        problems.append(InterchangeProblem(file: dataset.file, location: "after import", message: found))
                    }
                }
                if !problems.isEmpty || dryRun {
                    throw Rollback(summary: summary, problems: problems)
                }
                outcome = Rollback(summary: summary, problems: [])
            }
        } catch let rollback as Rollback {
            outcome = rollback
        } catch {
            throw map(error)
        }
        guard let outcome else { throw ComityError.store("the import did not finish") }
        if !outcome.problems.isEmpty { throw ImportRefused(problems: outcome.problems) }
        return outcome.summary
    }

    private static func importRecord(
        _ db: Database, _ record: InterchangeRecord, table: InterchangeTable, columns: [InterchangeColumn], file: String, blank: Bool,
        replace: Bool, summary: inout ImportSummary, problems: inout [InterchangeProblem]
    ) {
        func problem(_ field: String?, _ message: String) {
            problems.append(InterchangeProblem(file: record.file ?? file, location: record.location, field: field, message: message))
        }
        let known = Set(columns.map(\.name))
        var given: [String: InterchangeValue] = [:]
        for (name, value) in record.fields {
            if !known.contains(name) {
                problem(name, "not a field of \(table.label); expected one of \(columns.map(\.name).joined(separator: ", "))")
            } else if given[name] != nil {
                problem(name, "given twice")
            } else {
                given[name] = value
            }
        }
        var names: [String] = []
        var values: [DatabaseValue] = []
        var valid = true
        for column in columns {
            guard let value = given[column.name] else {
                if column.notNull && !column.hasDefault { problem(column.name, "missing; it is required"); valid = false }
                else if !column.hasDefault { names.append(column.name); values.append(.null) }
                continue
            }
            switch value {
            case .invalid(let what):
                problem(column.name, "is \(what); expected \(column.isInteger ? "a whole number" : "text")"); valid = false
            case .null where column.notNull && blank && !column.isInteger:
                names.append(column.name); values.append("".databaseValue)
            case .null where column.notNull:
                problem(column.name, "is empty; it is required"); valid = false
            case .text(let text) where column.isInteger:
                // CSV and XML carry numbers as text.
                if let number = Int64(text) {
                    names.append(column.name); values.append(number.databaseValue)
                } else {
                    problem(column.name, "is '\(text.prefix(40))'; expected a whole number"); valid = false
                }
            case .integer where !column.isInteger:
                problem(column.name, "is a number; expected text (in quotes)"); valid = false
            default:
                names.append(column.name); values.append(databaseValue(value))
            }
        }
        for found in domainProblem(table, names, values) {
            problem(found.field, found.message)
            valid = false
        }
        guard valid else { return }
        let keyValues = table.key.map { key in names.firstIndex(of: key).map { values[$0] } ?? .null }
        do {
            let keyText = keyValues.map { value in String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "?" }.joined(separator: "/")
            let whereKey = table.key.map { "\($0) = ?" }.joined(separator: " AND ")
            if let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM \(table.name) WHERE \(whereKey)"), arguments: StatementArguments(keyValues)) {
                let differing = zip(names, values).filter { name, value in (existing[name] as DatabaseValue) != value }.map(\.0)
                if differing.isEmpty { summary.skipped += 1; return }
                if !replace || table.appendOnly {
                    let hint = table.appendOnly ? "\(table.label) are append-only and never replaced" : "use --replace to overwrite it"
                    problem(differing.first, "conflicts with the recorded \(table.name) \(keyText) (differs in \(differing.joined(separator: ", "))); \(hint)")
                    return
                }
                let sets = names.map { "\($0) = ?" }.joined(separator: ", ")
                try db.cachedStatement(sql: "UPDATE \(table.name) SET \(sets) WHERE \(whereKey)").execute(arguments: StatementArguments(values + keyValues))
                summary.replaced += 1
            } else {
                let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
                // Prepared once per table and set of columns: compiling a statement per record costs more than inserting it.
                try db.cachedStatement(sql: "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(marks))")
                    .execute(arguments: StatementArguments(values))
                summary.inserted += 1
            }
        } catch let error as DatabaseError {
            problem(nil, explain(error))
        } catch {
            problem(nil, describe(error))
        }
    }

    private static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error.resultCode)"
        if error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            return "refers to a record that is neither in the database nor earlier in the file (\(message))"
        }
        return "refused by the database: \(message)"
    }

    /// Checks of values SQLite itself would accept but Comity would not.
    private static func domainProblem(_ table: InterchangeTable, _ names: [String], _ values: [DatabaseValue]) -> [(field: String, message: String)] {
        var found: [(field: String, message: String)] = []
        func text(_ name: String) -> String? { names.firstIndex(of: name).flatMap { String.fromDatabaseValue(values[$0]) } }
        let dateFields: [String: [String]] = [
            "basis_party": ["from_date"], "case_file": ["incident_date", "discovery_date", "limitation_date"],
            "request": ["sent_date", "preserved_until"], "reply": ["date", "promised_date"], "follow_up": ["date"],
            "letter": ["date"], "engagement": ["start_date", "end_date"], "holiday": ["date"], "event": ["date", "recorded_on"],
        ]
        for (index, name) in names.enumerated() {
            guard let value = String.fromDatabaseValue(values[index]) else { continue }
            if let problem = textProblem(value, limit: table.name == "letter" && name == "document" ? maximumDocumentLength : maximumTextLength) {
                found.append((name, problem))
            }
        }
        for field in dateFields[table.name] ?? [] {
            if let value = text(field), (try? CalendarDate(iso: value)) == nil {
                found.append((field, "is '\(value.prefix(40))'; expected a date as YYYY-MM-DD"))
            }
        }
        for (field, allowed) in choiceFields[table.name] ?? [] {
            if let value = text(field), !allowed.contains(value) {
                found.append((field, "is '\(value.prefix(40))'; expected one of \(allowed.joined(separator: ", "))"))
            }
        }
        return found
    }

    /// The longest text a field may hold: far above what any command accepts, so only a file
    /// that was not written by Comity reaches it.
    static let maximumTextLength = 65_536
    /// The longest stored letter document.
    static let maximumDocumentLength = 4 << 20

    /// Why a text value cannot be stored, or nil: NUL and other control characters (a tab,
    /// a line feed and a carriage return excepted) and text beyond `limit` characters.
    static func textProblem(_ text: String, limit: Int) -> String? {
        if text.utf8.count > limit, text.count > limit {
            return "is \(text.count) characters long; Comity keeps a field under \(limit)"
        }
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !"\t\n\r".unicodeScalars.contains($0) }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "contains the control character \(code)\(bad.value == 0 ? " (NUL)" : ""); remove it"
        }
        return nil
    }

    /// Columns that hold one of Comity's named values; anything else would not read back.
    private static let choiceFields: [String: [(String, [String])]] = {
        func names<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [String] where T.RawValue == String { type.allCases.map(\.rawValue) }
        let classification = ("classification", names(Classification.self))
        return [
            "authority": [("role", names(AuthorityRole.self))],
            "legal_basis": [("kind", names(LegalBasisKind.self))],
            "case_file": [classification],
            "request": [("channel", names(Channel.self)), ("urgency", names(Urgency.self)), classification, ("state", names(RequestState.self))],
            "reply": [("kind", names(ReplyKind.self)), classification],
            "follow_up": [("kind", names(EscalationStep.self))],
            "letter": [("kind", names(EscalationStep.self)), ("lang", names(LetterLanguage.self)), ("format", names(DocumentKind.self)), classification],
            "engagement": [("level", names(EngagementLevel.self))],
            "event": [("subject_type", names(Event.Subject.self)), ("action", names(Event.Action.self)),
                      ("from_state", names(RequestState.self)), ("to_state", names(RequestState.self))],
        ]
    }()
}

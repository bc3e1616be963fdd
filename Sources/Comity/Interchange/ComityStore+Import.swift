import GRDB

/// Imports an exported dataset: all or nothing, every problem reported at once.
/// The import failed: every problem found, nothing written.
public struct ImportRefused: Error, Sendable {
    public var problems: [InterchangeProblem]
}

extension ComityStore {

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
        try importDataset(dataset, replace: replace, dryRun: dryRun, bulkLoad: true, progress: progress)
    }

    /// `bulkLoad: false` matches every record with the database, as into one that holds records.
    func importDataset(
        _ dataset: InterchangeDataset, replace: Bool, dryRun: Bool, bulkLoad: Bool, progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ImportSummary {
        let total = dataset.records.values.reduce(0) { $0 + $1.count }
        var done = 0
        return try importRecords(file: dataset.file, replace: replace, dryRun: dryRun, bulkLoad: bulkLoad) { importer in
            for table in InterchangeTable.all {
                for record in dataset.records[table.label] ?? [] {
                    try importer.add(record.fields, to: table, file: record.file ?? dataset.file, blank: dataset.emptyCellsAreBlank,
                                     location: { record.location })
                    done += 1
                    progress(done, total)
                }
            }
            return dataset.problems
        }
    }

    /// Runs `body` (which adds records and returns the problems found around them, to list first)
    /// in one transaction, then checks the invariants records cannot break one at a time; writes
    /// nothing unless there is no problem at all (and not with `dryRun`).
    ///
    /// Into a database that holds no record yet (unless `bulkLoad` is false), the load is a bulk
    /// load: its secondary indexes (and a trigger) are dropped and made again from their stored
    /// SQL once their table is loaded, inside the same transaction, and the page cache is enlarged.
    func importRecords(
        file: String, replace: Bool, dryRun: Bool, bulkLoad: Bool, _ body: (inout InterchangeImporter) throws -> [InterchangeProblem]
    ) throws -> ImportSummary {
        var outcome: Rollback?
        let journalled = bulkLoad && !dryRun && useRollbackJournalIfEmpty()
        defer { if journalled { restoreWriteAheadLog() } }
        do {
            try queue.write { db in
                let fresh = try bulkLoad && Self.holdsNoRecord(db)
                let before = fresh ? [] : Set(try Self.checkHistories(db) + Self.checkLetterNumbers(db))
                let restore = try Self.bulkLoadSettings(db, fresh)
                defer { try? db.execute(sql: restore) }
                var importer = try InterchangeImporter(db: db, replace: replace, fresh: fresh, deferred: fresh ? try Self.dropForBulkLoad(db) : [])
                var problems: [InterchangeProblem]
                do {
                    problems = try body(&importer)
                    try importer.remakeDropped()
                    problems += importer.problems
                } catch let unreadable as InterchangeJSONReader.Unreadable {
                    throw Rollback(summary: importer.summary, problems: [unreadable.problem])
                }
                if problems.isEmpty {
                    // The records are each valid; together they must still keep Comity's invariants.
                    for found in try Self.checkHistories(db) + Self.checkLetterNumbers(db) where !before.contains(found) {
                        problems.append(InterchangeProblem(file: file, location: "after import", message: found))
                    }
                }
                if !problems.isEmpty || dryRun {
                    var summary = importer.summary
                    summary.dryRun = dryRun
                    throw Rollback(summary: summary, problems: problems)
                }
                outcome = Rollback(summary: importer.summary, problems: [])
            }
        } catch let rollback as Rollback {
            outcome = rollback
        } catch let reorder as TablesOutOfOrder {
            throw reorder
        } catch {
            throw map(error)
        }
        guard let outcome else { throw ComityError.store("the import did not finish") }
        if !outcome.problems.isEmpty { throw ImportRefused(problems: outcome.problems) }
        return outcome.summary
    }

    /// Switches an empty database to a rollback journal for a bulk load, when no other program
    /// has it open: a write-ahead log would write every page twice, once to the log and again
    /// when it is copied back. The load stays one transaction; a crash leaves a journal that
    /// SQLite rolls back on the next open, which also switches the log back on.
    private func useRollbackJournalIfEmpty() -> Bool {
        do {
            guard try queue.read({ try Self.holdsNoRecord($0) }) else { return false }
            return try queue.writeWithoutTransaction { db in
                try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")?.lowercased() == "delete"
            }
        } catch {
            return false
        }
    }

    private func restoreWriteAheadLog() {
        _ = try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    }

    /// Enlarges the page cache for a bulk load (so the indexes being made stay in memory) and
    /// lets SQLite sort them on two threads; returns the SQL that restores the connection's settings.
    static func bulkLoadSettings(_ db: Database, _ bulk: Bool) throws -> String {
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        if bulk { try db.execute(sql: "PRAGMA cache_size = -\(256 << 10); PRAGMA threads = 2") }
        return "PRAGMA cache_size = \(cache); PRAGMA threads = \(threads)"
    }

    /// Whether no table an import writes holds a row.
    static func holdsNoRecord(_ db: Database) throws -> Bool {
        let any = InterchangeTable.all.map { "EXISTS (SELECT 1 FROM \($0.name))" }.joined(separator: " OR ")
        return try Bool.fetchOne(db, sql: "SELECT \(any)") == false
    }

    /// Drops what a bulk load is faster without, returning the SQL that makes each again with the
    /// place of its table: the secondary indexes of the imported tables (not those of keys and
    /// unique constraints), made again in one sorted pass each, and the trigger that refuses an
    /// `INSERT OR REPLACE` of an event, which the import never issues (a plain `INSERT` of a
    /// recorded event is refused by its key all the same) and which costs a lookup per event.
    static func dropForBulkLoad(_ db: Database) throws -> [(table: Int, sql: String)] {
        let order = Dictionary(uniqueKeysWithValues: InterchangeTable.all.enumerated().map { ($1.name, $0) })
        let objects = try Row.fetchAll(db, sql: """
            SELECT type, name, tbl_name, sql FROM sqlite_master
            WHERE (type = 'index' AND sql IS NOT NULL) OR (type = 'trigger' AND name = 'event_no_replace') ORDER BY rowid
            """).compactMap { row -> (type: String, name: String, table: Int, sql: String)? in
                order[row["tbl_name"] as String].map { (row["type"], row["name"], $0, row["sql"]) }
            }
        for object in objects { try db.execute(sql: "DROP \(object.type.uppercased()) \(object.name.quotedDatabaseIdentifier)") }
        return objects.map { ($0.table, $0.sql) }
    }
}

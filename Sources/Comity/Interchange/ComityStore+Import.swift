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
    /// letter register, which are append-only). Every record written goes through the rules
    /// the store's add methods apply, each broken one reported with its file, place and field.
    ///
    /// The import is recorded in the history as an audit event by `clerk`, on the clerk's today,
    /// and each record it writes over as a 'replaced' event with the old and new values; with
    /// `dryRun` nothing is written or recorded, and `clerk` may be left out (dates are then not
    /// held against a today). An import that writes needs the clerk.
    public func importDataset(
        _ dataset: InterchangeDataset, replace: Bool = false, dryRun: Bool = false, by clerk: Clerk? = nil,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        try importDataset(dataset, source: ImportSource(file: dataset.file, format: dataset.format, given: dataset.file), replace: replace, dryRun: dryRun,
                          by: clerk, bulkLoad: true, progress: progress)
    }

    /// `bulkLoad: false` matches every record with the database, as into one that holds records.
    func importDataset(
        _ dataset: InterchangeDataset, source: ImportSource, replace: Bool, dryRun: Bool, by clerk: Clerk?, bulkLoad: Bool,
        progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ImportSummary {
        let total = dataset.records.values.reduce(0) { $0 + $1.count }
        var done = 0
        return try importRecords(source, replace: replace, dryRun: dryRun, by: clerk, bulkLoad: bulkLoad) { importer in
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

    /// Where an import reads from, as its audit event names it.
    struct ImportSource {
        /// The file or folder read, as the history names it (an absolute path when read from disk).
        var file: String
        var format: String
        /// The path as given, which the files of records (in a folder of CSV files) begin with.
        var given: String
        /// The importing clerk's clearance: the file may hold nothing above it.
        var clearance: Classification = .secret

        /// The file a record came from, as the history names it.
        func naming(_ recordFile: String) -> String {
            if recordFile == given { return file }
            if recordFile.hasPrefix(given + "/") { return file + recordFile.dropFirst(given.count) }
            return recordFile
        }
    }

    /// Refuses an import that would write without a clerk to record it by.
    static func requireClerk(_ clerk: Clerk?, dryRun: Bool) throws(ComityError) {
        if clerk == nil && !dryRun {
            throw .invalid("an import is recorded in the history with who made it and when; give the clerk who imports")
        }
        do { try clerk?.validate() } catch { throw .invalid(error.message) }
    }

    /// Runs `body` (which adds records and returns the problems found around them, to list first)
    /// in one transaction, then checks the invariants records cannot break one at a time; writes
    /// nothing unless there is no problem at all (and not with `dryRun`). What it writes is
    /// recorded: the records written over as 'replaced' events, the import as an 'imported' one.
    ///
    /// Into a database that holds no record yet (unless `bulkLoad` is false), the load is a bulk
    /// load: its secondary indexes (and a trigger) are dropped and made again from their stored
    /// SQL once their table is loaded, inside the same transaction, and the page cache is enlarged.
    func importRecords(
        _ source: ImportSource, replace: Bool, dryRun: Bool, by clerk: Clerk?, bulkLoad: Bool,
        _ body: (inout InterchangeImporter) throws -> [InterchangeProblem]
    ) throws -> ImportSummary {
        try Self.requireClerk(clerk, dryRun: dryRun)
        let file = source.file
        var outcome: Rollback?
        let journalled = bulkLoad && !dryRun && useRollbackJournalIfEmpty()
        defer { if journalled { restoreWriteAheadLog() } }
        do {
            try queue.write { db in
                let fresh = try bulkLoad && Self.holdsNoRecord(db)
                let before = fresh ? [] : Set(try Self.checkHistories(db) + Self.checkLetterNumbers(db) + Self.checkDirection(db))
                let restore = try Self.bulkLoadSettings(db, fresh)
                defer { try? db.execute(sql: restore) }
                var importer = try InterchangeImporter(
                    db: db, replace: replace, fresh: fresh, clerk: clerk, source: source, deferred: fresh ? try Self.dropForBulkLoad(db) : [])
                var problems: [InterchangeProblem]
                do {
                    problems = try body(&importer)
                    try importer.finish()
                    problems += importer.problems
                } catch let unreadable as InterchangeJSONReader.Unreadable {
                    throw Rollback(summary: importer.summary, problems: [unreadable.problem])
                }
                if problems.isEmpty, source.clearance < .secret, try Self.holdsRecordsAbove(db, source.clearance) {
                    // The store held none before (the desk saw to it), so they came from the file: named by no key.
                    problems.append(InterchangeProblem(
                        file: file, location: "after import",
                        message: "the file holds records classified above your clearance (\(source.clearance.rawValue)); ask a colleague cleared for them to import it"))
                }
                if problems.isEmpty {
                    // The records are each valid; together they must still keep Comity's invariants.
                    for found in try Self.checkHistories(db) + Self.checkLetterNumbers(db) + Self.checkDirection(db) where !before.contains(found) {
                        problems.append(InterchangeProblem(file: file, location: "after import", message: found))
                    }
                }
                if !problems.isEmpty || dryRun {
                    var summary = importer.summary
                    summary.dryRun = dryRun
                    throw Rollback(summary: summary, problems: problems)
                }
                if let clerk {
                    // After the file's own history, so its events keep the ids they came with.
                    for var correction in importer.corrections { try correction.insert(db) }
                    let record = ImportRecord(format: source.format, source: file, summary: importer.summary)
                    try Self.log(db, .database, "database", .imported, on: clerk.today, by: clerk, note: record.note)
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

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
        return try importRecords(file: dataset.file, replace: replace, dryRun: dryRun) { importer in
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
    /// Into a database that holds no record yet, the load is a bulk load: its secondary indexes
    /// are dropped and made again from their stored SQL after it, inside the same transaction,
    /// and the page cache is enlarged for it.
    func importRecords(
        file: String, replace: Bool, dryRun: Bool, _ body: (inout InterchangeImporter) throws -> [InterchangeProblem]
    ) throws -> ImportSummary {
        var outcome: Rollback?
        do {
            try queue.write { db in
                let fresh = try Self.holdsNoRecord(db)
                let before = fresh ? [] : Set(try Self.checkHistories(db) + Self.checkLetterNumbers(db))
                var importer = InterchangeImporter(db: db, replace: replace, fresh: fresh)
                var problems: [InterchangeProblem]
                do {
                    let indexes = fresh ? try Self.dropIndexes(db) : []
                    let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                    if fresh { try db.execute(sql: "PRAGMA cache_size = -\(Self.bulkCacheKilobytes)") }
                    defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
                    problems = try body(&importer) + importer.problems
                    // With a problem the transaction is rolled back, indexes and all.
                    if problems.isEmpty { for (_, sql) in indexes { try db.execute(sql: sql) } }
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

    /// The page cache of a bulk load, in kilobytes: enough to keep the indexes being built in memory.
    static let bulkCacheKilobytes = 256 << 10

    /// Whether no table an import writes holds a row.
    static func holdsNoRecord(_ db: Database) throws -> Bool {
        let any = InterchangeTable.all.map { "EXISTS (SELECT 1 FROM \($0.name))" }.joined(separator: " OR ")
        return try Bool.fetchOne(db, sql: "SELECT \(any)") == false
    }

    /// Drops the secondary indexes of the imported tables (not those of keys and unique
    /// constraints), returning each one's name and the SQL that makes it again.
    static func dropIndexes(_ db: Database) throws -> [(name: String, sql: String)] {
        let tables = InterchangeTable.all.map { "'\($0.name)'" }.joined(separator: ", ")
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables)) ORDER BY rowid
            """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        return indexes
    }
}

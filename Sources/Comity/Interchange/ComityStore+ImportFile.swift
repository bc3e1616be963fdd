import Foundation

/// Imports an export file as `comity import` does.
extension ComityStore {
    /// A JSON file whose tables are not in the order the import needs: it is read whole instead.
    struct TablesOutOfOrder: Error {}

    /// Imports the export at `path`, all or nothing: a JSON file is imported a record at a time as
    /// it is read, so memory stays flat however large it is; an XML file or a folder of CSV files
    /// is read whole first (`schemaPath` is asked for only when the file is XML). Progress is in
    /// bytes for JSON, in records otherwise. Files are refused as `InterchangeFile.read` refuses them.
    ///
    /// The import is recorded as `importDataset` records it, naming the file by its absolute path.
    public func importFile(
        _ path: String, limit: Int = InterchangeFile.defaultLimit, replace: Bool = false, dryRun: Bool = false, by clerk: Clerk? = nil,
        clearance: Classification = .secret,
        schemaPath: () throws(ComityError) -> String, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        try importFile(path, limit: limit, replace: replace, dryRun: dryRun, by: clerk, clearance: clearance, bulkLoad: true, schemaPath: schemaPath, progress: progress)
    }

    /// `bulkLoad: false` matches every record with the database, as into one that holds records.
    func importFile(
        _ path: String, limit: Int, replace: Bool, dryRun: Bool, by clerk: Clerk? = nil, clearance: Classification = .secret, bulkLoad: Bool,
        schemaPath: () throws(ComityError) -> String, progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ImportSummary {
        try Self.requireClerk(clerk, dryRun: dryRun)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isFolder: ObjCBool = false
        // A folder of CSV files, or a path that is not there, is for `InterchangeFile.read` to read or refuse.
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue {
            let stream = try ImportByteStream(path: path, limit: limit)
            defer { stream.closeFile() }
            if !stream.startsWithMarkup {
                do {
                    return try importJSON(stream, file: path, source: ImportSource(file: absolute, format: "json", given: path, clearance: clearance), replace: replace,
                                          dryRun: dryRun, by: clerk, bulkLoad: bulkLoad, progress: progress)
                } catch is TablesOutOfOrder {
                    // Tables listed in another order than the import's (a file not written by Comity).
                }
            }
        }
        let dataset = try InterchangeFile.read(path, limit: limit, schemaPath: schemaPath)
        return try importDataset(dataset, source: ImportSource(file: absolute, format: dataset.format, given: path, clearance: clearance), replace: replace, dryRun: dryRun,
                                 by: clerk, bulkLoad: bulkLoad, progress: progress)
    }

    /// Reads and checks the records on a thread of its own while this one writes them.
    private func importJSON(
        _ stream: ImportByteStream, file: String, source: ImportSource, replace: Bool, dryRun: Bool, by clerk: Clerk?, bulkLoad: Bool,
        progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ImportSummary {
        let size = stream.size
        let reader = Handoff(InterchangeJSONReader(stream, file: file))
        let around = Handoff<[InterchangeProblem]>([])
        return try importRecords(source, replace: replace, dryRun: dryRun, by: clerk, bulkLoad: bulkLoad) { importer in
            let plans = importer.plans
            let fresh = importer.fresh
            let pipeline = ImportPipeline<(place: InterchangeJSONReader.Place, row: ImportRow)> { pipeline in
                var table = -1
                var slots: [ImportRow.Slots] = plans.map { _ in [] }
                // Into an empty database, records are judged against those before them here, as they are read.
                var ledger = fresh ? ImportLedger(nil) : nil
                var batch: [(place: InterchangeJSONReader.Place, row: ImportRow)] = []
                try reader.value.read(table: { next in
                    // Records must meet the records they refer to first: parties before authorities, and so on.
                    let order = InterchangeTable.all.firstIndex(of: next) ?? 0
                    guard order > table else { throw TablesOutOfOrder() }
                    table = order
                }) { place, fields in
                    var row = ImportRow(fields, plan: plans[table], blank: false, slots: &slots[table])
                    if ledger != nil { row.judge(&ledger!) }
                    batch.append((place, row))
                    if batch.count == 256 {
                        try pipeline.send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                try pipeline.send(batch)
                around.value = reader.value.problems
            }
            defer { pipeline.stop() }
            var reported = 0
            while let batch = try pipeline.next() {
                for (place, row) in batch { try importer.write(row, file: file, location: { place.location }) }
                if let last = batch.last?.place.bytesRead, last - reported >= 1 << 20 {
                    reported = last
                    progress(reported, size)
                }
                pipeline.retire(batch)
            }
            progress(size, size)
            return around.value
        }
    }
}

/// A value handed from one thread to another, one at a time: the pipeline's lock orders the accesses.
private final class Handoff<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) { self.value = value }
}

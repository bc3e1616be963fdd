import Foundation

/// Imports an export file as `comity import` does.
extension ComityStore {
    /// A JSON file whose tables are not in the order the import needs: it is read whole instead.
    struct TablesOutOfOrder: Error {}

    /// Imports the export at `path`, all or nothing: a JSON file is imported a record at a time as
    /// it is read, so memory stays flat however large it is; an XML file or a folder of CSV files
    /// is read whole first (`schemaPath` is asked for only when the file is XML). Progress is in
    /// bytes for JSON, in records otherwise. Files are refused as `InterchangeFile.read` refuses them.
    public func importFile(
        _ path: String, limit: Int = InterchangeFile.defaultLimit, replace: Bool = false, dryRun: Bool = false,
        schemaPath: () throws(ComityError) -> String, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) || !isFolder.boolValue {
            let stream = try ImportByteStream(path: path, limit: limit)
            defer { stream.closeFile() }
            if !stream.startsWithMarkup {
                do {
                    return try importJSON(stream, file: path, replace: replace, dryRun: dryRun, progress: progress)
                } catch is TablesOutOfOrder {
                    // Tables listed in another order than the import's (a file not written by Comity).
                }
            }
        }
        let dataset = try InterchangeFile.read(path, limit: limit, schemaPath: schemaPath)
        return try importDataset(dataset, replace: replace, dryRun: dryRun, progress: progress)
    }

    private func importJSON(
        _ stream: ImportByteStream, file: String, replace: Bool, dryRun: Bool, progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ImportSummary {
        var reader = InterchangeJSONReader(stream, file: file)
        let size = stream.size
        var reported = 0
        var last = -1
        return try importRecords(file: file, replace: replace, dryRun: dryRun) { importer in
            try reader.read(table: { table in
                // Records must meet the records they refer to first: parties before authorities, and so on.
                let place = InterchangeTable.all.firstIndex(of: table) ?? 0
                guard place > last else { throw TablesOutOfOrder() }
                last = place
            }) { place, fields in
                try importer.add(fields, to: place.table, file: file, blank: false, location: { place.location })
                if place.bytesRead - reported >= 1 << 20 {
                    reported = place.bytesRead
                    progress(reported, size)
                }
            }
            progress(size, size)
            return reader.problems
        }
    }
}

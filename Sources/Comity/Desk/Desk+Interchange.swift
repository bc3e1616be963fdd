import Foundation

/// Exports, imports, calendar feeds, backups and checks.
extension Desk {
    /// What an export covers, at the desk's clearance.
    public func exportScope(caseID: String? = nil, counterpart: String? = nil) -> ExportScope {
        ExportScope(caseID: caseID, counterpart: counterpart, clearance: clearance)
    }

    /// Writes the export to `writer` as it reads it, from one consistent read.
    public func writeExport<W: InterchangeWriter>(
        _ scope: ExportScope, into writer: inout W, progressEvery: Int = 10_000, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> ExportTally {
        try store.writeExport(cleared(scope), into: &writer, progressEvery: progressEvery, progress: progress)
    }

    /// Writes the export and records it in the audit trail in one transaction.
    public func writeExportRecorded<W: InterchangeWriter>(
        _ scope: ExportScope, into writer: inout W, record: (ExportTally) -> ExportRecord
    ) throws(ComityError) -> ExportTally {
        try store.writeExportRecorded(cleared(scope), into: &writer, by: clerk, record: record)
    }

    /// Refuses, before a byte is written, an export the audit trail could not record.
    public func checkExportCanBeRecorded(_ export: ExportRecord) throws(ComityError) {
        try store.checkExportCanBeRecorded(export, by: clerk)
    }

    /// Records `export` in the audit trail and runs `deliver` in the same transaction.
    public func recordExport<T>(_ export: ExportRecord, deliver: () throws(ComityError) -> T) throws(ComityError) -> T {
        try store.recordExport(export, by: clerk, deliver: deliver)
    }

    /// The iCalendar feed of what the clerk may see.
    public func calendarFeed(from: CalendarDate? = nil, to: CalendarDate? = nil, counterpart: String? = nil) throws(ComityError) -> CalendarFeed {
        try store.calendarFeed(today: clerk.today, from: from, to: to, counterpart: counterpart, clearance: clearance)
    }

    /// A consistent copy of the whole store: every record, so only for a clerk cleared for all it holds.
    public func backup(to path: String) throws(ComityError) {
        try requireEverythingCleared("a backup")
        try store.backup(to: path, by: clerk)
    }

    /// SQLite's checks and Comity's own, over every record.
    public func check() throws(ComityError) -> IntegrityReport {
        try store.check(today: clerk.today)
    }

    /// Imports the export at `path`, all or nothing (see `ComityStore.importFile`): records above
    /// the clearance are refused by their key alone, in the file and in the store.
    public func importFile(
        _ path: String, limit: Int = InterchangeFile.defaultLimit, replace: Bool = false, dryRun: Bool = false,
        schemaPath: () throws(ComityError) -> String, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        try require(.importRecords)
        try requireEverythingCleared("an import")
        return try store.importFile(path, limit: limit, replace: replace, dryRun: dryRun, by: clerk, clearance: clearance, schemaPath: schemaPath, progress: progress)
    }

    private func cleared(_ scope: ExportScope) -> ExportScope {
        var scope = scope
        scope.clearance = min(scope.clearance, clearance)
        return scope
    }
}

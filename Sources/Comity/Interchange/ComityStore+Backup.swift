import Foundation
import GRDB

/// A consistent copy of the database, taken while others may be writing.
extension ComityStore {
    /// Copies the whole database to `path` with SQLite's online backup, and records the
    /// backup in the history (an 'exported' event of the database).
    ///
    /// The destination must not exist, not even as a link; it is created owner-only (0600).
    /// The copy is opened afterwards as a Comity database to prove it is one; on any failure,
    /// including failing to record the event, nothing is left behind.
    public func backup(to path: String, by clerk: Clerk) throws(ComityError) {
        // A copy named like this database's log or journal would be taken for it.
        try files.check(path)
        let fm = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !(fm.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw .invalid("the folder \(directory) does not exist; create it first or choose another backup path")
        }
        let failure = OwnerOnlyFile.create(path)
        if failure == EEXIST {
            throw .invalid("\(path) already exists; a backup never overwrites a file, choose a new name")
        }
        guard failure == 0 else {
            throw .invalid("cannot create \(path): \(OwnerOnlyFile.reason(failure))")
        }
        func removeCopy() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: path + suffix) }
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            let destination = try DatabaseQueue(path: path, configuration: config)
            try queue.backup(to: destination)
            // A backup is a standalone file: no WAL beside it.
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
            _ = chmod(path, OwnerOnlyFile.fileMode)
        } catch {
            removeCopy()
            throw .store("the backup to \(path) failed: \(Self.describe(error))")
        }
        do {
            let copy = try ComityStore.open(at: path, busyTimeout: busyTimeout)
            let records = try copy.read { db in try Self.recordCount(db) }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            try write { db in
                try Self.logExport(db, ExportRecord(kind: .backup, format: "sqlite", records: records, destination: absolute), by: clerk)
            }
        } catch {
            removeCopy()
            throw error
        }
    }
}

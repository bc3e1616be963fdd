import Foundation
import GRDB

/// A consistent copy of the database, taken while others may be writing.
extension ComityStore {
    /// Copies the whole database to `path` with SQLite's online backup.
    ///
    /// The destination must not exist; it is created owner-only (0600). The copy is
    /// opened afterwards as a Comity database to prove it is one; on any failure
    /// nothing is left behind.
    public func backup(to path: String) throws(ComityError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            throw .invalid("\(path) already exists; a backup never overwrites a file, choose a new name")
        }
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !(fm.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw .invalid("the folder \(directory) does not exist; create it first or choose another backup path")
        }
        guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .invalid("cannot create \(path); check that the folder is writable")
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(30)
            let destination = try DatabaseQueue(path: path, configuration: config)
            try queue.backup(to: destination)
            // A backup is a standalone file: no WAL beside it.
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
            _ = chmod(path, 0o600)
            _ = try ComityStore.open(at: path)
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: path + suffix) }
            if let error = error as? ComityError { throw error }
            throw .store("the backup to \(path) failed: \(Self.describe(error))")
        }
    }
}

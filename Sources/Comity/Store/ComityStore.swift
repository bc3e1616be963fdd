import Foundation
import GRDB

/// The embedded SQLite store: one file, migrated on open, every operation one transaction.
///
///     let store = try ComityStore.create(at: "comity.sqlite")
///     try store.addParty(Party(code: "JP"), by: clerk)
public final class ComityStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens an existing Comity database, refusing anything else and never creating a file.
    public static func open(at path: String) throws(ComityError) -> ComityStore {
        try checkIsSQLite(path)
        // Look before touching: a file of another program must not even be switched to WAL.
        do {
            var probe = Configuration()
            probe.readonly = true
            probe.busyMode = .timeout(30)
            let reader = try DatabaseQueue(path: path, configuration: probe)
            let appID = try reader.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
            guard appID == Schema.applicationID else {
                throw ComityError.notADatabase(path: path, why: "it is an SQLite database of another program")
            }
            let migrator = Schema.migrator
            let unknown = try reader.read { db -> [String] in
                let applied = try migrator.appliedIdentifiers(db)
                let known = Set(migrator.migrations)
                return applied.filter { !known.contains($0) }.sorted()
            }
            guard unknown.isEmpty else { throw ComityError.newerSchema(path: path, unknown: unknown) }
            try reader.close()
        } catch let error as ComityError {
            throw error
        } catch {
            throw .notADatabase(path: path, why: describe(error))
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(create: false))
            let migrator = Schema.migrator
            if try queue.read({ db in try !migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(queue)
            }
            return ComityStore(path: path, queue: queue)
        } catch {
            throw .store(describe(error))
        }
    }

    /// Creates a new, empty Comity database at `path`, which must not exist yet.
    public static func create(at path: String) throws(ComityError) -> ComityStore {
        if FileManager.default.fileExists(atPath: path) {
            throw .invalid("\(path) already exists; choose another path with --db, or remove the file first if it is not needed")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw .invalid("the folder \(directory) does not exist; create it first or choose another --db path")
        }
        // Owner-only: the file holds a government's record of what it asked.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .store("cannot create \(path); check that the folder is writable")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(create: true))
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            }
            try Schema.migrator.migrate(queue)
            return ComityStore(path: path, queue: queue)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .store(describe(error))
        }
    }

    private static func configuration(create: Bool) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        return config
    }

    private static func checkIsSQLite(_ path: String) throws(ComityError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingDatabase(path: path)
        }
        if isDirectory.boolValue { throw .notADatabase(path: path, why: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .notADatabase(path: path, why: "it cannot be read; check its permissions")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw .notADatabase(path: path, why: header.isEmpty ? "it is empty" : "it is not an SQLite file")
        }
    }

    /// Runs `body` in one write transaction, mapping SQLite failures to `ComityError`.
    func write<T>(_ body: (Database) throws -> T) throws(ComityError) -> T {
        do {
            return try queue.write { db in try body(db) }
        } catch {
            throw Self.map(error)
        }
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (Database) throws -> T) throws(ComityError) -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch {
            throw Self.map(error)
        }
    }

    static func map(_ error: any Error) -> ComityError {
        if let e = error as? ComityError { return e }
        if let e = error as? ValidationFailure { return .invalid(e.message) }
        return .store(describe(error))
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                return "another program holds the database; try again in a moment"
            }
            if e.resultCode == .SQLITE_READONLY { return "the file is read-only; check its permissions" }
            if e.resultCode == .SQLITE_CORRUPT || e.resultCode == .SQLITE_NOTADB { return "the file is damaged or not a database" }
            return e.message ?? "\(e.resultCode)"
        }
        return "\(error)"
    }
}

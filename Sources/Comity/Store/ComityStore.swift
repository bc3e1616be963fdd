import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded SQLite store: one file, migrated on open, every operation one transaction.
///
///     let store = try ComityStore.create(at: "comity.sqlite")
///     try store.addParty(Party(code: "JP"), by: clerk)
@_spi(Worlds) public final class ComityStore: Sendable {
    public let path: String
    /// How long an operation waits for another program's lock before giving up, in seconds.
    public let busyTimeout: Double
    let queue: DatabaseQueue

    /// This database's files, which no document may be written over.
    var files: DatabaseFiles { DatabaseFiles(path) }

    /// Long enough for any other clerk's single operation, short enough that a stuck program is reported.
    public static let defaultBusyTimeout: Double = 30

    private init(path: String, busyTimeout: Double, queue: DatabaseQueue) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.queue = queue
    }

    /// Opens an existing Comity database, refusing anything else and never creating a file.
    public static func open(at path: String, busyTimeout: Double = defaultBusyTimeout) throws(ComityError) -> ComityStore {
        let header = try DatabaseFileHeader.check(path)
        // Another program's file is recognised from its header alone, before SQLite opens it;
        // only a log not yet checkpointed can make the header stale.
        if header.applicationID != Schema.applicationID && !header.logHasPages {
            throw .notADatabase(path: path, why: "it is an SQLite database of another program")
        }
        do {
            // One connection, which looks before it touches: nothing is written, and the file is
            // not switched to WAL, until it is known to be a Comity database this version knows.
            let queue = try DatabaseQueue(path: path, configuration: configuration(busyTimeout: busyTimeout, journal: false))
            let migrator = Schema.migrator
            let (appID, unknown, complete) = try queue.read { db -> (Int32, [String], Bool) in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard appID == Schema.applicationID else { return (appID, [], false) }
                let known = Set(migrator.migrations)
                let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
                return (appID, unknown, try migrator.hasCompletedMigrations(db))
            }
            guard appID == Schema.applicationID else {
                throw ComityError.notADatabase(path: path, why: "it is an SQLite database of another program")
            }
            guard unknown.isEmpty else { throw ComityError.newerSchema(path: path, unknown: unknown) }
            try useWriteAheadLog(queue)
            if !complete { try migrator.migrate(queue) }
            return ComityStore(path: path, busyTimeout: busyTimeout, queue: queue)
        } catch {
            throw failure(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Switches the file to WAL (which it keeps) so readers never wait for writers; a file the
    /// account may only read stays as it is and can still be read.
    private static func useWriteAheadLog(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "wal" else { return }
            do {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
                return
            }
        }
    }

    /// Creates a new, empty Comity database at `path`, which must not exist yet.
    public static func create(at path: String, busyTimeout: Double = defaultBusyTimeout) throws(ComityError) -> ComityStore {
        var info = stat()
        if lstat(path, &info) == 0 {
            throw .invalid("\(path) already exists; choose another path with --db, or remove the file first if it is not needed")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw .invalid("the folder \(directory) does not exist; create it first or choose another --db path")
        }
        // Owner-only: the file holds a government's record of what it asked. SQLite gives the
        // -wal and -shm files beside it the same mode.
        let failure = OwnerOnlyFile.create(path)
        guard failure == 0 else {
            throw .store("cannot create \(path): \(OwnerOnlyFile.reason(failure))")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(busyTimeout: busyTimeout))
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            }
            try Schema.migrator.migrate(queue)
            return ComityStore(path: path, busyTimeout: busyTimeout, queue: queue)
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw Self.failure(error, path: path, busyTimeout: busyTimeout)
        }
    }

    private static func configuration(busyTimeout: Double, journal: Bool = true) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Every write transaction is BEGIN IMMEDIATE (GRDB's default for a writable queue), so
        // concurrent clerks wait here for the lock instead of failing when a read turns into a write.
        config.busyMode = .timeout(busyTimeout)
        if journal {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        }
        return config
    }

    /// Runs `body` in one write transaction, mapping SQLite failures to `ComityError`.
    @_spi(Worlds) public func write<T>(_ body: (Database) throws -> T) throws(ComityError) -> T {
        do {
            return try queue.write { db in try body(db) }
        } catch {
            throw map(error)
        }
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (Database) throws -> T) throws(ComityError) -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch {
            throw map(error)
        }
    }

    /// A failure inside an operation, as a `ComityError` that names this database where it matters.
    func map(_ error: any Error) -> ComityError {
        if let e = error as? ComityError { return e }
        if let e = error as? ValidationFailure { return .invalid(e.message) }
        if let e = error as? RuleViolation { return e.error }
        return Self.failure(error, path: path, busyTimeout: busyTimeout)
    }

    static func map(_ error: any Error) -> ComityError {
        if let e = error as? ComityError { return e }
        if let e = error as? ValidationFailure { return .invalid(e.message) }
        if let e = error as? RuleViolation { return e.error }
        return .store(describe(error))
    }

    /// What SQLite's refusal means for the file at `path`, in the clerk's terms.
    static func failure(_ error: any Error, path: String, busyTimeout: Double) -> ComityError {
        if let e = error as? ComityError { return e }
        if let e = error as? RuleViolation { return e.error }
        guard let e = error as? DatabaseError else { return .store(describe(error)) }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, seconds: busyTimeout)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            let folder = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent
            if access(folder.isEmpty ? "." : folder, W_OK) != 0 {
                return .readOnly(path: path, why: "its folder \(folder.isEmpty ? "." : folder) is not writable, and SQLite must keep \(name)-wal and \(name)-shm there, even to read")
            }
            if access(path, W_OK) != 0 {
                return .readOnly(path: path, why: "the file is read-only for this account")
            }
            return .store(describe(error))
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(path: path, why: "SQLite reports: \(e.message ?? "the file is not a database")")
        case .SQLITE_FULL:
            return .store("the disk holding \(path) is full; free some space and try again")
        case .SQLITE_IOERR:
            return .store("the disk reported an error reading or writing \(path) (\(e.message ?? "I/O error")); check the disk, then run 'comity check'")
        default:
            return .store(describe(error))
        }
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

/// Where a desk keeps its records. The embedded SQLite file is the default; a server-grade
/// store can stand behind the same door as another case.
public enum StoreLocation: Sendable, Equatable {
    /// An embedded SQLite database file.
    case sqlite(path: String)
}

/// A clerk's desk: the one front door to Comity's records.
///
/// A desk is opened with the store, the clerk's identity, the clerk's clearance and the date,
/// and every read and write goes through it:
/// - a read checks and fetches in one transaction, filtered by the clearance; a record above it
///   is refused by its identifier alone, and nothing (an error, a dry run, a count) shows a
///   field of it;
/// - a write on a record above the clearance is refused the same way, before any of its
///   facts is weighed;
/// - every change lands in the append-only history with who, when and what.
///
/// The clearance comes from the database, not from the caller's wish: the stored default
/// applies, a clerk may ask for a lower one but never a higher one, and a default that cannot
/// be read stops the desk from opening.
///
///     let desk = try Desk.open(.sqlite(path: "comity.sqlite"), clerk: Clerk(name: "sato", today: today))
///     let brief = try desk.stallReport(asOf: today, before: "NODA-BEIJING-2011")
public final class Desk: Sendable {
    /// Who is acting, and what day it is for them.
    public let clerk: Clerk
    /// The highest level this desk shows or changes.
    public let clearance: Classification
    /// Whether the clearance is the database's own default (false: the clerk lowered it, or none is set).
    public let clearanceIsDefault: Bool
    /// What the person at the desk may do. One person's desk (a store without accounts) is its
    /// own administrator.
    public let role: Role
    /// The account the desk acts for, nil on one person's desk.
    public let account: User?
    /// Opened on a database whose clearance setting cannot be read, to set it again.
    let repairing: Bool
    @_spi(Worlds) public let store: ComityStore

    init(
        store: ComityStore, clerk: Clerk, clearance: Classification, clearanceIsDefault: Bool,
        role: Role = .administrator, account: User? = nil, repairing: Bool = false
    ) {
        self.store = store
        self.clerk = clerk
        self.clearance = clearance
        self.clearanceIsDefault = clearanceIsDefault
        self.role = role
        self.account = account
        self.repairing = repairing
    }

    /// How long an operation waits for another program's lock before giving up, in seconds.
    public static let defaultBusyTimeout: Double = ComityStore.defaultBusyTimeout

    /// The database file behind the desk.
    public var path: String { store.path }

    /// The database's files, which no document may be written over.
    public var files: DatabaseFiles { store.files }

    /// Opens the desk of an existing store, for a program run by a person at a terminal.
    ///
    /// A store with accounts (the shared desk's) opens only for the system account that owns
    /// its file, the one that serves it, and then acts as an administrator: the one the clerk's
    /// name names, else the first enabled one. Its clearance is that administrator's.
    ///
    /// - Parameters:
    ///   - clearance: the level the clerk asks for; nil for the database's default. It may be
    ///     lower than the default, never higher (unless the database sets none).
    ///   - repairingClearance: opens a database whose clearance setting cannot be read, at the
    ///     lowest level, so that the setting alone can be set again. Nothing else is shown.
    public static func open(
        _ location: StoreLocation, clerk: Clerk, clearance requested: Classification? = nil,
        busyTimeout: Double = defaultBusyTimeout, repairingClearance: Bool = false
    ) throws(ComityError) -> Desk {
        switch location {
        case .sqlite(let path):
            let store = try ComityStore.open(at: path, busyTimeout: busyTimeout)
            if try store.hasUsers() {
                return try Self.administratorsDesk(store, clerk: clerk, clearance: requested)
            }
            let stored: Classification?
            do {
                stored = try store.storedClearance()
            } catch {
                guard repairingClearance else { throw error }
                return Desk(store: store, clerk: clerk, clearance: .unclassified, clearanceIsDefault: false, repairing: true)
            }
            let level = try Self.clearance(requested: requested, default: stored)
            return Desk(store: store, clerk: clerk, clearance: level, clearanceIsDefault: requested == nil || requested == stored)
        }
    }

    /// Creates a new, empty store and opens its desk, cleared for everything (nothing is in it yet).
    public static func create(_ location: StoreLocation, clerk: Clerk, busyTimeout: Double = defaultBusyTimeout) throws(ComityError) -> Desk {
        switch location {
        case .sqlite(let path):
            return Desk(store: try ComityStore.create(at: path, busyTimeout: busyTimeout), clerk: clerk, clearance: .secret, clearanceIsDefault: true)
        }
    }

    /// The desk of a store with accounts, opened at the terminal by the account that owns its file.
    private static func administratorsDesk(_ store: ComityStore, clerk: Clerk, clearance requested: Classification?) throws(ComityError) -> Desk {
        try FileOwner.requireCurrentAccount(owns: store.path)
        let administrators = try store.users().filter { $0.role == .administrator && !$0.disabled }
        guard let administrator = administrators.first(where: { $0.name == clerk.name }) ?? administrators.first else {
            throw .forbidden("\(store.path) has accounts but no enabled administrator; restore it from a backup")
        }
        if let requested, requested > administrator.clearance {
            throw .invalid("\(administrator.name)'s clearance is \(administrator.clearance.rawValue); --clearance may lower it, never raise it to \(requested.rawValue)")
        }
        return Desk(
            store: store, clerk: Clerk(name: administrator.name, today: clerk.today), clearance: requested ?? administrator.clearance,
            clearanceIsDefault: requested == nil || requested == administrator.clearance, role: .administrator, account: administrator)
    }

    /// Refuses what the desk's role does not allow.
    func require(_ permission: Permission) throws(ComityError) {
        guard !role.may(permission) else { return }
        throw .forbidden("\(account.map { "\($0.name) is \(article(role.rawValue)) \(role.rawValue), and" } ?? "") only \(article(permission.role.rawValue)) \(permission.role.rawValue) or above may \(permission.action); ask one")
    }

    /// The clearance a clerk gets: the one asked for if it is no higher than the database's default.
    static func clearance(requested: Classification?, default stored: Classification?) throws(ComityError) -> Classification {
        guard let requested else { return stored ?? .secret }
        if let stored, requested > stored {
            throw .invalid("this database's clearance is \(stored.rawValue); a clerk may lower it with --clearance, never raise it to \(requested.rawValue)")
        }
        return requested
    }

    /// The refusal of a whole-store operation while records above the clearance exist.
    func requireEverythingCleared(_ what: String) throws(ComityError) {
        guard clearance < .secret else { return }
        if try store.holdsRecordsAbove(clearance) {
            throw .invalid("\(what) takes every record, and some are classified above your clearance (\(clearance.rawValue)); ask a colleague cleared for them")
        }
    }
}

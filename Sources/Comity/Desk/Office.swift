/// The shared desk's office: one store, opened once by the server, where people sign in and
/// each gets a desk of their own, bound to their account's role and clearance.
///
///     let office = try Office.open(.sqlite(path: "comity.sqlite"))
///     guard let user = try office.signIn("sato", password: typed) else { … }
///     let desk = try office.desk(for: user.name, today: today)
public final class Office: Sendable {
    let store: ComityStore
    /// A second connection to the same file, for long reads (the stall report over a whole
    /// world): in WAL mode it reads beside the first, so a page or a reply never waits for a report.
    let reports: ComityStore

    private init(store: ComityStore, reports: ComityStore) {
        self.store = store
        self.reports = reports
    }

    /// Opens the store and makes its files readable by the serving account only.
    public static func open(_ location: StoreLocation, busyTimeout: Double = Desk.defaultBusyTimeout) throws(ComityError) -> Office {
        switch location {
        case .sqlite(let path):
            let store = try ComityStore.open(at: path, busyTimeout: busyTimeout)
            try FileOwner.requireCurrentAccount(owns: path)
            try FileOwner.restrictToOwner(path)
            return Office(store: store, reports: try ComityStore.open(at: path, busyTimeout: busyTimeout))
        }
    }

    /// The database file behind the office.
    public var path: String { store.path }

    /// The id of the newest event in the history: every change adds one.
    public func newestEvent() throws(ComityError) -> Int64 {
        try store.newestEvent()
    }

    /// Whether anyone can sign in yet.
    public func hasUsers() throws(ComityError) -> Bool {
        try store.hasUsers()
    }

    /// The account whose name and password these are, if it is enabled; nil for any other
    /// name, password or disabled account alike, after the same work.
    public func signIn(_ name: String, password: String) throws(ComityError) -> User? {
        try store.verifiedUser(name, password: password)
    }

    /// The desk of a signed-in person, read afresh: a disabled or removed account gets none.
    public func desk(for name: String, today: CalendarDate) throws(ComityError) -> Desk {
        try desk(for: name, today: today, on: store)
    }

    /// The same desk on the connection kept for long reports: for reading a stall report or a
    /// brief while pages and replies go on beside it.
    public func reportingDesk(for name: String, today: CalendarDate) throws(ComityError) -> Desk {
        try desk(for: name, today: today, on: reports)
    }

    private func desk(for name: String, today: CalendarDate, on store: ComityStore) throws(ComityError) -> Desk {
        let user: User
        do {
            user = try store.user(name)
        } catch .notFound {
            throw .forbidden("the account \(name) no longer exists; sign in again")
        }
        guard !user.disabled else {
            throw .forbidden("the account \(name) is disabled; ask an administrator")
        }
        return Desk(store: store, clerk: Clerk(name: user.name, today: today), clearance: user.clearance,
                    clearanceIsDefault: true, role: user.role, account: user)
    }
}

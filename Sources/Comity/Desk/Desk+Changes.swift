/// What changed since the person at the desk last looked.
extension Desk {
    /// The newest changes to records the desk may see since the account last looked (nothing is
    /// remembered on one person's desk: every change is new), newest first.
    public func changesSinceLastLook(limit: Int = 50) throws(ComityError) -> (events: [Event], newest: Int64) {
        var after: Int64 = 0
        if let account { after = try store.lastSeenEvent(of: account.name) }
        return try store.changes(after: after, limit: limit, clearance: clearance)
    }

    /// Remembers that the account has seen `changes` (those `changesSinceLastLook` gave); nothing
    /// is written when it showed none.
    public func markChangesSeen(_ changes: (events: [Event], newest: Int64)) throws(ComityError) {
        guard let account, !changes.events.isEmpty else { return }
        try store.markSeen(account.name, upTo: changes.newest)
    }

    /// The history of an account, for an administrator.
    public func accountHistory(_ name: String) throws(ComityError) -> [Event] {
        try require(.manageUsers)
        return try store.accountHistory(name)
    }
}

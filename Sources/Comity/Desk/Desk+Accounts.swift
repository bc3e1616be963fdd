/// The accounts of the shared desk: an administrator adds, changes and disables them; anyone
/// may change their own password.
extension Desk {
    /// Adds an account. On one person's desk this makes it a shared desk: the first account must
    /// be an administrator's, and from then on the command line works only for the file's owner.
    public func addUser(_ user: User, password: String) throws(ComityError) {
        try require(.manageUsers)
        try store.addUser(user, password: password, by: clerk)
        try FileOwner.restrictToOwner(store.path)
    }

    /// Every account, for an administrator.
    public func users() throws(ComityError) -> [User] {
        try require(.manageUsers)
        return try store.users()
    }

    /// One account: one's own, or any for an administrator.
    public func user(_ name: String) throws(ComityError) -> User {
        if name != account?.name { try require(.manageUsers) }
        return try store.user(name)
    }

    /// Changes an account's display name, role, clearance or state, recording each change.
    @discardableResult
    public func changeUser(_ name: String, reason: String, _ change: (inout User) -> Void) throws(ComityError) -> [Event] {
        try require(.manageUsers)
        return try store.changeUser(name, reason: reason, by: clerk, change)
    }

    /// Sets a password: an administrator sets anyone's; a person changing their own gives the current one.
    public func setPassword(of name: String, to password: String, current: String? = nil) throws(ComityError) {
        if name == account?.name, !role.may(.manageUsers) {
            guard let current, try store.verifiedUser(name, password: current) != nil else {
                throw .forbidden("the current password is not right; type it again")
            }
        } else {
            try require(.manageUsers)
        }
        try store.setPassword(of: name, to: password, by: clerk)
    }
}

import GRDB
import HummingbirdBcrypt

/// The accounts of the shared desk. Every change is an event of the account in the history,
/// with who made it; a password is kept as a bcrypt hash and never written anywhere else.
extension ComityStore {
    /// The bcrypt cost of a new password: about a tenth of a second on a server core.
    public static let passwordCost: UInt8 = 11

    /// Whether any account exists: a store with accounts belongs to the account that serves it.
    func hasUsers() throws(ComityError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user_account)") ?? false }
    }

    func users() throws(ComityError) -> [User] {
        try read { db in try Self.users(db) }
    }

    func user(_ name: String) throws(ComityError) -> User {
        try read { db in try Self.user(db, name) }
    }

    static func users(_ db: Database, where condition: String = "", arguments: StatementArguments = []) throws -> [User] {
        try Array(User.cursor(db.makeStatement(sql: "SELECT \(User.selectList()) FROM user_account \(condition) ORDER BY name"), arguments: arguments))
    }

    static func user(_ db: Database, _ name: String) throws -> User {
        guard let user = try users(db, where: "WHERE name = ?", arguments: [name]).first else {
            throw ComityError.notFound(kind: "account", id: name, hint: "'comity user list' shows the accounts")
        }
        return user
    }

    /// Adds an account. The first account of a store must be an administrator's.
    func addUser(_ user: User, password: String, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try user.validate()
            try PasswordRule.check(password)
        }
        let hash = try Self.hash(password)
        try write { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM user_account") ?? 0
            if count == 0, user.role != .administrator || user.disabled {
                throw ComityError.invalid("the first account must be an enabled administrator's, who can then add the others; add it with --role administrator")
            }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user_account WHERE name = ?)", arguments: [user.name]) == true {
                throw ComityError.duplicate(kind: "account", id: user.name)
            }
            try db.execute(
                sql: "INSERT INTO user_account (name, display_name, role, clearance, password_hash, disabled) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [user.name, user.displayName, user.role.rawValue, user.clearance.rawValue, hash, user.disabled])
            try Self.log(db, .user, user.name, .created, on: clerk.today, by: clerk,
                         note: "\(user.role.rawValue), cleared for \(user.clearance.rawValue)\(user.disabled ? ", disabled" : "")")
        }
    }

    /// Changes an account's display name, role, clearance or state, recording each field changed.
    /// The last enabled administrator cannot be disabled or lose the role.
    func changeUser(_ name: String, reason: String, by clerk: Clerk, _ change: (inout User) -> Void) throws(ComityError) -> [Event] {
        try write { db in
            let old = try Self.user(db, name)
            var new = old
            change(&new)
            new.name = old.name
            if let problem = new.problems().first { throw ComityError.invalid(problem.message) }
            if old.role == .administrator, !old.disabled, new.role != .administrator || new.disabled,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM user_account WHERE role = 'administrator' AND disabled = 0") == 1 {
                throw ComityError.invalid("\(name) is the last enabled administrator; make another account an administrator first")
            }
            let changes = [
                FieldChange(field: "display_name", old: old.displayName, new: new.displayName),
                FieldChange(field: "role", old: old.role.rawValue, new: new.role.rawValue),
                FieldChange(field: "clearance", old: old.clearance.rawValue, new: new.clearance.rawValue),
                FieldChange(field: "disabled", old: old.disabled ? "1" : "0", new: new.disabled ? "1" : "0"),
            ].filter { $0.old != $0.new }
            guard !changes.isEmpty else {
                throw ComityError.invalid("nothing to change: the account \(name) already reads so")
            }
            try db.execute(
                sql: "UPDATE user_account SET display_name = ?, role = ?, clearance = ?, disabled = ? WHERE name = ?",
                arguments: [new.displayName, new.role.rawValue, new.clearance.rawValue, new.disabled, name])
            return try Self.logCorrections(db, changes, .user, name, reason: reason, by: clerk)
        }
    }

    /// Sets a new password; the history says that it changed, never what it is.
    func setPassword(of name: String, to password: String, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in try PasswordRule.check(password) }
        let hash = try Self.hash(password)
        try write { db in
            _ = try Self.user(db, name)
            try db.execute(sql: "UPDATE user_account SET password_hash = ? WHERE name = ?", arguments: [hash, name])
            try Self.log(db, .user, name, .note, on: clerk.today, by: clerk, note: "password changed")
        }
    }

    /// The account whose name and password these are, if it is enabled; nil otherwise, after
    /// the same work either way so that the time taken does not tell which names exist.
    func verifiedUser(_ name: String, password: String) throws(ComityError) -> User? {
        let stored = try read { db -> (User, String)? in
            guard let hash = try String.fetchOne(db, sql: "SELECT password_hash FROM user_account WHERE name = ?", arguments: [name]) else {
                return nil
            }
            return (try Self.user(db, name), hash)
        }
        let matches = Bcrypt.verify(password, hash: stored?.1 ?? Self.decoyHash)
        guard let (user, _) = stored, matches, !user.disabled else { return nil }
        return user
    }

    /// The newest history event a person has seen, and a newer one to remember.
    func lastSeenEvent(of name: String) throws(ComityError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT last_seen_event FROM user_account WHERE name = ?", arguments: [name]) ?? 0 }
    }

    func markSeen(_ name: String, upTo event: Int64) throws(ComityError) {
        try write { db in
            try db.execute(sql: "UPDATE user_account SET last_seen_event = max(last_seen_event, ?) WHERE name = ?", arguments: [event, name])
        }
    }

    private static func hash(_ password: String) throws(ComityError) -> String {
        Bcrypt.hash(password, cost: passwordCost)
    }

    /// A hash no password matches in practice, checked when the name is unknown.
    private static let decoyHash = Bcrypt.hash("comity decoy password, never issued", cost: passwordCost)
}

extension ComityStore {
    func accountHistory(_ name: String) throws(ComityError) -> [Event] {
        try read { db in
            try Event.fetchAll(db, sql: "SELECT * FROM event WHERE subject_type = 'user' AND subject_id = ? ORDER BY id", arguments: [name])
        }
    }
}

extension ComityStore {
    /// Accounts with no enabled administrator among them: no one could manage them. (Each
    /// account's own columns and rules are checked with every other record's.)
    static func checkAccounts(_ db: Database) throws -> [String] {
        let accounts = try Int.fetchOne(db, sql: "SELECT count(*) FROM user_account") ?? 0
        let administrators = try Int.fetchOne(db, sql: "SELECT count(*) FROM user_account WHERE role = 'administrator' AND disabled = 0") ?? 0
        guard accounts > 0, administrators == 0 else { return [] }
        return ["accounts: no enabled administrator is left, so no one can manage the accounts; restore the database from a backup"]
    }
}

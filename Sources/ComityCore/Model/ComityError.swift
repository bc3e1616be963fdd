/// Everything that can go wrong in a Comity operation, each with a sentence a clerk can act on.
public enum ComityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value or combination of values that breaks a rule.
    case invalid(String)
    /// A record that does not exist.
    case notFound(kind: String, id: String, hint: String)
    /// A record that already exists.
    case duplicate(kind: String, id: String)
    /// A move the state machine does not allow.
    case invalidMove(reference: String, from: RequestState, to: RequestState, hint: String)
    /// No database where one was expected.
    case missingDatabase(path: String)
    /// A file that is not a Comity database.
    case notADatabase(path: String, why: String)
    /// A database written by a newer Comity.
    case newerSchema(path: String, unknown: [String])
    /// Another program kept the database locked for longer than Comity waits.
    case busy(path: String, seconds: Double)
    /// The database, or the folder SQLite keeps its journal in, cannot be written.
    case readOnly(path: String, why: String)
    /// A file that begins like an SQLite database but cannot be read as one.
    case damaged(path: String, why: String)
    /// A stored value that does not fit its column (a date that is no calendar date, a value
    /// no enumeration knows, a list that is not a list, a NULL where one is required), changed
    /// behind Comity's back. `table` is what a clerk calls the record ("request"), `key` names
    /// it, `column` is the SQL column, and `why` says what the value is, never the rest of the row.
    case damagedRecord(table: String, key: String, column: String, why: String)
    /// SQLite refused an operation.
    case store(String)
    /// A result could not be written out (standard output closed, disk full).
    case output(String)
    /// A template or schema problem: a document could not be produced.
    case document(String)
    /// The person acting may not do this: their role or account does not allow it, or the
    /// database belongs to another account.
    case forbidden(String)

    /// The broad kind of failure, which decides the exit code.
    public enum Category: Sendable { case invalid, notFound, invalidMove, store, document, forbidden }

    public var category: Category {
        switch self {
        case .invalid, .duplicate: return .invalid
        case .notFound: return .notFound
        case .invalidMove: return .invalidMove
        case .missingDatabase, .notADatabase, .newerSchema, .busy, .readOnly, .damaged, .damagedRecord, .store, .output: return .store
        case .document: return .document
        case .forbidden: return .forbidden
        }
    }

    public var description: String {
        switch self {
        case .invalid(let message):
            return message
        case .notFound(let kind, let id, let hint):
            return "no \(kind) '\(printable(id))' is recorded; \(hint)"
        case .duplicate(let kind, let id):
            return "\(article(kind)) \(kind) '\(printable(id))' is already recorded; choose another identifier or use 'show' to see it"
        case .invalidMove(let reference, let from, let to, let hint):
            let allowed = from.allowedMoves.map(\.rawValue)
            let list = allowed.isEmpty ? "none, \(from.rawValue) is final" : allowed.joined(separator: ", ")
            return "request \(reference) cannot move from \(from.rawValue) to \(to.rawValue); moves allowed from \(from.rawValue): \(list)" + (hint.isEmpty ? "" : "; \(hint)")
        case .missingDatabase(let path):
            return "no Comity database at \(path); run 'comity init' to create one there, or point --db or COMITY_DB at an existing one"
        case .notADatabase(let path, let why):
            return "\(path) is not a Comity database (\(why)); check --db or COMITY_DB"
        case .newerSchema(let path, let unknown):
            return "\(path) was written by a newer version of Comity (schema \(unknown.joined(separator: ", "))); use that version or newer, this one will not touch it"
        case .busy(let path, let seconds):
            let wait = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "\(path) is locked by another program, which held it for more than \(wait) second\(seconds == 1 ? "" : "s"); try again when that program has finished"
        case .readOnly(let path, let why):
            return "\(path) cannot be written (\(why)); ask for write access, or copy the database to a folder you can write"
        case .damaged(let path, let why):
            return "\(path) is damaged (\(why)); restore it from a backup, Comity will not touch it"
        case .damagedRecord(let table, let key, let column, let why):
            if table == "setting" {
                // A setting is put right the way it was set, by Comity itself.
                return "\(table) \(key) is damaged: its \(column) \(why); nothing is shown until it is set again with "
                    + "'comity settings set \(key.split(separator: "/").last.map(String.init) ?? key) VALUE'"
            }
            return "\(table) \(key) is damaged: its \(column) \(why); run 'comity check' to list every damaged record, "
                + "then restore the database from a backup or correct the value with sqlite3"
        case .store(let message):
            return "the database refused the change: \(message)"
        case .output(let message):
            return message
        case .document(let message):
            return message
        case .forbidden(let message):
            return message
        }
    }

    static func invalid(_ failure: ValidationFailure) -> ComityError { .invalid(failure.message) }
}

/// "a" or "an" before a noun, for messages.
package func article(_ noun: String) -> String {
    guard let first = noun.lowercased().first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
}

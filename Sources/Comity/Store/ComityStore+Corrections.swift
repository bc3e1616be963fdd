import GRDB

/// One column a correction changes, with its stored text before and after (nil for NULL).
struct FieldChange: Equatable {
    let field: String
    let old: String?
    let new: String?
}

/// Corrections: a clerk fixes a recorded fact, and the history keeps the old value, the new
/// one, who and why, one 'corrected' event per column, so a record can be replayed as it stood.
///
/// Every correction is one transaction: the record is read (refused by its identifier alone
/// when above the clerk's clearance), changed, held to the rules `add` applies and to the
/// history already recorded, written, and its events logged.
extension ComityStore {
    /// What may not change in a correction, and what to do instead, by column.
    typealias FixedColumns = [String: String]

    /// The generic correction of a record kept in one table.
    ///
    /// - Parameters:
    ///   - fetch: reads the record, refusing one above the clearance.
    ///   - change: the clerk's changes.
    ///   - fixed: columns that are no fact to correct, with the sentence that refuses a change.
    ///   - check: the rules the corrected record must keep, given the old and the new record,
    ///     run before the row is written.
    ///   - recheck: rules of other records that hang on this one, run after it is written.
    func correct<R: DecodedRecord & MutablePersistableRecord>(
        _ subject: Event.Subject, _ id: String, reason: String, by clerk: Clerk, fixed: FixedColumns = [:],
        fetch: (Database) throws -> R, change: (inout R) throws -> Void,
        check: (Database, R, R) throws -> Void = { _, _, _ in }, recheck: (Database, R) throws -> Void = { _, _ in }
    ) throws(ComityError) -> [Event] {
        try checked { () throws(ValidationFailure) in try Self.checkReason(reason) }
        return try write { db in
            let old = try fetch(db)
            var new = old
            try change(&new)
            let before = try old.databaseDictionary
            let changes = try Self.changes(before, new.databaseDictionary, columns: R.StoredColumn.names,
                                           stored: Self.storedRow(db, R.self, before))
            try Self.refuseFixed(changes, R.recordName, id, fixed: fixed, keys: R.keyColumns.map(\.name))
            guard !changes.isEmpty else { throw Self.nothingToChange(R.recordName, id) }
            try check(db, old, new)
            try new.update(db, columns: changes.map(\.field))
            try recheck(db, new)
            return try Self.logCorrections(db, changes, subject, id, reason: reason, by: clerk)
        }
    }

    static func checkReason(_ reason: String) throws(ValidationFailure) {
        try Handle.checkText(reason, field: "reason", limit: 4000)
    }

    /// The columns whose values differ, in the table's column order; each old value is the text
    /// the row holds (`stored`, when given), so a correction can be undone to the very text.
    static func changes(
        _ old: [String: DatabaseValue], _ new: [String: DatabaseValue], columns: [String], stored: Row? = nil
    ) -> [FieldChange] {
        columns.compactMap { name in
            let before = storedText(old[name] ?? .null), after = storedText(new[name] ?? .null)
            guard before != after else { return nil }
            return FieldChange(field: name, old: stored.map { storedText(($0[name] as DatabaseValue?) ?? .null) } ?? before, new: after)
        }
    }

    /// The record's row as the table holds it, found by its key.
    static func storedRow<R: StoredRecord>(_ db: Database, _ type: R.Type, _ values: [String: DatabaseValue]) throws -> Row? {
        let keys = R.keyColumns.map(\.name)
        return try Row.fetchOne(
            db, sql: "SELECT * FROM \(R.databaseTableName) WHERE " + keys.map { "\($0) = ?" }.joined(separator: " AND "),
            arguments: StatementArguments(keys.map { values[$0] ?? .null }))
    }

    /// A column's value as SQLite stores it, as text: a date `2011-09-30`, a flag `1`, a list as
    /// its JSON; nil for NULL.
    static func storedText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }

    /// Refuses a change to an identifier or to a column that only another command changes.
    static func refuseFixed(_ changes: [FieldChange], _ kind: String, _ id: String, fixed: FixedColumns, keys: [String]) throws {
        for change in changes {
            if let why = fixed[change.field] { throw ValidationFailure(why) }
            if keys.contains(change.field) {
                throw ValidationFailure("the \(change.field) of \(kind) \(id) identifies it and cannot be changed; record a new \(kind) instead")
            }
        }
    }

    static func nothingToChange(_ kind: String, _ id: String) -> ValidationFailure {
        ValidationFailure("nothing to change: \(kind) \(id) already holds every value given; give a field with a new value")
    }

    /// One 'corrected' event per change, dated the clerk's today, the reason in its note.
    static func logCorrections(
        _ db: Database, _ changes: [FieldChange], _ subject: Event.Subject, _ id: String, reason: String, by clerk: Clerk
    ) throws -> [Event] {
        try clerk.validate()
        return try changes.map { change in
            var event = Event(
                subjectType: subject, subjectID: id, action: .corrected, date: clerk.today, recordedOn: clerk.today,
                actor: clerk.name, note: reason, field: change.field, oldValue: change.old, newValue: change.new)
            try event.insert(db)
            return event
        }
    }

    // MARK: - Parties, authorities, legal bases, cases, engagements

    func editParty(_ code: String, reason: String, by clerk: Clerk, _ change: (inout Party) throws -> Void) throws(ComityError) -> [Event] {
        try correct(.party, code.uppercased(), reason: reason, by: clerk,
                    fetch: { db in try Self.party(db, code.uppercased()) }, change: change,
                    check: { _, _, new in try new.validate() })
    }

    /// An authority's party stands once a case, request or reply names the authority: they were
    /// recorded as that state's.
    func editAuthority(_ id: String, reason: String, by clerk: Clerk, _ change: (inout Authority) throws -> Void) throws(ComityError) -> [Event] {
        try correct(.authority, id, reason: reason, by: clerk, fetch: { db in try Self.authority(db, id) }, change: change,
                    check: { db, old, new in
                        try new.validate()
                        var known = DatabaseLookup(db: db)
                        try RecordRules.check(new, in: &known)
                        if old.party != new.party, try Self.isReferred(db, authority: id) {
                            throw ValidationFailure("authority \(id) is named by recorded cases, requests or replies as an authority of \(old.party); its party cannot be corrected: record a new authority of \(new.party) instead")
                        }
                    })
    }

    static func isReferred(_ db: Database, authority id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM case_file WHERE lead_authority = ?1)
                OR EXISTS (SELECT 1 FROM request WHERE from_authority = ?1 OR to_authority = ?1)
                OR EXISTS (SELECT 1 FROM reply WHERE from_authority = ?1)
            """, arguments: [id]) ?? false
    }

    /// A case above the clearance is refused by its id alone, and a case cannot be classified
    /// above it; its requests must still be sent by its lead's state, after it was discovered.
    func editCase(_ id: String, reason: String, clearance: Classification, by clerk: Clerk, _ change: (inout Case) throws -> Void) throws(ComityError) -> [Event] {
        try correct(.case, id, reason: reason, by: clerk,
                    fetch: { db in
                        let found = try Self.caseFile(db, id)
                        if found.classification > clearance { throw Self.aboveClearance("case", id, clearance) }
                        return found
                    },
                    change: change,
                    check: { db, _, new in
                        try Self.requireRecordable("case", new.classification, clearance: clearance)
                        try new.validate(today: clerk.today)
                        var known = DatabaseLookup(db: db)
                        try RecordRules.check(new, in: &known)
                    },
                    recheck: { db, new in
                        var known = DatabaseLookup(db: db)
                        for request in try Request.filter(Column("case_id") == new.id).order(Column("reference")).fetchAll(db) {
                            try RecordRules.check(request, in: &known)
                        }
                    })
    }

    func editEngagement(_ id: String, reason: String, by clerk: Clerk, _ change: (inout Engagement) throws -> Void) throws(ComityError) -> [Event] {
        try correct(.engagement, id, reason: reason, by: clerk,
                    fetch: { db in
                        guard let found = try Engagement.fetchOne(db, key: id) else {
                            throw ComityError.notFound(kind: "engagement", id: id, hint: "see 'comity engagement list'")
                        }
                        return found
                    },
                    change: change,
                    check: { db, _, new in
                        try new.validate()
                        var known = DatabaseLookup(db: db)
                        try RecordRules.check(new, in: &known)
                    })
    }
}

import GRDB

/// Parties, authorities, legal bases and cases: the records requests hang on.
extension ComityStore {
    public func addParty(_ party: Party, by clerk: Clerk) throws(ComityError) {
        let code = try checked { () throws(ValidationFailure) in try Party.validCode(party.code) }
        var stored = party
        stored.code = code
        try checked { () throws(ValidationFailure) in try stored.validate() }
        try write { db in
            guard try Party.fetchOne(db, key: code) == nil else { throw ComityError.duplicate(kind: "party", id: code) }
            try stored.insert(db)
            try Self.log(db, .party, code, .created, on: clerk.today, by: clerk, note: party.name)
        }
    }

    public func addAuthority(_ authority: Authority, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in try authority.validate() }
        try write { db in
            guard try Authority.fetchOne(db, key: authority.id) == nil else {
                throw ComityError.duplicate(kind: "authority", id: authority.id)
            }
            var known = DatabaseLookup(db: db)
            try RecordRules.check(authority, in: &known)
            try authority.insert(db)
            try Self.log(db, .authority, authority.id, .created, on: clerk.today, by: clerk, note: authority.name)
        }
    }

    /// Records who heads an authority now (a new minister, a new ambassador), keeping the old head in the history.
    public func setHead(of id: String, to head: Authority.Head, by clerk: Clerk) throws(ComityError) {
        try write { db in
            guard var authority = try Authority.fetchOne(db, key: id) else { throw ComityError.missing(.authority, id) }
            let old = authority.head
            authority.head = head
            try checked { () throws(ValidationFailure) in try authority.validate() }
            try authority.update(db)
            try Self.log(db, .authority, id, .note, on: clerk.today, by: clerk, note: "head: \(old.summary) → \(head.summary)")
            // The old head's title and name in other languages are not the new head's.
            let stale = try Self.translations(db, where: "subject = 'authority' AND subject_id = ? AND field IN ('head-title', 'head-name')", [id]).all
            try db.execute(sql: "DELETE FROM translation WHERE subject = 'authority' AND subject_id = ? AND field IN ('head-title', 'head-name')", arguments: [id])
            _ = try Self.logCorrections(db, stale.map { FieldChange(field: $0.historyField, old: $0.text, new: nil) }, .authority, id,
                                        reason: "a new head", by: clerk)
        }
    }

    public func addBasis(_ basis: LegalBasis, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in try basis.validate() }
        try write { db in
            guard try LegalBasis.fetchAll(db, id: basis.id).isEmpty else {
                throw ComityError.duplicate(kind: "legal basis", id: basis.id)
            }
            var known = DatabaseLookup(db: db)
            for binding in basis.parties { try RecordRules.check(binding, in: &known) }
            try basis.insert(db)
            try Self.log(db, .basis, basis.id, .created, on: clerk.today, by: clerk, note: basis.instrument)
        }
    }

    public func addCase(_ item: Case, clearance: Classification = .secret, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try item.validate(today: clerk.today)
            try Self.requireRecordable("case", item.classification, clearance: clearance)
        }
        try write { db in
            guard try Case.fetchOne(db, key: item.id) == nil else { throw ComityError.duplicate(kind: "case", id: item.id) }
            var known = DatabaseLookup(db: db)
            try RecordRules.check(item, in: &known)
            try item.insert(db)
            try Self.log(db, .case, item.id, .created, on: item.discoveryDate.earliest, by: clerk, note: item.title)
        }
    }

    public func parties() throws(ComityError) -> [Party] {
        try read { db in try Party.order(Column("code")).fetchAll(db) }
    }

    public func party(_ code: String) throws(ComityError) -> Party {
        try read { db in try Self.party(db, code.uppercased()) }
    }

    public func authorities(party: String? = nil) throws(ComityError) -> [Authority] {
        try read { db in
            var query = Authority.order(Column("party"), Column("id"))
            if let party { query = query.filter(Column("party") == party.uppercased()) }
            return try query.fetchAll(db)
        }
    }

    public func authority(_ id: String) throws(ComityError) -> Authority {
        try read { db in try Self.authority(db, id) }
    }

    public func bases() throws(ComityError) -> [LegalBasis] {
        try read { db in try LegalBasis.fetchAll(db) }
    }

    public func basis(_ id: String) throws(ComityError) -> LegalBasis {
        try read { db in try Self.basis(db, id) }
    }

    public func cases() throws(ComityError) -> [Case] {
        try read { db in try Case.order(Column("id")).fetchAll(db) }
    }

    public func caseFile(_ id: String) throws(ComityError) -> Case {
        try read { db in try Self.caseFile(db, id) }
    }

    /// The cases a reader cleared to `clearance` may see, and how many more are classified above it.
    public func cases(clearance: Classification) throws(ComityError) -> (shown: [Case], withheld: Int) {
        let all = try cases()
        let shown = all.filter { $0.classification <= clearance }
        return (shown, all.count - shown.count)
    }

    /// A case with the requests a reader cleared to `clearance` may see in it, checked and read in
    /// one transaction; a case above it is refused by its id alone.
    func caseWithRequests(_ id: String, clearance: Classification) throws(ComityError) -> (case: Case, requests: [Request], withheld: Int) {
        try read { db in
            let found = try Self.caseFile(db, id)
            if found.classification > clearance { throw Self.aboveClearance("case", id, clearance) }
            let (requests, withheld) = try Self.requests(db, case: id, counterpart: nil, state: nil, openOnly: false, clearance: clearance, asOf: nil)
            return (found, requests, withheld)
        }
    }

    /// Whether any case, request or reply is classified above `clearance`.
    func holdsRecordsAbove(_ clearance: Classification) throws(ComityError) -> Bool {
        try read { db in try Self.holdsRecordsAbove(db, clearance) }
    }

    static func holdsRecordsAbove(_ db: Database, _ clearance: Classification) throws -> Bool {
        guard let above = levelsAbove(clearance) else { return false }
        return try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM case_file WHERE classification IN (\(above)))
                    OR EXISTS (SELECT 1 FROM request WHERE classification IN (\(above)))
                    OR EXISTS (SELECT 1 FROM reply WHERE classification IN (\(above)))
                    OR EXISTS (SELECT 1 FROM letter WHERE classification IN (\(above)))
                """) ?? false
    }

    /// A case, refused in one sentence naming only the id given when it is classified above `clearance`.
    public func caseFile(_ id: String, clearance: Classification) throws(ComityError) -> Case {
        try read { db in
            let found = try Self.caseFile(db, id)
            if found.classification > clearance { throw Self.aboveClearance("case", id, clearance) }
            return found
        }
    }

    // MARK: - Lookups inside a transaction

    static func party(_ db: Database, _ code: String) throws -> Party {
        guard let p = try Party.fetchOne(db.cachedStatement(sql: "SELECT * FROM party WHERE code = ?"), arguments: [code]) else {
            throw ComityError.missing(.party, code)
        }
        return p
    }

    static func authority(_ db: Database, _ id: String) throws -> Authority {
        guard let a = try Authority.fetchOne(db.cachedStatement(sql: "SELECT * FROM authority WHERE id = ?"), arguments: [id]) else {
            throw ComityError.missing(.authority, id)
        }
        return a
    }

    static func basis(_ db: Database, _ id: String) throws -> LegalBasis {
        guard let b = try LegalBasis.fetchAll(db, id: id).first else {
            throw ComityError.missing(.basis, id)
        }
        return b
    }

    static func caseFile(_ db: Database, _ id: String) throws -> Case {
        guard let c = try Case.fetchOne(db.cachedStatement(sql: "SELECT * FROM case_file WHERE id = ?"), arguments: [id]) else {
            throw ComityError.missing(.caseFile, id)
        }
        return c
    }

    static func log(
        _ db: Database, _ subject: Event.Subject, _ id: String, _ action: Event.Action,
        on date: CalendarDate, by clerk: Clerk, from: RequestState? = nil, to: RequestState? = nil,
        replyID: Int64? = nil, note: String = ""
    ) throws {
        try clerk.validate()
        var event = Event(
            subjectType: subject, subjectID: id, action: action, date: date, recordedOn: clerk.today,
            actor: clerk.name, fromState: from, toState: to, replyID: replyID, note: note)
        try event.insert(db)
    }

    /// Runs validation that throws `ValidationFailure`, as a `ComityError`.
    func checked<T>(_ body: () throws(ValidationFailure) -> T) throws(ComityError) -> T {
        do { return try body() } catch { throw .invalid(error.message) }
    }
}

import GRDB

/// Parties, authorities, legal bases and cases: the records requests hang on.
extension ComityStore {
    public func addParty(_ party: Party, by clerk: Clerk) throws(ComityError) {
        let code = try checked { () throws(ValidationFailure) in try Party.validCode(party.code) }
        try checked { () throws(ValidationFailure) in
            try Handle.checkText(party.name, field: "party name", limit: 200)
            try Handle.checkText(party.formalName, field: "formal name", limit: 300)
            if let ja = party.nameJa { try Handle.checkText(ja, field: "Japanese name", limit: 300) }
        }
        var stored = party
        stored.code = code
        try write { db in
            guard try Party.fetchOne(db, key: code) == nil else { throw ComityError.duplicate(kind: "party", id: code) }
            try stored.insert(db)
            try Self.log(db, .party, code, .created, on: clerk.today, by: clerk, note: party.name)
        }
    }

    public func addAuthority(_ authority: Authority, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try Handle.check(authority.id, field: "authority id")
            try Handle.checkText(authority.name, field: "authority name", limit: 300)
            if let ja = authority.nameJa { try Handle.checkText(ja, field: "Japanese name", limit: 300) }
            if let city = authority.city { try Handle.checkText(city, field: "city", limit: 100) }
        }
        try write { db in
            guard try Authority.fetchOne(db, key: authority.id) == nil else {
                throw ComityError.duplicate(kind: "authority", id: authority.id)
            }
            _ = try Self.party(db, authority.party)
            if let posted = authority.postedTo {
                _ = try Self.party(db, posted)
                guard posted != authority.party else {
                    throw ValidationFailure("authority \(authority.id) is of \(authority.party) and cannot be posted to it; --posted-to names the foreign state an embassy or liaison sits in")
                }
            }
            try authority.insert(db)
            try Self.log(db, .authority, authority.id, .created, on: clerk.today, by: clerk, note: authority.name)
        }
    }

    public func addBasis(_ basis: LegalBasis, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try Handle.check(basis.id, field: "legal basis id")
            try Handle.checkText(basis.instrument, field: "instrument name", limit: 300)
            if let ja = basis.instrumentJa { try Handle.checkText(ja, field: "Japanese instrument name", limit: 300) }
            try Handle.checkText(basis.note, field: "note", required: false)
            guard !basis.parties.isEmpty else {
                throw ValidationFailure("legal basis \(basis.id) binds no party; give at least one with --party CC:YYYY-MM-DD")
            }
            let codes = basis.parties.map(\.party)
            if Set(codes).count != codes.count {
                throw ValidationFailure("legal basis \(basis.id) names a party twice; give each party once")
            }
        }
        try write { db in
            guard try LegalBasis.fetchAll(db, id: basis.id).isEmpty else {
                throw ComityError.duplicate(kind: "legal basis", id: basis.id)
            }
            for binding in basis.parties { _ = try Self.party(db, binding.party) }
            try basis.insert(db)
            try Self.log(db, .basis, basis.id, .created, on: clerk.today, by: clerk, note: basis.instrument)
        }
    }

    public func addCase(_ item: Case, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try Handle.check(item.id, field: "case id")
            try Handle.checkText(item.title, field: "case title", limit: 300)
            try Handle.checkText(item.offence, field: "offence", limit: 300)
            try Handle.checkText(item.note, field: "note", required: false)
            if item.discoveryDate < item.incidentDate {
                throw ValidationFailure("case \(item.id) is discovered on \(item.discoveryDate.iso), before its incident on \(item.incidentDate.iso); check the two dates")
            }
            if let limit = item.limitationDate, limit <= item.incidentDate {
                throw ValidationFailure("case \(item.id) has its limitation date \(limit.iso) on or before its incident on \(item.incidentDate.iso); check the dates")
            }
            if item.discoveryDate > clerk.today {
                throw ValidationFailure("case \(item.id) is discovered on \(item.discoveryDate.iso), after today (\(clerk.today.iso)); Comity records what has happened")
            }
        }
        try write { db in
            guard try Case.fetchOne(db, key: item.id) == nil else { throw ComityError.duplicate(kind: "case", id: item.id) }
            _ = try Self.authority(db, item.leadAuthority)
            try item.insert(db)
            try Self.log(db, .case, item.id, .created, on: item.discoveryDate, by: clerk, note: item.title)
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
        guard let above = Self.levelsAbove(clearance) else { return false }
        return try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM case_file WHERE classification IN (\(above)))
                    OR EXISTS (SELECT 1 FROM request WHERE classification IN (\(above)))
                    OR EXISTS (SELECT 1 FROM reply WHERE classification IN (\(above)))
                    OR EXISTS (SELECT 1 FROM letter WHERE classification IN (\(above)))
                """) ?? false
        }
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
            throw ComityError.notFound(kind: "party", id: code, hint: "add it with 'comity party add \(printable(code, limit: 8))'")
        }
        return p
    }

    static func authority(_ db: Database, _ id: String) throws -> Authority {
        guard let a = try Authority.fetchOne(db.cachedStatement(sql: "SELECT * FROM authority WHERE id = ?"), arguments: [id]) else {
            throw ComityError.notFound(kind: "authority", id: id, hint: "see 'comity authority list' or add it with 'comity authority add'")
        }
        return a
    }

    static func basis(_ db: Database, _ id: String) throws -> LegalBasis {
        guard let b = try LegalBasis.fetchAll(db, id: id).first else {
            throw ComityError.notFound(kind: "legal basis", id: id, hint: "see 'comity basis list' or add it with 'comity basis add'")
        }
        return b
    }

    static func caseFile(_ db: Database, _ id: String) throws -> Case {
        guard let c = try Case.fetchOne(db.cachedStatement(sql: "SELECT * FROM case_file WHERE id = ?"), arguments: [id]) else {
            throw ComityError.notFound(kind: "case", id: id, hint: "see 'comity case list' or add it with 'comity case add'")
        }
        return c
    }

    static func log(
        _ db: Database, _ subject: Event.Subject, _ id: String, _ action: Event.Action,
        on date: CalendarDate, by clerk: Clerk, from: RequestState? = nil, to: RequestState? = nil,
        replyID: Int64? = nil, note: String = ""
    ) throws {
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

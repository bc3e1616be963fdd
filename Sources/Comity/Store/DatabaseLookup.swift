import GRDB

/// The records the rules between records read, straight from the database inside a transaction.
struct DatabaseLookup: RecordLookup {
    let db: Database

    func partyName(_ code: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM party WHERE code = ?"), arguments: [code])
    }

    func authorityParty(_ id: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT party FROM authority WHERE id = ?"), arguments: [id])
    }

    func caseFacts(_ id: String) throws -> CaseFacts? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT lead_authority, discovery_date FROM case_file WHERE id = ?"), arguments: [id]) else { return nil }
        guard let discovered = ReportedDate.fromDatabaseValue(row[1]) else { return nil }
        return CaseFacts(leadAuthority: row[0], discoveryDate: discovered)
    }

    func basis(_ id: String) throws -> LegalBasis? {
        try LegalBasis.fetchAll(db, id: id).first
    }

    func requestFacts(_ reference: String) throws -> RequestFacts? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT state, sent_date, to_authority FROM request WHERE reference = ?"), arguments: [reference])
        else { return nil }
        guard let state = RequestState(rawValue: row[0]) else { return nil }
        return RequestFacts(state: state, sentDate: CalendarDate.fromDatabaseValue(row[1]), toAuthority: row[2])
    }

    func lastChange(of reference: String, before: Int64?) throws -> CalendarDate? {
        let sql = """
            SELECT max(date) FROM event
            WHERE subject_type = 'request' AND subject_id = ? AND action IN (\(Event.Action.chronologicalSQL)) AND (?2 IS NULL OR id < ?2)
            """
        return try CalendarDate.fetchOne(db.cachedStatement(sql: sql), arguments: [reference, before])
    }

    func ourState() throws -> String? {
        try ComityStore.ourState(db)
    }
}

import GRDB

/// Whose desk the database is: the state it works for (`our-state`), and the direction of what it holds.
extension ComityStore {
    /// The desk's own state, or nil when none is recorded.
    public func ourState() throws(ComityError) -> String? {
        try read { db in try Self.ourState(db) }
    }

    static func ourState(_ db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT value FROM setting WHERE channel = '*' AND key = ?"), arguments: [StoredSetting.ourStateKey])
    }

    /// Every case led, and every request sent, by an authority of another state than the desk's
    /// (`ourState`, else the stored one), and every request addressed to the desk's own state.
    static func checkDirection(_ db: Database, ourState: String? = nil) throws -> [String] {
        guard let ours = try ourState ?? Self.ourState(db) else { return [] }
        var problems: [String] = []
        let cases = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.lead_authority, a.party FROM case_file c JOIN authority a ON a.id = c.lead_authority
            WHERE a.party <> ? ORDER BY c.id
            """, arguments: [ours])
        while let row = try cases.next() {
            problems.append("direction: case \(printable(row[0] as String)) is led by \(printable(row[1] as String)) of \(row[2] as String), but this desk is \(ours)'s")
        }
        let requests = try Row.fetchCursor(db, sql: """
            SELECT r.reference, f.party, t.party FROM request r
            JOIN authority f ON f.id = r.from_authority JOIN authority t ON t.id = r.to_authority
            WHERE f.party <> ?1 OR t.party = ?1 ORDER BY r.reference
            """, arguments: [ours])
        while let row = try requests.next() {
            let (reference, from, to): (String, String, String) = (row[0], row[1], row[2])
            problems.append("direction: request \(printable(reference)) goes from \(from) to \(to), but this desk is \(ours)'s and records the requests \(ours) sends")
        }
        return problems
    }
}

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

    /// Every case led by an authority of another state than the desk's (`ourState`, else the
    /// stored one), and every request that neither comes from nor goes to the desk's state, or
    /// goes from it to itself.
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
            WHERE (f.party = ?1) = (t.party = ?1) ORDER BY r.reference
            """, arguments: [ours])
        while let row = try requests.next() {
            let (reference, from, to): (String, String, String) = (row[0], row[1], row[2])
            problems.append("direction: request \(printable(reference)) goes from \(from) to \(to), but this desk is \(ours)'s and records the requests \(ours) sends or receives")
        }
        return problems
    }
}

extension ComityStore {
    /// SQL for the authority at the counterpart's end of `request r`: the one it went to, or, for a
    /// request that came to the desk's state, the one it came from. `ours` is the desk's state as
    /// stored (an upper-case ISO code, checked when it was set); nil: every request goes out.
    static func counterpartAuthoritySQL(ours: String?) -> String {
        guard let ours, ours.utf8.allSatisfy({ (65...90).contains($0) }) else { return "r.to_authority" }
        return "(CASE WHEN r.to_authority IN (SELECT id FROM authority WHERE party = '\(ours)') THEN r.from_authority ELSE r.to_authority END)"
    }

    /// Which way one request goes, seen from the desk's state: incoming when it came to it.
    static func direction(_ db: Database, of request: Request) throws -> Direction {
        guard let ours = try ourState(db) else { return .outgoing }
        let party = try String.fetchOne(db.cachedStatement(sql: "SELECT party FROM authority WHERE id = ?"), arguments: [request.toAuthority])
        return party == ours ? .incoming : .outgoing
    }
}

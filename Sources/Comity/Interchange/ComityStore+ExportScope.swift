import GRDB

/// The SQL that picks what a scoped or cleared export holds.
extension ComityStore {
    /// Requests in the scope of `?1` (a case) and `?2` (a counterpart, whichever way a request goes
    /// between it and us), less those withheld for
    /// the levels `above` the clearance.
    static func requestsInScope(above: String?) -> String {
        var sql = """
            SELECT r.reference FROM request r JOIN authority a ON a.id = r.to_authority JOIN authority f ON f.id = r.from_authority
            WHERE (?1 IS NULL OR r.case_id = ?1) AND (?2 IS NULL OR a.party = ?2 OR f.party = ?2)
            """
        if let above {
            sql += """
                 AND r.classification NOT IN (\(above))
                 AND r.case_id NOT IN (SELECT id FROM case_file WHERE classification IN (\(above)))
                 AND NOT EXISTS (SELECT 1 FROM reply wr WHERE wr.request_ref = r.reference AND wr.classification IN (\(above)))
                 AND NOT EXISTS (SELECT 1 FROM letter wl WHERE wl.request_ref = r.reference AND wl.classification IN (\(above)))
                """
        }
        return sql
    }

    /// Cases in scope: the case asked for, or those of the counterpart's requests still shown,
    /// less those above the clearance.
    static func casesInScope(above: String?) -> String {
        let requests = requestsInScope(above: above)
        var sql = """
            SELECT id FROM case_file WHERE (?1 IS NULL OR id = ?1)
            AND (?2 IS NULL OR id IN (SELECT case_id FROM request WHERE reference IN (\(requests))))
            """
        if let above { sql += " AND classification NOT IN (\(above))" }
        return sql
    }

    static func scopeCondition(_ table: InterchangeTable, above: String?) -> String? {
        let requests = requestsInScope(above: above)
        let cases = casesInScope(above: above)
        switch table.name {
        case "request": return "reference IN (\(requests))"
        case "reply", "follow_up", "letter", "engagement_outcome": return "request_ref IN (\(requests))"
        case "case_file": return "id IN (\(cases))"
        case "engagement": return "(?2 IS NULL OR counterpart = ?2)"
        case "translation":
            // Those of the records exported: parties, authorities and bases are exported whole.
            return """
                subject IN ('party', 'authority', 'basis')
                OR (subject = 'request' AND subject_id IN (\(requests)))
                OR (subject = 'reply' AND subject_id IN (SELECT CAST(id AS TEXT) FROM reply WHERE request_ref IN (\(requests))))
                OR (subject = 'outcome' AND subject_id IN (SELECT CAST(id AS TEXT) FROM engagement_outcome WHERE request_ref IN (\(requests))))
                OR (subject = 'case' AND subject_id IN (\(cases)))
                OR (subject = 'engagement' AND subject_id IN (SELECT id FROM engagement WHERE ?2 IS NULL OR counterpart = ?2))
                """
        case "event":
            // A whole export keeps every audit event; a scoped one only those of its scope.
            return """
                (subject_type = 'request' AND subject_id IN (\(requests)))
                OR (subject_type = 'reply' AND subject_id IN (SELECT CAST(id AS TEXT) FROM reply WHERE request_ref IN (\(requests))))
                OR (subject_type = 'follow-up' AND subject_id IN (SELECT CAST(id AS TEXT) FROM follow_up WHERE request_ref IN (\(requests))))
                OR (subject_type = 'outcome' AND subject_id IN (SELECT CAST(id AS TEXT) FROM engagement_outcome WHERE request_ref IN (\(requests))))
                OR (subject_type = 'case' AND subject_id IN (\(cases)))
                OR (subject_type = 'engagement' AND subject_id IN (SELECT id FROM engagement WHERE ?2 IS NULL OR counterpart = ?2))
                OR (subject_type NOT IN ('request', 'case', 'engagement', 'reply', 'follow-up', 'outcome') AND (action NOT IN ('exported', 'imported') OR (?1 IS NULL AND ?2 IS NULL)))
                OR (action = 'exported' AND subject_type = 'party' AND subject_id = ?2)
                """
        default: return nil
        }
    }
}

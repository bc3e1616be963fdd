import GRDB

/// Reads the whole database (or one case's or one counterpart's part of it) for export.
extension ComityStore {
    /// Every table, rows in key order. With a case or counterpart, only the requests in
    /// scope and what hangs on them; reference data (parties, authorities, bases,
    /// settings, holidays) is always whole, so the export can be imported on its own.
    public func exportTables(
        caseID: String? = nil, counterpart: String? = nil, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> [InterchangeTableData] {
        try export(caseID: caseID, counterpart: counterpart, progress: progress).tables
    }

    /// The export for a reader cleared up to `clearance`: a case above it is left out with its
    /// requests; a request above it, in a case above it, or with a reply or letter above it is
    /// left out with its replies, follow-ups, letters and history. Only their number is kept.
    public func export(
        caseID: String? = nil, counterpart: String? = nil, clearance: Classification = .secret,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> InterchangeExport {
        let counterpart = counterpart?.uppercased()
        return try read { db in
            var total = 0
            for table in InterchangeTable.all { total += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
            var done = 0
            if let caseID { _ = try Self.caseFile(db, caseID) }
            if let counterpart { _ = try Self.party(db, counterpart) }
            let above = Self.levelsAbove(clearance)
            let filtered = caseID != nil || counterpart != nil || above != nil
            let arguments: StatementArguments = [caseID, counterpart]
            var withheld = 0
            let tables = try InterchangeTable.all.map { table in
                let columns = try Self.columns(db, table)
                let order = table.key.joined(separator: ", ")
                var sql = "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(table.name)"
                let condition = filtered ? Self.scopeCondition(table, above: above) : nil
                if let condition { sql += " WHERE \(condition)" }
                sql += " ORDER BY \(order)"
                let rows = try Row.fetchAll(db, sql: sql, arguments: condition == nil ? [] : arguments).map { row in
                    columns.indices.map { Self.value(row[$0] as DatabaseValue) }
                }
                if above != nil, let everything = Self.scopeCondition(table, above: nil) {
                    let inScope = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name) WHERE \(everything)", arguments: arguments) ?? 0
                    withheld += inScope - rows.count
                }
                done += rows.count
                progress(min(done, total), total)
                return InterchangeTableData(table: table, columns: columns, rows: rows)
            }
            return InterchangeExport(tables: tables, withheld: withheld)
        }
    }

    /// Requests in the scope of `?1` (a case) and `?2` (a counterpart), less those withheld for
    /// the levels `above` the clearance.
    static func requestsInScope(above: String?) -> String {
        var sql = """
            SELECT r.reference FROM request r JOIN authority a ON a.id = r.to_authority
            WHERE (?1 IS NULL OR r.case_id = ?1) AND (?2 IS NULL OR a.party = ?2)
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
        case "reply", "follow_up", "letter": return "request_ref IN (\(requests))"
        case "case_file": return "id IN (\(cases))"
        case "engagement": return "(?2 IS NULL OR counterpart = ?2)"
        case "event":
            // A whole export keeps every audit event; a scoped one only those of its scope.
            return """
                (subject_type = 'request' AND subject_id IN (\(requests)))
                OR (subject_type = 'case' AND subject_id IN (\(cases)))
                OR (subject_type = 'engagement' AND subject_id IN (SELECT id FROM engagement WHERE ?2 IS NULL OR counterpart = ?2))
                OR (subject_type NOT IN ('request', 'case', 'engagement') AND (action <> 'exported' OR (?1 IS NULL AND ?2 IS NULL)))
                OR (action = 'exported' AND subject_type = 'party' AND subject_id = ?2)
                """
        default: return nil
        }
    }

    static func columns(_ db: Database, _ table: InterchangeTable) throws -> [InterchangeColumn] {
        try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table.name]).map { row in
            let type: String = row["type"]
            let notNull: Bool = row["notnull"]
            let isPK: Int = row["pk"]
            return InterchangeColumn(name: row["name"], isInteger: type.uppercased() == "INTEGER",
                                     notNull: notNull || isPK > 0, hasDefault: !(row["dflt_value"] as DatabaseValue).isNull)
        }
    }

    static func value(_ value: DatabaseValue) -> InterchangeValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .text(String(number))
        case .string(let text): return .text(text)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }

    static func databaseValue(_ value: InterchangeValue) -> DatabaseValue {
        switch value {
        case .null, .invalid: return .null
        case .integer(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        }
    }
}

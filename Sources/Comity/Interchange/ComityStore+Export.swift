import GRDB

/// Reads the whole database (or one case's or one counterpart's part of it) for export.
extension ComityStore {
    /// Every table, rows in key order. With a case or counterpart, only the requests in
    /// scope and what hangs on them; reference data (parties, authorities, bases,
    /// settings, holidays) is always whole, so the export can be imported on its own.
    public func exportTables(
        caseID: String? = nil, counterpart: String? = nil, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> [InterchangeTableData] {
        let counterpart = counterpart?.uppercased()
        return try read { db in
            var total = 0
            for table in InterchangeTable.all { total += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
            var done = 0
            if let caseID { _ = try Self.caseFile(db, caseID) }
            if let counterpart { _ = try Self.party(db, counterpart) }
            let filtered = caseID != nil || counterpart != nil
            return try InterchangeTable.all.map { table in
                let columns = try Self.columns(db, table)
                let order = table.key.joined(separator: ", ")
                var sql = "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(table.name)"
                if filtered, let condition = Self.scopeCondition(table) { sql += " WHERE \(condition)" }
                sql += " ORDER BY \(order)"
                let arguments: StatementArguments = filtered && Self.scopeCondition(table) != nil ? [caseID, counterpart] : []
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    columns.indices.map { Self.value(row[$0] as DatabaseValue) }
                }
                done += rows.count
                progress(min(done, total), total)
                return InterchangeTableData(table: table, columns: columns, rows: rows)
            }
        }
    }

    static let requestsInScope = """
        SELECT r.reference FROM request r JOIN authority a ON a.id = r.to_authority
        WHERE (?1 IS NULL OR r.case_id = ?1) AND (?2 IS NULL OR a.party = ?2)
        """

    static func scopeCondition(_ table: InterchangeTable) -> String? {
        let cases = "SELECT r.case_id FROM request r JOIN authority a ON a.id = r.to_authority WHERE (?1 IS NULL OR r.case_id = ?1) AND (?2 IS NULL OR a.party = ?2)"
        switch table.name {
        case "request": return "reference IN (\(requestsInScope))"
        case "reply", "follow_up", "letter": return "request_ref IN (\(requestsInScope))"
        case "case_file": return "(?1 IS NULL OR id = ?1) AND (?2 IS NULL OR id IN (\(cases)))"
        case "engagement": return "(?2 IS NULL OR counterpart = ?2)"
        case "event":
            return """
                (subject_type = 'request' AND subject_id IN (\(requestsInScope)))
                OR (subject_type = 'case' AND (?1 IS NULL OR subject_id = ?1) AND (?2 IS NULL OR subject_id IN (\(cases))))
                OR (subject_type = 'engagement' AND subject_id IN (SELECT id FROM engagement WHERE ?2 IS NULL OR counterpart = ?2))
                OR (subject_type NOT IN ('request', 'case', 'engagement') AND action <> 'exported')
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

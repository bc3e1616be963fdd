import GRDB

/// The audit trail: every export, calendar feed and backup is an 'exported' event in the history,
/// every import an 'imported' one; it lists every correction too ('corrected').
extension ComityStore {
    /// Records `export` in the history and runs `deliver` (which writes the file or standard
    /// output) inside the same transaction, so a delivery that fails leaves no event behind.
    ///
    /// The event is written first: a database that cannot record the export (read-only, locked)
    /// refuses it before any data leaves. Should the commit itself fail after `deliver`, the error
    /// is thrown and the caller withdraws what it delivered.
    public func recordExport<T>(_ export: ExportRecord, by clerk: Clerk, deliver: () throws(ComityError) -> T) throws(ComityError) -> T {
        try write { db in
            try Self.logExport(db, export, by: clerk)
            return try deliver()
        }
    }

    /// The 'exported', 'imported' and 'corrected' events, oldest first: all of them, or those of one record (a
    /// case, a counterpart, or "database" for whole exports, backups and imports).
    public func auditTrail(of id: String? = nil) throws(ComityError) -> [Event] {
        try auditTrail(of: id, clearance: .secret).shown
    }

    /// The audit trail a reader cleared to `clearance` may see: the exports of a case classified
    /// above it are left out and counted, as they name the case.
    public func auditTrail(of id: String? = nil, clearance: Classification) throws(ComityError) -> (shown: [Event], withheld: Int) {
        try read { db in
            let actions = [Event.Action.exported, .imported, .corrected].map(\.rawValue)
            var query = Event.filter(actions.contains(Column("action")))
            if let id { query = query.filter(Column("subject_id") == id) }
            let events = try query.order(Column("id")).fetchAll(db)
            guard let above = Self.levelsAbove(clearance) else { return (events, 0) }
            let hidden = Set(try String.fetchAll(db, sql: "SELECT id FROM case_file WHERE classification IN (\(above))"))
            let shown = try events.filter { event in
                switch event.subjectType {
                case .case: return !hidden.contains(event.subjectID)
                case .request, .reply, .followUp, .outcome: return try !Self.isCorrectionWithheld(db, event, clearance: clearance)
                default: return true
                }
            }
            return (shown, events.count - shown.count)
        }
    }

    /// Whether the correction of a request, reply or follow-up belongs to a request the reader may not see.
    static func isCorrectionWithheld(_ db: Database, _ event: Event, clearance: Classification) throws -> Bool {
        let reference: String?
        switch event.subjectType {
        case .reply: reference = try String.fetchOne(db, sql: "SELECT request_ref FROM reply WHERE id = ?", arguments: [event.subjectID])
        case .followUp: reference = try String.fetchOne(db, sql: "SELECT request_ref FROM follow_up WHERE id = ?", arguments: [event.subjectID])
        case .outcome: reference = try String.fetchOne(db, sql: "SELECT request_ref FROM engagement_outcome WHERE id = ?", arguments: [event.subjectID])
        default: reference = event.subjectID
        }
        guard let reference else { return false }
        return try isWithheld(db, reference, asOf: nil, clearance: clearance)
    }

    static func logExport(_ db: Database, _ export: ExportRecord, by clerk: Clerk) throws {
        let subject = export.subject
        try log(db, subject.type, subject.id, .exported, on: clerk.today, by: clerk, note: export.note)
    }

    /// Rows in the tables an export carries: what a backup holds, counted the same way.
    static func recordCount(_ db: Database) throws -> Int {
        var total = 0
        for table in InterchangeTable.all { total += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
        return total
    }
}

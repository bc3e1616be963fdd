import GRDB

/// How often the dates of each calendar event may have moved, read from the history: the
/// SEQUENCE and LAST-MODIFIED of the feed's events, the same for the same `--today`.
///
/// The revision of a request's dates is the number of its recorded events dated up to today that can
/// move a clock (a state move, a reply, a follow-up, a rescheduling, a correction or a
/// replacement by import, of the request, its replies and follow-ups, and corrections of its
/// case, which hold the limitation dates); an engagement's counts its reschedulings and
/// corrections. Notes and audit events move nothing and are not counted. LAST-MODIFIED is the
/// date of the last of those, or of the creation.
struct CalendarRevisions {
    struct Revision {
        var sequence = 0
        var lastModified: CalendarDate?
    }

    /// Keyed by subject type and id, as the history names them.
    private var bySubject: [String: Revision] = [:]
    /// The replies and follow-ups of each request, as the history names them.
    private var parts: [String: [String]] = [:]

    /// The events that can move a date, and the creations, grouped by what they belong to.
    static let sql = """
        SELECT subject_type, subject_id,
               sum(action IN ('moved', 'reply', 'rescheduled', 'follow-up', 'corrected', 'replaced')), max(date)
        FROM event
        WHERE date <= ? AND subject_type IN ('request', 'reply', 'follow-up', 'case', 'engagement')
          AND action IN ('created', 'moved', 'reply', 'rescheduled', 'follow-up', 'corrected', 'replaced')
        GROUP BY subject_type, subject_id
        """

    init(_ db: Database, today: CalendarDate) throws {
        let rows = try Row.fetchCursor(db, sql: Self.sql, arguments: [today.iso])
        while let row = try rows.next() {
            let type: String = row[0], id: String = row[1], count: Int = row[2] ?? 0, last: String? = row[3]
            bySubject["\(type) \(id)"] = Revision(sequence: count, lastModified: last.flatMap { try? CalendarDate(iso: $0) })
        }
        for (table, type) in [("reply", "reply"), ("follow_up", "follow-up")] {
            let owners = try Row.fetchCursor(db, sql: "SELECT CAST(id AS TEXT), request_ref FROM \(table)")
            while let row = try owners.next() {
                let id: String = row[0], request: String = row[1]
                parts[request, default: []].append("\(type) \(id)")
            }
        }
    }

    /// The revision of the dates of the request `reference` in the case `caseID`.
    func request(_ reference: String, caseID: String, default today: CalendarDate) -> (sequence: Int, lastModified: CalendarDate) {
        combined(["request \(reference)", "case \(caseID)"] + (parts[reference] ?? []), caseCreation: "case \(caseID)", default: today)
    }

    /// The revision of the dates of the engagement `id`.
    func engagement(_ id: String, default today: CalendarDate) -> (sequence: Int, lastModified: CalendarDate) {
        combined(["engagement \(id)"], caseCreation: nil, default: today)
    }

    private func combined(_ keys: [String], caseCreation: String?, default today: CalendarDate) -> (sequence: Int, lastModified: CalendarDate) {
        var sequence = 0
        var last: CalendarDate?
        for key in keys {
            guard let revision = bySubject[key] else { continue }
            sequence += revision.sequence
            // A case's creation is not a change to the request's dates; its corrections are.
            if key == caseCreation && revision.sequence == 0 { continue }
            if let day = revision.lastModified { last = max(last ?? day, day) }
        }
        return (sequence, last ?? today)
    }
}

extension ComityStore {
    func calendarRevisions(today: CalendarDate) throws(ComityError) -> CalendarRevisions {
        try read { db in try CalendarRevisions(db, today: today) }
    }
}

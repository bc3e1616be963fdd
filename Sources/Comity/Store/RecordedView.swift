import GRDB

/// The records as they stood at the end of a day: what was recorded later is left out, and
/// corrections recorded later are undone, newest first, from the old values the history keeps.
///
/// A report "as recorded" on the day a brief was given reproduces that brief after later
/// replies, moves and corrections. Records that came in by import with no history of their own
/// count as recorded from the start.
struct RecordedView {
    /// The last day whose records count.
    let date: CalendarDate
    /// Whether anything at all was recorded after the day; if not, the view is the store itself.
    let anythingLater: Bool
    /// The old values of corrections recorded after the day, newest first, by subject.
    private let corrections: [Subject: [(field: String, old: String?)]]
    /// Requests a later correction touches (of the request itself, its replies, follow-ups or case):
    /// their recorded values may put them in or out of a scope, so they are always read.
    let correctedRequests: Set<String>

    struct Subject: Hashable {
        var type: String
        var id: String
    }

    static func load(_ db: Database, by date: CalendarDate) throws -> RecordedView {
        let later = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM event INDEXED BY event_recorded WHERE recorded_on > ?)"),
            arguments: [date]) ?? false
        var corrections: [Subject: [(field: String, old: String?)]] = [:]
        var requests = Set<String>()
        guard later else { return RecordedView(date: date, anythingLater: false, corrections: [:], correctedRequests: []) }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT action, subject_type, subject_id, field, old_value, note FROM event INDEXED BY event_action
            WHERE action IN ('corrected', 'rescheduled') AND recorded_on > ? ORDER BY id DESC
            """), arguments: [date])
        while let row = try rows.next() {
            let subject = Subject(type: row[1], id: row[2])
            if row[0] as String == Event.Action.rescheduled.rawValue {
                // A rescheduling keeps the old dates in its note: "from 2011-12-25–2011-12-26 to …".
                if let (start, end) = Self.oldSpan(row[5]) {
                    corrections[subject, default: []].append(("start_date", start.iso))
                    corrections[subject, default: []].append(("end_date", end.iso))
                }
            } else if let field: String = row[3] {
                corrections[subject, default: []].append((field, row[4]))
            }
        }
        for subject in corrections.keys {
            switch subject.type {
            case "request":
                requests.insert(subject.id)
            case "reply", "follow-up", "outcome":
                let table = ["reply": "reply", "follow-up": "follow_up", "outcome": "engagement_outcome"][subject.type]!
                if let reference = try String.fetchOne(db, sql: "SELECT request_ref FROM \(table) WHERE id = ?", arguments: [subject.id]) {
                    requests.insert(reference)
                }
            case "case":
                requests.formUnion(try String.fetchAll(db, sql: "SELECT reference FROM request WHERE case_id = ?", arguments: [subject.id]))
            default:
                break
            }
        }
        return RecordedView(date: date, anythingLater: true, corrections: corrections, correctedRequests: requests)
    }

    /// The dates an engagement had before a rescheduling, from the event's note.
    static func oldSpan(_ note: String) -> (CalendarDate, CalendarDate)? {
        guard note.hasPrefix("from ") else { return nil }
        let span = note.dropFirst(5).prefix { $0 != " " }
        let parts = span.split(separator: "–", maxSplits: 1).map(String.init)
        guard let start = try? CalendarDate(iso: parts[0]) else { return nil }
        guard parts.count == 2 else { return (start, start) }
        guard let end = try? CalendarDate(iso: parts[1]) else { return nil }
        return (start, end)
    }

    /// Whether a record has corrections recorded after the day.
    func isCorrected(_ type: String, _ id: String) -> Bool { corrections[Subject(type: type, id: id)] != nil }

    /// A record as it stood at the end of the day: later corrections undone, newest first.
    func recorded<R: FetchableRecord & EncodableRecord>(_ record: R, _ type: String, _ id: String) throws -> R {
        guard isCorrected(type, id) else { return record }
        var values = try record.databaseDictionary
        undo(&values, type, id)
        return try R(row: Row(values))
    }

    /// A legal basis as it stood at the end of the day; its parties are kept as they are.
    func recorded(_ basis: LegalBasis, _ db: Database) throws -> LegalBasis {
        guard isCorrected("basis", basis.id),
              let row = try Row.fetchOne(db, sql: "SELECT \(LegalBasis.selectList()) FROM legal_basis WHERE id = ?", arguments: [basis.id])
        else { return basis }
        var values: [String: DatabaseValue] = [:]
        for (column, value) in row { values[column] = value }
        undo(&values, "basis", basis.id)
        var recorded = try LegalBasis(RowReader<LegalBasis>(Row(values)))
        recorded.parties = basis.parties
        return recorded
    }

    /// Replies or follow-ups as they stood at the end of the day, those dated by `asOf`, in date order.
    func recorded<R: FetchableRecord & EncodableRecord>(
        _ records: [R], _ type: String, id: KeyPath<R, Int64?>, date: KeyPath<R, CalendarDate>, asOf: CalendarDate
    ) throws -> [R] {
        try records.map { record in try record[keyPath: id].map { try recorded(record, type, String($0)) } ?? record }
            .filter { $0[keyPath: date] <= asOf }
            .sorted { ($0[keyPath: date], $0[keyPath: id] ?? 0) < ($1[keyPath: date], $1[keyPath: id] ?? 0) }
    }

    /// Puts back, newest first, the old values of the record's later corrections.
    private func undo(_ values: inout [String: DatabaseValue], _ type: String, _ id: String) {
        for (field, old) in corrections[Subject(type: type, id: id)] ?? [] where values.keys.contains(field) {
            values[field] = Self.value(old, like: values[field]!, column: field)
        }
    }

    /// The stored value of a correction's text, in the storage class of the column's value.
    private static func value(_ text: String?, like current: DatabaseValue, column: String) -> DatabaseValue {
        guard let text else { return .null }
        if case .int64 = current.storage, let number = Int64(text) { return number.databaseValue }
        if current.isNull, Self.integerColumns.contains(column), let number = Int64(text) { return number.databaseValue }
        return text.databaseValue
    }

    /// Columns that hold integers, whose old value may be read back while the current one is NULL.
    private static let integerColumns: Set<String> = ["response_days", "restarts_clock", "working_day", "reply_id", "sequence", "year"]

    // MARK: SQL for the stall query

    /// The requests with a move recorded after the day (the one argument), which may have been
    /// open then though closed now; `bounds` narrows them to a chunk's references.
    static func movedLater(bounds: String = "") -> String {
        """
        SELECT subject_id FROM event INDEXED BY event_request_moves
        WHERE subject_type = 'request' AND action = 'moved' AND recorded_on > ?\(bounds)
        """
    }

    /// True for a request `r` recorded (created) after the day.
    static let createdLater = """
        EXISTS (SELECT 1 FROM event ce INDEXED BY event_created
            WHERE ce.subject_id = r.reference AND ce.subject_type = 'request' AND ce.action = 'created' AND ce.recorded_on > ?)
        """

    /// The references of `correctedRequests`, for `IN (SELECT value FROM json_each(?))`.
    var correctedList: String { JSONColumn.encode(correctedRequests.sorted()) }

    /// A reply of `reply` recorded by the day (one with no history of its own counts).
    static let replyRecorded = """
        NOT EXISTS (SELECT 1 FROM event re INDEXED BY event_reply_recorded WHERE re.reply_id = reply.id AND re.recorded_on > ?)
        """

    /// A move recorded by the day.
    static let moveRecorded = "recorded_on <= ?"

    /// A follow-up of `follow_up` recorded by the day: left out when every follow-up the history
    /// records for its request on its date was recorded later.
    static let followUpRecorded = """
        (NOT EXISTS (SELECT 1 FROM event fe INDEXED BY event_follow_up_recorded WHERE fe.subject_id = follow_up.request_ref
            AND fe.action = 'follow-up' AND fe.date = follow_up.date AND fe.recorded_on > ?)
         OR EXISTS (SELECT 1 FROM event fe INDEXED BY event_follow_up_recorded WHERE fe.subject_id = follow_up.request_ref
            AND fe.action = 'follow-up' AND fe.date = follow_up.date AND fe.recorded_on <= ?))
        """
}

/// Without a view, every record is read as the store holds it.
extension Optional where Wrapped == RecordedView {
    func recorded<R: FetchableRecord & EncodableRecord>(_ record: R, _ type: String, _ id: String) throws -> R {
        try self?.recorded(record, type, id) ?? record
    }

    func recorded(_ basis: LegalBasis, _ db: Database) throws -> LegalBasis {
        try self?.recorded(basis, db) ?? basis
    }
}

extension RecordedView {
    /// Translations as they stood at the end of the day: later changes undone, newest first.
    func recorded(_ translations: Translations) -> Translations {
        guard anythingLater else { return translations }
        var recorded = translations
        for (subject, changes) in corrections {
            guard let kind = Event.Subject(rawValue: subject.type) else { continue }
            for (field, old) in changes {
                guard let (field, lang) = Translation.parseHistoryField(field) ?? Self.japaneseColumns[field] else { continue }
                recorded[Translation(kind, subject.id, field, lang: lang, value: [])] = old.flatMap { ComityStore.translationValue($0, field) }
            }
        }
        return recorded
    }

    /// The Japanese columns of versions before translations had a table of their own, which
    /// corrections recorded then name.
    private static let japaneseColumns: [String: (TranslatedField, String)] = [
        "name_ja": (.name, "ja"), "head_title_ja": (.headTitle, "ja"), "head_name_ja": (.headName, "ja"),
        "instrument_ja": (.instrument, "ja"), "subject_ja": (.subject, "ja"), "summary_ja": (.summary, "ja"),
    ]
}

extension Optional where Wrapped == RecordedView {
    func recorded(_ translations: Translations) -> Translations { self?.recorded(translations) ?? translations }
}

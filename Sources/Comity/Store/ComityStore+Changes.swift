import GRDB

/// What changed in the records since a person last looked: the newest events of the requests,
/// cases and engagements they may see.
extension ComityStore {
    /// Events newer than `after`, newest first, of records the clearance shows; and the newest
    /// event id there is (to remember as seen).
    func changes(after: Int64, limit: Int, clearance: Classification) throws(ComityError) -> (events: [Event], newest: Int64) {
        try read { db in
            let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM event") ?? 0
            var shown: [Event] = []
            var verdicts: [String: Bool] = [:]
            let cursor = try Event.fetchCursor(db, sql: """
                SELECT * FROM event WHERE id > ? AND subject_type IN ('request', 'reply', 'follow-up', 'outcome', 'case', 'engagement')
                ORDER BY id DESC
                """, arguments: [after])
            while shown.count < limit, let event = try cursor.next() {
                let key = try Self.requestOf(db, event) ?? "\(event.subjectType.rawValue):\(event.subjectID)"
                if verdicts[key] == nil {
                    verdicts[key] = try Self.changeIsShown(db, event, request: key, clearance: clearance)
                }
                if verdicts[key] == true { shown.append(event) }
            }
            return (shown, newest)
        }
    }

    func newestEvent() throws(ComityError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM event") ?? 0 }
    }

    /// The reference of the request an event belongs to, nil for a case or an engagement.
    private static func requestOf(_ db: Database, _ event: Event) throws -> String? {
        let table: String
        switch event.subjectType {
        case .request: return event.subjectID
        case .reply: table = "reply"
        case .followUp: table = "follow_up"
        case .outcome: table = "engagement_outcome"
        default: return nil
        }
        return try String.fetchOne(db, sql: "SELECT request_ref FROM \(table) WHERE CAST(id AS TEXT) = ?", arguments: [event.subjectID])
    }

    private static func changeIsShown(_ db: Database, _ event: Event, request key: String, clearance: Classification) throws -> Bool {
        switch event.subjectType {
        case .case: return try !isCaseAbove(db, event.subjectID, clearance: clearance)
        case .engagement: return true
        default:
            guard try request(db, key).classification <= clearance else { return false }
            return try !isWithheld(db, key, asOf: nil, clearance: clearance)
        }
    }
}

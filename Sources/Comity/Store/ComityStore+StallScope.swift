import GRDB

/// The SQL that picks the requests a stall query reads: the list of those it may hold, and the
/// condition each must meet.
extension ComityStore {
    /// The SQL condition on `request r` (and `authority a`) for a scope, among the requests it may
    /// hold, and the query of those requests (its argument: their list), whose replies, moves and
    /// follow-ups to read. A superset is harmless (the merge join skips what the request cursor does not hold).
    ///
    /// The superset is read once, from indexes alone, and handed to every statement as a list:
    /// the requests open now; about the past, those moved since (closed after the day, they were
    /// open on it); as recorded, those with a move recorded later or corrected since.
    static func scopeFilter(_ db: Database, _ scope: StallScope, view: RecordedView? = nil) throws -> (String, StatementArguments, String, StatementArguments) {
        let list: String
        if let candidates = scope.candidates {
            list = JSONColumn.list(candidates)
        } else {
            let (candidates, candidateArguments) = try candidateQuery(db, scope, view: view)
            list = JSONColumn.list(try String.fetchAll(db.cachedStatement(sql: candidates), arguments: candidateArguments))
        }
        let inScope = "SELECT value FROM json_each(?)"
        // A sent date that is not a date stays in, for the request cursor to report as damaged.
        let sent = "r.sent_date IS NOT NULL AND (r.sent_date <= ? OR \(notADate("r.sent_date")))"
        let (narrow, narrowArguments) = narrowFilter(scope)
        var sql = "\(sent)\(narrow)"
        var arguments: StatementArguments = [scope.asOf] + narrowArguments
        if let view {
            // One corrected since may have had another case, counterpart or date then: the
            // engine weighs it as recorded.
            sql = "((\(sent)\(narrow)) OR r.reference IN (SELECT value FROM json_each(?)))"
            sql += " AND NOT \(RecordedView.createdLater)"
            arguments = [scope.asOf] + narrowArguments + [view.correctedList, view.date]
        }
        // The clearance narrows only the request cursor; the superset stays one.
        if let withheld = withheldCondition(scope.clearance) {
            sql += scope.selectsWithheld ? " AND \(withheld)" : " AND NOT \(withheld)"
            arguments += [scope.asOf]
        } else if scope.selectsWithheld {
            sql += " AND 0"
        }
        return (sql, arguments, inScope, [list])
    }

    /// The query of the references a scope may hold, in order, from indexes alone.
    static func candidateQuery(_ db: Database, _ scope: StallScope, view: RecordedView?) throws -> (String, StatementArguments) {
        let open = RequestState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ",")
        let (narrow, narrowArguments) = narrowFilter(scope)
        let (bounds, boundArguments) = subjectBounds(scope)
        let from = scope.counterpart == nil ? "request r INDEXED BY request_open" : "authority a CROSS JOIN request r ON r.to_authority = a.id"
        var sql = "SELECT r.reference FROM \(from) WHERE r.state IN (\(open))\(narrow)"
        var arguments = narrowArguments
        if scope.counterpart != nil, try ourState(db) != nil {
            // And those that came to us from the counterpart (a superset: the request cursor decides).
            sql += " UNION SELECT r.reference FROM authority a CROSS JOIN request r INDEXED BY request_open_from ON r.from_authority = a.id WHERE r.state IN (\(open))\(narrow)"
            arguments += narrowArguments
        }
        // A request closed after the as-of date was still open on it. A chunk reads its own
        // references' moves; a whole query, the moves since the day.
        let lastMove = try lastEventDate(db, index: "event_request_move_dates", where: "subject_type = 'request' AND action = 'moved'")
        if let lastMove, lastMove > scope.asOf {
            let index = bounds.isEmpty ? "event_request_move_dates" : "event_request_moves"
            sql += " UNION SELECT subject_id FROM event INDEXED BY \(index) WHERE subject_type = 'request' AND action = 'moved' AND date > ?\(bounds)"
            arguments += [scope.asOf] + boundArguments
        }
        if let view {
            sql += " UNION \(RecordedView.movedLater(bounds: bounds))"
            arguments += [view.date] + boundArguments
            sql += " UNION SELECT value FROM json_each(?) WHERE 1\(bounds.replacingOccurrences(of: "subject_id", with: "value"))"
            arguments += [view.correctedList] + boundArguments
        }
        return ("SELECT * FROM (\(sql)) ORDER BY 1", arguments)
    }

    /// The SQL condition, each part beginning with AND, that narrows an event's `subject_id` to the
    /// one request or the chunk of references a scope reads: a query about one request looks
    /// at its own moves, never at every move since the day.
    static func subjectBounds(_ scope: StallScope) -> (String, StatementArguments) {
        var bounds = ""
        var arguments: StatementArguments = []
        if let reference = scope.reference { bounds += " AND subject_id = ?"; arguments += [reference] }
        if let from = scope.referencesFrom { bounds += " AND subject_id >= ?"; arguments += [from] }
        if let below = scope.referencesBelow { bounds += " AND subject_id < ?"; arguments += [below] }
        return (bounds, arguments)
    }

    /// The SQL condition, each part beginning with AND, that narrows a scope to its counterpart,
    /// case, request and chunk (on `request r` and `authority a`).
    static func narrowFilter(_ scope: StallScope) -> (String, StatementArguments) {
        var narrow = ""
        var arguments: StatementArguments = []
        if let counterpart = scope.counterpart { narrow += " AND a.party = ?"; arguments += [counterpart] }
        if let caseID = scope.caseID { narrow += " AND r.case_id = ?"; arguments += [caseID] }
        if let reference = scope.reference { narrow += " AND r.reference = ?"; arguments += [reference] }
        if let from = scope.referencesFrom { narrow += " AND r.reference >= ?"; arguments += [from] }
        if let below = scope.referencesBelow { narrow += " AND r.reference < ?"; arguments += [below] }
        return (narrow, arguments)
    }
}

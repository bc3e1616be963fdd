import GRDB
import GRDBSQLite

/// Feeds the counterparts' record from the store: every request in scope, sent or received,
/// streamed in reference order with its replies, moves and follow-ups (merge joins over four cursors), each
/// folded into the record's builder and let go, so memory stays flat over a million requests.
extension ComityStore {
    /// The counterparts' record as of a day; requests above `clearance` (by themselves, their
    /// case or a reply received by then) are left out and only counted.
    func counterpartRecord(_ scope: CounterpartRecord.Scope, asOf: CalendarDate, clearance: Classification) throws(ComityError) -> CounterpartRecord {
        try read { db in
            if let counterpart = scope.counterpart { _ = try Self.party(db, counterpart) }
            let context = try StallContext(db, asOf: asOf)
            var builder = CounterpartRecord.Builder(asOf: asOf, scope: scope, ourState: context.ours)
            let (condition, arguments) = Self.recordFilter(scope, asOf: asOf)
            // `a` is the counterpart's authority: the one a request went to, or came from.
            let tables = "request r JOIN authority a ON a.id = \(Self.counterpartAuthoritySQL(ours: context.ours))"
            // The replies, moves and follow-ups of the requests in scope; all of them when the
            // scope is the whole store, so no list of a million references is built.
            let narrowed = scope.counterpart != nil || scope.channel != nil || scope.from != nil || scope.to != nil
            func inScope(_ column: String) -> String {
                narrowed ? " AND \(column) IN (SELECT r.reference FROM \(tables) WHERE \(condition))" : ""
            }
            let inScopeArguments: StatementArguments = narrowed ? arguments : []
            let withheldCondition = Self.withheldCondition(clearance)
            let withheld = withheldCondition.map { "(\($0))" } ?? "0"

            let leading: StatementArguments = withheldCondition == nil ? [] : [asOf]
            let requests = try ColumnCursor(db.cachedStatement(sql: """
                SELECT \(Self.recordRequestColumns), \(withheld) FROM \(tables) JOIN case_file c INDEXED BY case_stall ON c.id = r.case_id
                WHERE \(condition) ORDER BY r.reference
                """), arguments: leading + arguments) { c in
                    let authority = c.reader(Authority.self, from: Request.columnCount)
                    let caseFile = c.reader(Case.self, from: Request.columnCount + Authority.columnCount)
                    let flag = Request.columnCount + Authority.columnCount + Case.columnCount
                    return (request: try Request(c), counterpartAuthority: try authority.string(.id), counterpart: try authority.string(.party),
                            caseClassification: try caseFile.value(.classification) as Classification,
                            withheld: sqlite3_column_int64(c.statement, flag) != 0)
                }
            var replies = PeekableCursor(try Reply.cursor(db.cachedStatement(sql: """
                SELECT \(Self.stallReplyColumns) FROM reply
                WHERE (date <= ? OR \(Self.notADate("date")))\(inScope("request_ref"))
                ORDER BY request_ref, date, id
                """), arguments: [asOf] + inScopeArguments))
            var moves = PeekableCursor(try ColumnCursor(db.cachedStatement(sql: """
                SELECT \(Self.stallMoveColumns) FROM event INDEXED BY event_request_moves
                WHERE subject_type = 'request' AND action = 'moved' AND (date <= ? OR \(Self.notADate("date")))\(inScope("subject_id"))
                ORDER BY subject_id, id
                """), arguments: [asOf] + inScopeArguments) { row in
                    let e = row.reader(Event.self)
                    return (try e.string(.subject_id), Dossier.Move(date: try e.date(.date), from: try e.optionalValue(.from_state), to: try e.value(.to_state)))
                })
            var followUps = PeekableCursor(try FollowUp.cursor(db.cachedStatement(sql: """
                SELECT \(FollowUp.selectList(replacing: [.note: "''"])) FROM follow_up
                WHERE (date <= ? OR \(Self.notADate("date")))\(inScope("request_ref"))
                ORDER BY request_ref, date, id
                """), arguments: [asOf] + inScopeArguments))

            var names: [String: String] = [:]
            while let row = try requests.next() {
                let ref = row.request.reference
                let replyRun = try replies.take(while: { $0.requestReference }, equals: ref)
                let moveRun = try moves.take(while: { $0.0 }, equals: ref).map(\.1)
                let followUpRun = try followUps.take(while: { $0.requestReference }, equals: ref)
                if row.withheld {
                    builder.addWithheld()
                    continue
                }
                let party = try context.party(row.counterpart)
                names[party.code] = party.name
                let incoming = row.counterpartAuthority != row.request.toAuthority
                let dossier = Dossier(
                    request: row.request, caseTitle: "", caseLimitation: nil, caseClassification: row.caseClassification,
                    counterpart: party, toAuthorityName: "", fromAuthorityName: "",
                    basisName: nil, basisPeriod: try row.request.basisID.flatMap { try context.basis($0)?.period },
                    replies: replyRun, moves: moveRun, followUps: followUpRun, direction: incoming ? .incoming : .outgoing)
                // The clocks count the working days of the state that owes the answer, as the stall report's do.
                let owing = incoming ? context.ours ?? party.code : party.code
                builder.add(dossier, settings: try context.settings(row.request.channel), calendar: try context.calendar(owing))
            }
            return builder.record(names: names)
        }
    }

    /// The condition on `request r` and `authority a` (the counterpart's) of the requests a
    /// record covers: sent (received) by the as-of date, within `from`…`to`, to the counterpart, through the channel. A sent date
    /// that is not a date stays in, for the request's reader to report as damaged.
    static func recordFilter(_ scope: CounterpartRecord.Scope, asOf: CalendarDate) -> (String, StatementArguments) {
        let last = min(scope.to ?? asOf, asOf)
        var sql = "r.sent_date IS NOT NULL AND (r.sent_date BETWEEN ? AND ? OR \(notADate("r.sent_date")))"
        var arguments: StatementArguments = [scope.from?.iso ?? "", last]
        if let counterpart = scope.counterpart { sql += " AND a.party = ?"; arguments += [counterpart] }
        if let channel = scope.channel { sql += " AND r.channel = ?"; arguments += [channel.rawValue] }
        return (sql, arguments)
    }

    /// The request without its texts (no figure reads them), the counterpart's authority and its case's level.
    static let recordRequestColumns = Request.selectList(from: "r", replacing: [.items: "'[]'", .subject: "''", .note: "''"]) + ", "
        + Authority.selectList(from: "a", only: [.id, .party]) + ", "
        + Case.selectList(from: "c", only: [.id, .classification])
}

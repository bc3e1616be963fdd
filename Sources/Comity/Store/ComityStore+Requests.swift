import GRDB

/// Recording requests and moving them through their states.
extension ComityStore {
    /// Records a request. With a sent date it is recorded as transmitted on that date,
    /// its clearance and transmission landing in the history. Returns the request as stored.
    @discardableResult
    @_spi(Worlds) public func addRequest(_ request: Request, clearance: Classification = .secret, by clerk: Clerk) throws(ComityError) -> Request {
        // Checked as it will be kept: transmitted when it has a sent date, else drafted.
        var kept = request
        kept.state = request.sentDate == nil ? .drafted : .transmitted
        try checked { () throws(ValidationFailure) in try kept.validate(today: clerk.today) }
        return try write { db in
            try Self.requireRecordable("request", request.classification, clearance: clearance)
            if try Self.isCaseAbove(db, request.caseID, clearance: clearance) { throw Self.aboveClearance("case", request.caseID, clearance) }
            guard try Request.fetchOne(db, key: request.reference) == nil else {
                throw ComityError.duplicate(kind: "request", id: request.reference)
            }
            var known = DatabaseLookup(db: db)
            try RecordRules.check(kept, in: &known)
            var stored = request
            stored.state = .drafted
            stored.sentDate = nil
            if try Self.direction(db, of: request) == .incoming {
                // A request that came to us is on record from the day it arrived, never drafted here.
                guard let received = request.sentDate else { throw ValidationFailure(RecordRules.receivedDateNeeded(request)) }
                stored.sentDate = received
                stored.state = .transmitted
                try stored.insert(db)
                try Self.log(db, .request, stored.reference, .created, on: received, by: clerk, note: request.note)
                try Self.log(db, .request, stored.reference, .moved, on: received, by: clerk, to: .transmitted, note: "recorded as received")
                return stored
            }
            try stored.insert(db)
            try Self.log(db, .request, stored.reference, .created, on: request.sentDate ?? clerk.today, by: clerk,
                         to: .drafted, note: request.note)
            if let sent = request.sentDate {
                stored.sentDate = sent
                stored.state = .transmitted
                try stored.update(db)
                try Self.log(db, .request, stored.reference, .moved, on: sent, by: clerk, from: .drafted, to: .inClearance)
                try Self.log(db, .request, stored.reference, .moved, on: sent, by: clerk, from: .inClearance, to: .transmitted,
                             note: "recorded as sent")
            }
            return stored
        }
    }

    /// Moves a request to `target` on `date`, if the state machine allows it.
    @discardableResult
    @_spi(Worlds) public func move(_ reference: String, to target: RequestState, on date: CalendarDate, note: String = "", clearance: Classification = .secret, by clerk: Clerk) throws(ComityError) -> RequestState {
        try checked { () throws(ValidationFailure) in try Handle.checkText(note, field: "note", required: false) }
        return try write { db in
            var request = try Self.requireWritable(db, reference, clearance: clearance)
            guard request.state.canMove(to: target) else {
                throw ComityError.invalidMove(reference: reference, from: request.state, to: target, hint: "")
            }
            try Self.checkChronology(db, request, date: date, clerk: clerk, what: "the move")
            let from = request.state
            if target == .transmitted {
                var sent = request
                sent.sentDate = date
                var known = DatabaseLookup(db: db)
                try RecordRules.check(sent, in: &known)
                request.sentDate = date
            }
            request.state = target
            try request.update(db)
            try Self.log(db, .request, reference, .moved, on: date, by: clerk, from: from, to: target, note: note)
            return from
        }
    }

    func request(_ reference: String) throws(ComityError) -> Request {
        try read { db in try Self.request(db, reference) }
    }

    /// Requests in reference order, optionally narrowed.
    @_spi(Worlds) public func requests(case caseID: String? = nil, counterpart: String? = nil, state: RequestState? = nil, openOnly: Bool = false) throws(ComityError) -> [Request] {
        try requests(case: caseID, counterpart: counterpart, state: state, openOnly: openOnly, clearance: .secret).shown
    }

    /// The requests a reader cleared to `clearance` may see, and how many more the filters
    /// match but are withheld: those classified above it, in a case above it, or with a reply
    /// above it received by `asOf` (any reply when nil), as a stall report withholds them.
    func requests(
        case caseID: String? = nil, counterpart: String? = nil, state: RequestState? = nil, openOnly: Bool = false,
        clearance: Classification, asOf: CalendarDate? = nil
    ) throws(ComityError) -> (shown: [Request], withheld: Int) {
        try read { db in
            try Self.requests(db, case: caseID, counterpart: counterpart, state: state, openOnly: openOnly, clearance: clearance, asOf: asOf)
        }
    }

    static func requests(
        _ db: Database, case caseID: String?, counterpart: String?, state: RequestState?, openOnly: Bool,
        clearance: Classification, asOf: CalendarDate?
    ) throws -> (shown: [Request], withheld: Int) {
        do {
            let condition = Self.withheldCondition(clearance)
            var sql = "SELECT r.*, \(condition ?? "0") AS withheld FROM request r WHERE 1"
            var arguments: StatementArguments = condition == nil ? [] : [asOf?.iso ?? "9999-12-31"]
            if let caseID { sql += " AND r.case_id = ?"; arguments += [caseID] }
            if let counterpart {
                // Those sent to the counterpart, and those that came to us from it, each found by its index.
                sql += " AND r.reference IN (SELECT t.reference FROM authority ta CROSS JOIN request t ON t.to_authority = ta.id WHERE ta.party = ?"
                arguments += [counterpart.uppercased()]
                if let ours = try Self.ourState(db) {
                    sql += """
                         UNION SELECT f.reference FROM authority fa CROSS JOIN request f INDEXED BY request_open_from ON f.from_authority = fa.id
                        WHERE fa.party = ? AND f.to_authority IN (SELECT id FROM authority WHERE party = ?)
                        """
                    arguments += [counterpart.uppercased(), ours]
                }
                sql += ")"
            }
            if let state { sql += " AND r.state = ?"; arguments += [state] }
            if openOnly {
                let closed = RequestState.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ",")
                sql += " AND r.state NOT IN (\(closed))"
            }
            var shown: [Request] = []
            var withheld = 0
            for row in try Row.fetchAll(db, sql: sql + " ORDER BY r.reference", arguments: arguments) {
                if row["withheld"] as Bool { withheld += 1 } else { shown.append(try Request(row: row)) }
            }
            return (shown, withheld)
        }
    }

    /// The history of a request, case, engagement or other record, oldest first.
    ///
    /// The history of a request or case above `clearance` is refused, naming only the id given:
    /// a request is above it when it, its case or any reply on record is.
    func history(of id: String, clearance: Classification) throws(ComityError) -> [Event] {
        try read { db in
            try Self.requireCleared(db, id, asOf: nil, clearance: clearance)
            if try Self.isCaseAbove(db, id, clearance: clearance) { throw Self.aboveClearance("case", id, clearance) }
            return try Self.history(db, of: id)
        }
    }

    /// The history of a request, case, engagement or other record, oldest first, for a reader cleared for everything.
    func history(of id: String) throws(ComityError) -> [Event] {
        try read { db in try Self.history(db, of: id) }
    }

    /// The events of the record `id`; a request's include the corrections of its replies and
    /// follow-ups, whose events are theirs (subject id: their number) and shown only there.
    private static func history(_ db: Database, of id: String) throws -> [Event] {
        let events = try Event.fetchAll(db, sql: """
            SELECT * FROM event WHERE (subject_id = ?1 AND subject_type NOT IN ('reply', 'follow-up', 'outcome', 'user'))
                OR (subject_type = 'reply' AND subject_id IN (SELECT CAST(id AS TEXT) FROM reply WHERE request_ref = ?1))
                OR (subject_type = 'follow-up' AND subject_id IN (SELECT CAST(id AS TEXT) FROM follow_up WHERE request_ref = ?1))
                OR (subject_type = 'outcome' AND subject_id IN (SELECT CAST(id AS TEXT) FROM engagement_outcome WHERE request_ref = ?1))
            ORDER BY id
            """, arguments: [id])
        guard !events.isEmpty else {
            throw ComityError.notFound(kind: "record", id: id, hint: "give a request reference, case id or engagement id")
        }
        return events
    }

    // MARK: - Rules shared by add, move and reply

    static func request(_ db: Database, _ reference: String) throws -> Request {
        guard let r = try Request.fetchOne(db.cachedStatement(sql: "SELECT * FROM request WHERE reference = ?"), arguments: [reference]) else {
            throw ComityError.missing(.request, reference)
        }
        return r
    }

    /// Refuses dates in the future and dates before the request's last recorded change (a
    /// correction of a record is not a change of the request's course).
    static func checkChronology(_ db: Database, _ request: Request, date: CalendarDate, clerk: Clerk, what: String) throws {
        if date > clerk.today {
            throw ValidationFailure("\(what) is dated \(date.iso), after today (\(clerk.today.iso)); Comity records what has happened")
        }
        var known = DatabaseLookup(db: db)
        try RecordRules.checkChronology(request.reference, date: date, what: what, in: &known)
    }
}

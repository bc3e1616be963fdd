import GRDB

/// Recording requests and moving them through their states.
extension ComityStore {
    /// Records a request. With a sent date it is recorded as transmitted on that date,
    /// its clearance and transmission landing in the history.
    @_spi(Worlds) public func addRequest(_ request: Request, clearance: Classification = .secret, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try Handle.check(request.reference, field: "request reference")
            try Handle.checkText(request.subject, field: "subject", limit: 1000)
            if let ja = request.subjectJa { try Handle.checkText(ja, field: "Japanese subject", limit: 1000) }
            try Handle.checkText(request.note, field: "note", required: false)
            if let theirs = request.counterpartReference {
                try Handle.checkText(theirs, field: "counterpart reference", limit: 100)
            }
            for item in request.items { try Handle.checkText(item, field: "item of assistance", limit: 1000) }
            if let sent = request.sentDate, sent > clerk.today {
                throw ValidationFailure("request \(request.reference) is dated \(sent.iso), after today (\(clerk.today.iso)); record a request once it is sent, or leave out --sent to keep it drafted")
            }
            if let kept = request.preservedUntil, let sent = request.sentDate, kept < sent {
                throw ValidationFailure("preserved data of request \(request.reference) expires on \(kept.iso), before the request was sent on \(sent.iso); check --preserved-until")
            }
        }
        try write { db in
            if request.classification > clearance {
                throw ValidationFailure("a \(request.classification.rawValue) request cannot be recorded with \(article(clearance.rawValue)) \(clearance.rawValue) clearance; ask a colleague cleared for it")
            }
            if try Self.isCaseAbove(db, request.caseID, clearance: clearance) { throw Self.aboveClearance("case", request.caseID, clearance) }
            guard try Request.fetchOne(db, key: request.reference) == nil else {
                throw ComityError.duplicate(kind: "request", id: request.reference)
            }
            var stored = request
            stored.state = .drafted
            stored.sentDate = nil
            let context = try Self.checkParticipants(db, stored)
            try stored.insert(db)
            try Self.log(db, .request, stored.reference, .created, on: request.sentDate ?? clerk.today, by: clerk,
                         to: .drafted, note: request.note)
            if let sent = request.sentDate {
                try Self.transmit(db, &stored, on: sent, context: context)
                try Self.log(db, .request, stored.reference, .moved, on: sent, by: clerk, from: .drafted, to: .inClearance)
                try Self.log(db, .request, stored.reference, .moved, on: sent, by: clerk, from: .inClearance, to: .transmitted,
                             note: "recorded as sent")
            }
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
                let context = try Self.checkParticipants(db, request)
                try Self.transmit(db, &request, on: date, context: context)
            } else {
                request.state = target
                try request.update(db)
            }
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
            var sql = "SELECT r.*, \(condition ?? "0") AS withheld FROM request r JOIN authority a ON a.id = r.to_authority WHERE 1"
            var arguments: StatementArguments = condition == nil ? [] : [asOf?.iso ?? "9999-12-31"]
            if let caseID { sql += " AND r.case_id = ?"; arguments += [caseID] }
            if let counterpart { sql += " AND a.party = ?"; arguments += [counterpart.uppercased()] }
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

    private static func history(_ db: Database, of id: String) throws -> [Event] {
        let events = try Event.filter(Column("subject_id") == id).order(Column("id")).fetchAll(db)
        guard !events.isEmpty else {
            throw ComityError.notFound(kind: "record", id: id, hint: "give a request reference, case id or engagement id")
        }
        return events
    }

    // MARK: - Rules shared by add, move and reply

    struct Participants {
        var from: Authority
        var to: Authority
        var caseFile: Case
        var basis: LegalBasis?
    }

    static func request(_ db: Database, _ reference: String) throws -> Request {
        guard let r = try Request.fetchOne(db.cachedStatement(sql: "SELECT * FROM request WHERE reference = ?"), arguments: [reference]) else {
            throw ComityError.notFound(kind: "request", id: reference, hint: "see 'comity request list'")
        }
        return r
    }

    static func checkParticipants(_ db: Database, _ request: Request) throws -> Participants {
        let caseFile = try caseFile(db, request.caseID)
        let from = try authority(db, request.fromAuthority)
        let to = try authority(db, request.toAuthority)
        let lead = try authority(db, caseFile.leadAuthority)
        guard from.party == lead.party else {
            throw ValidationFailure("request \(request.reference) would be sent by \(from.id) of \(from.party), but case \(caseFile.id) is \(lead.party)'s; choose a sending authority of \(lead.party)")
        }
        guard from.party != to.party else {
            throw ValidationFailure("request \(request.reference) goes from \(from.id) to \(to.id), both of \(from.party); address it to an authority of the other state")
        }
        let basis = try request.basisID.map { try Self.basis(db, $0) }
        return Participants(from: from, to: to, caseFile: caseFile, basis: basis)
    }

    /// Sends a request: the date must fit the case and the legal basis must bind both states on it.
    static func transmit(_ db: Database, _ request: inout Request, on date: CalendarDate, context: Participants) throws {
        if date < context.caseFile.discoveryDate {
            throw ValidationFailure("request \(request.reference) would be sent on \(date.iso), before case \(context.caseFile.id) began on \(context.caseFile.discoveryDate.iso); check the date")
        }
        if let basis = context.basis {
            let names = try Dictionary(uniqueKeysWithValues: Party.fetchAll(db).map { ($0.code, $0.name) })
            try basis.checkBinds(context.from.party, context.to.party, on: date) { names[$0] ?? $0 }
        }
        if let kept = request.preservedUntil, kept < date {
            throw ValidationFailure("preserved data of request \(request.reference) expires on \(kept.iso), before it would be sent on \(date.iso); check the dates")
        }
        request.sentDate = date
        request.state = .transmitted
        try request.update(db)
    }

    /// Refuses dates in the future and dates before the request's last recorded change.
    static func checkChronology(_ db: Database, _ request: Request, date: CalendarDate, clerk: Clerk, what: String) throws {
        if date > clerk.today {
            throw ValidationFailure("\(what) is dated \(date.iso), after today (\(clerk.today.iso)); Comity records what has happened")
        }
        let last = try lastEventDate(db, where: "subject_type = 'request' AND subject_id = ?", arguments: [request.reference])
        if let last, date < last {
            throw ValidationFailure("\(what) is dated \(date.iso), before the last recorded change to request \(request.reference) on \(last.iso); record events in the order they happened")
        }
    }
}

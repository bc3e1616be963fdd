import GRDB

/// Recording counterparts' replies.
extension ComityStore {
    /// Records a reply and moves the request where the reply obviously puts it, in one transaction.
    ///
    /// Full results on an acknowledged request move it through under-execution to executed;
    /// a refusal moves it to refused. With `keepState` the reply is recorded without a move.
    /// - Returns: the stored reply, with its id, and the states the request passed through.
    @discardableResult
    @_spi(Worlds) public func addReply(
        _ reply: Reply, counterpartReference: String? = nil, keepState: Bool = false, clearance: Classification = .secret, by clerk: Clerk
    ) throws(ComityError) -> (reply: Reply, moves: [RequestState]) {
        try checked { () throws(ValidationFailure) in
            try reply.validate(today: clerk.today)
            if let theirs = counterpartReference { try Handle.checkText(theirs, field: "counterpart reference", limit: 100) }
        }
        return try write { db in
            var request = try Self.requireWritable(db, reply.requestReference, clearance: clearance)
            try Self.requireRecordable("reply", reply.classification, clearance: clearance)
            guard request.state.isOpen else {
                throw ValidationFailure("request \(request.reference) is \(request.state.rawValue), a final state; a new reply cannot be recorded (a corrected or renewed request is a new request)")
            }
            var known = DatabaseLookup(db: db)
            try RecordRules.check(reply, in: &known)
            try Self.checkChronology(db, request, date: reply.date, clerk: clerk, what: "the reply")
            var path: [RequestState] = []
            if !keepState, let target = reply.kind.impliedState(from: request.state) {
                guard let found = request.state.path(to: target) else {
                    throw ComityError.invalidMove(
                        reference: request.reference, from: request.state, to: target,
                        hint: "\(article(reply.kind.rawValue)) \(reply.kind.rawValue) reply would move it there; record the reply with --keep-state, or move the request first")
                }
                path = found
            }
            var stored = reply
            try stored.insert(db)
            try Self.log(db, .request, request.reference, .reply, on: reply.date, by: clerk, replyID: stored.id,
                         note: "\(reply.kind.rawValue): \(reply.summary)")
            var from = request.state
            for next in path {
                try Self.log(db, .request, request.reference, .moved, on: reply.date, by: clerk, from: from, to: next,
                             replyID: stored.id, note: "implied by the \(reply.kind.phrase) of \(reply.date.iso)")
                from = next
            }
            request.state = from
            if let theirs = counterpartReference { request.counterpartReference = theirs }
            try request.update(db)
            return (stored, path)
        }
    }

    /// A request's replies, oldest first.
    @_spi(Worlds) public func replies(to reference: String) throws(ComityError) -> [Reply] {
        try read { db in
            _ = try Self.request(db, reference)
            return try Reply.filter(Column("request_ref") == reference).order(Column("date"), Column("id")).fetchAll(db)
        }
    }

    /// A request's replies for a reader cleared to `clearance`: a request above it (by itself,
    /// its case or any reply on record, whatever its date) is refused by its reference alone,
    /// checked and read in one transaction.
    func replies(to reference: String, clearance: Classification) throws(ComityError) -> [Reply] {
        try read { db in
            _ = try Self.request(db, reference)
            try Self.requireCleared(db, reference, asOf: nil, clearance: clearance)
            return try Self.replies(db, to: reference)
        }
    }

    static func replies(_ db: Database, to reference: String) throws -> [Reply] {
        try Reply.filter(Column("request_ref") == reference).order(Column("date"), Column("id")).fetchAll(db)
    }

    /// One reply for a reader cleared to `clearance`: a reply above it, or one to a request above
    /// it, is refused by its id alone.
    func reply(id: Int64, clearance: Classification) throws(ComityError) -> Reply {
        try read { db in
            guard let found = try Reply.fetchOne(db, key: id) else {
                throw ComityError.notFound(kind: "reply", id: String(id), hint: "see 'comity reply list REF'")
            }
            if try found.classification > clearance || Self.isWithheld(db, found.requestReference, asOf: nil, clearance: clearance) {
                throw Self.aboveClearance("reply", String(id), clearance)
            }
            return found
        }
    }

    func reply(id: Int64) throws(ComityError) -> Reply {
        try reply(id: id, clearance: .secret)
    }
}

import GRDB

/// Corrections of requests, their replies and follow-ups (see `ComityStore.correct`).
extension ComityStore {
    /// A request's state moves (`request move`), its sent date is set by its move to
    /// transmitted, and a correction may not make its history impossible: a sent date after its
    /// move to transmitted, its first reply or its first follow-up is refused.
    func editRequest(_ reference: String, reason: String, clearance: Classification, by clerk: Clerk, _ change: (inout Request) throws -> Void) throws(ComityError) -> [Event] {
        let fixed: FixedColumns = [
            "state": "changing the state of request \(reference) is not a correction; use 'comity request move \(reference) STATE --on DATE'",
        ]
        return try correct(.request, reference, reason: reason, by: clerk, fixed: fixed,
                           fetch: { db in try Self.requireWritable(db, reference, clearance: clearance) },
                           change: change,
                           check: { db, old, new in
                               try Self.requireRecordable("request", new.classification, clearance: clearance)
                               if new.caseID != old.caseID, try Self.isCaseAbove(db, new.caseID, clearance: clearance) {
                                   throw Self.aboveClearance("case", new.caseID, clearance)
                               }
                               try Self.checkSentDate(db, old, new)
                               try new.validate(today: clerk.today)
                               var known = DatabaseLookup(db: db)
                               try RecordRules.check(new, in: &known)
                           },
                           recheck: { db, new in
                               var known = DatabaseLookup(db: db)
                               for reply in try Self.replies(db, to: new.reference) { try RecordRules.check(reply, in: &known) }
                           })
    }

    /// A sent date is recorded by the move to transmitted and can be corrected, never added to a
    /// request not yet sent nor taken from one sent; it cannot follow what came after the sending.
    static func checkSentDate(_ db: Database, _ old: Request, _ new: Request) throws {
        guard old.sentDate != new.sentDate else { return }
        let reference = old.reference
        guard let sent = new.sentDate else {
            throw ValidationFailure("request \(reference) was sent on \(old.sentDate?.iso ?? "?"); its sent date can be corrected, not removed")
        }
        guard old.sentDate != nil else {
            throw ValidationFailure("request \(reference) has not been sent (it is \(old.state.rawValue)); a sent date is recorded by moving it: 'comity request move \(reference) transmitted --on \(sent.iso)'")
        }
        if let moved = try CalendarDate.fetchOne(db, sql: """
            SELECT max(date) FROM event WHERE subject_type = 'request' AND subject_id = ? AND action = 'moved' AND to_state = 'transmitted'
            """, arguments: [reference]), sent > moved {
            throw ValidationFailure("request \(reference) would be sent on \(sent.iso), after it was moved to transmitted on \(moved.iso); give a date on or before \(moved.iso)")
        }
        for (table, kind) in [("reply", "reply"), ("follow_up", "follow-up")] {
            if let first = try Row.fetchOne(db, sql: "SELECT date, id FROM \(table) WHERE request_ref = ? ORDER BY date, id LIMIT 1", arguments: [reference]),
               let date = CalendarDate.fromDatabaseValue(first[0]), sent > date {
                throw ValidationFailure("request \(reference) would be sent on \(sent.iso), after its first \(kind) (\(kind) \(first[1] as Int64)) of \(date.iso); give a date on or before \(date.iso)")
            }
        }
    }

    /// A reply stays on its request, on or after the day it was sent and in the order of the
    /// request's history; a reply that moved the request keeps a kind that would move it there.
    func editReply(_ id: Int64, reason: String, clearance: Classification, by clerk: Clerk, _ change: (inout Reply) throws -> Void) throws(ComityError) -> [Event] {
        let key = String(id)
        return try correct(.reply, key, reason: reason, by: clerk, fixed: ["request_ref": Self.staysOn("reply", key)],
                           fetch: { db in
                               try Self.onRequest(db, id, "reply", hint: "see 'comity reply list REF'", clearance: clearance,
                                                  request: \.requestReference, above: { $0.classification > clearance })
                           },
                           change: change,
                           check: { db, old, new in
                               try Self.requireRecordable("reply", new.classification, clearance: clearance)
                               try new.validate(today: clerk.today)
                               var known = DatabaseLookup(db: db)
                               try RecordRules.check(new, in: &known)
                               if new.date != old.date { try Self.checkReplyOrder(db, new, &known) }
                               if new.kind != old.kind { try Self.checkImpliedMoves(db, new) }
                           })
    }

    /// A reply's new date keeps the order of the request's history around the reply's own event.
    static func checkReplyOrder(_ db: Database, _ reply: Reply, _ known: inout DatabaseLookup) throws {
        guard let recorded = try Int64.fetchOne(db, sql: """
            SELECT min(id) FROM event WHERE subject_type = 'request' AND subject_id = ? AND action = 'reply' AND reply_id = ?
            """, arguments: [reply.requestReference, reply.id]) else { return }
        try RecordRules.checkChronology(reply.requestReference, date: reply.date, what: "the reply", before: recorded, in: &known)
        if let next = try CalendarDate.fetchOne(db, sql: """
            SELECT min(date) FROM event WHERE subject_type = 'request' AND subject_id = ? AND id > ?
            AND action IN (\(Event.Action.chronologicalSQL)) AND (reply_id IS NULL OR reply_id != ?)
            """, arguments: [reply.requestReference, recorded, reply.id]), reply.date > next {
            throw ValidationFailure("the reply would be dated \(reply.date.iso), after the next recorded change to request \(reply.requestReference) on \(next.iso); give a date on or before \(next.iso)")
        }
    }

    /// The moves a reply implied stand in the history: its new kind must imply the same.
    static func checkImpliedMoves(_ db: Database, _ reply: Reply) throws {
        let moves = try Row.fetchAll(db, sql: """
            SELECT from_state, to_state FROM event WHERE subject_type = 'request' AND subject_id = ? AND action = 'moved' AND reply_id = ? ORDER BY id
            """, arguments: [reply.requestReference, reply.id])
        guard let first = moves.first, let last = moves.last,
              let from = RequestState(rawValue: first[0] ?? ""), let to = RequestState(rawValue: last[1] ?? "") else { return }
        guard reply.kind.impliedState(from: from) == to else {
            throw ValidationFailure("reply \(reply.id ?? 0) moved request \(reply.requestReference) from \(from.rawValue) to \(to.rawValue), which \(article(reply.kind.rawValue)) \(reply.kind.rawValue) reply would not; moves stand in the history, so record the request's course with 'comity request move' and keep a kind that fits")
        }
    }

    /// A follow-up stays on its request, on or after the day it was sent; one that records an
    /// issued letter keeps the letter's date, kind and number, as the letter is never changed.
    func editFollowUp(_ id: Int64, reason: String, clearance: Classification, by clerk: Clerk, _ change: (inout FollowUp) throws -> Void) throws(ComityError) -> [Event] {
        let key = String(id)
        return try correct(.followUp, key, reason: reason, by: clerk, fixed: ["request_ref": Self.staysOn("follow-up", key)],
                           fetch: { db in
                               try Self.onRequest(db, id, "follow-up", hint: "see 'comity history REF'", clearance: clearance,
                                                  request: \.requestReference, above: { _ in false })
                           },
                           change: change,
                           check: { db, old, new in
                               try new.validate(today: clerk.today)
                               var known = DatabaseLookup(db: db)
                               try RecordRules.check(new, in: &known)
                               let letterFacts = old.date != new.date || old.kind != new.kind || old.reference != new.reference
                               if letterFacts, let number = try String.fetchOne(db, sql: "SELECT number FROM letter WHERE follow_up_id = ?", arguments: [id]) {
                                   throw ValidationFailure("follow-up \(key) records letter \(number), issued by Comity and never changed; its date, kind and number stand (its note and --resend may be corrected)")
                               }
                           })
    }

    /// Corrects what came of a request at an engagement: it stays with its request and engagement,
    /// and on a day of that engagement.
    func editOutcome(_ id: Int64, reason: String, clearance: Classification, by clerk: Clerk, _ change: (inout EngagementOutcome) throws -> Void) throws(ComityError) -> [Event] {
        let key = String(id)
        return try correct(.outcome, key, reason: reason, by: clerk,
                           fixed: ["request_ref": Self.staysOn("outcome", key),
                                   "engagement_id": "outcome \(key) belongs to its engagement; record the outcome at the other engagement and correct this one"],
                           fetch: { db in
                               try Self.onRequest(db, id, "outcome", hint: "see 'comity engagement show ENGAGEMENT'", clearance: clearance,
                                                  request: \.requestReference, above: { _ in false })
                           },
                           change: change,
                           check: { db, _, new in
                               try new.validate(today: clerk.today)
                               var known = DatabaseLookup(db: db)
                               try RecordRules.check(new, in: &known)
                               let request = try Self.request(db, new.requestReference)
                               if let engagement = try Engagement.fetchOne(db, key: new.engagementID) {
                                   try new.checkFits(engagement, requestCounterpart: try known.authorityParty(request.toAuthority) ?? "")
                               }
                           })
    }

    /// A reply or follow-up, refused by its number alone when it or its request is above the clearance.
    static func onRequest<R: FetchableRecord & TableRecord>(
        _ db: Database, _ id: Int64, _ kind: String, hint: String, clearance: Classification,
        request: KeyPath<R, String>, above: (R) -> Bool
    ) throws -> R {
        guard let found = try R.fetchOne(db, key: id) else { throw ComityError.notFound(kind: kind, id: String(id), hint: hint) }
        if try above(found) || isWithheld(db, found[keyPath: request], asOf: nil, clearance: clearance) {
            throw aboveClearance(kind, String(id), clearance)
        }
        return found
    }

    static func staysOn(_ kind: String, _ id: String) -> String {
        "\(kind) \(id) belongs to its request and cannot be moved to another; record it on the other request and correct this one"
    }

    /// A legal basis's parties are rows of their own: each change of a party's binding is a
    /// 'corrected' event whose field is `basis_party:CC` and whose values are its from-date (nil:
    /// not bound). Requests sent under the basis must still have been sent while it bound both states.
    func editBasis(_ id: String, reason: String, by clerk: Clerk, _ change: (inout LegalBasis) throws -> Void) throws(ComityError) -> [Event] {
        try checked { () throws(ValidationFailure) in try Self.checkReason(reason) }
        return try write { db in
            let old = try Self.basis(db, id)
            var new = old
            try change(&new)
            new.parties.sort { ($0.from, $0.party) < ($1.from, $1.party) }
            let changes = Self.changes(old.storedValues, new.storedValues, columns: LegalBasis.StoredColumn.names)
                + Self.bindingChanges(old.parties, new.parties)
            try Self.refuseFixed(changes, LegalBasis.recordName, id, fixed: [:], keys: ["id"])
            guard !changes.isEmpty else { throw Self.nothingToChange(LegalBasis.recordName, id) }
            try new.validate()
            var known = DatabaseLookup(db: db)
            for binding in new.parties { try RecordRules.check(binding, in: &known) }
            try db.execute(
                sql: "UPDATE legal_basis SET instrument = ?, kind = ?, response_days = ?, response_unit = ?, note = ? WHERE id = ?",
                arguments: [new.instrument, new.kind, new.responsePeriod?.days, new.responsePeriod?.unit, new.note, id])
            try db.execute(sql: "DELETE FROM basis_party WHERE basis_id = ?", arguments: [id])
            for binding in new.parties {
                try db.execute(sql: "INSERT INTO basis_party (basis_id, party, from_date) VALUES (?, ?, ?)", arguments: [id, binding.party, binding.from])
            }
            var recheck = DatabaseLookup(db: db)
            for request in try Request.filter(Column("basis_id") == id && Column("sent_date") != nil).order(Column("reference")).fetchAll(db) {
                try RecordRules.check(request, in: &recheck)
            }
            return try Self.logCorrections(db, changes, .basis, id, reason: reason, by: clerk)
        }
    }

    static func bindingChanges(_ old: [LegalBasis.Binding], _ new: [LegalBasis.Binding]) -> [FieldChange] {
        let before = Dictionary(old.map { ($0.party, $0.from.iso) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.party, $0.from.iso) }, uniquingKeysWith: { a, _ in a })
        return Set(before.keys).union(after.keys).sorted().compactMap { party in
            before[party] == after[party] ? nil : FieldChange(field: "basis_party:\(party)", old: before[party], new: after[party])
        }
    }
}

extension LegalBasis {
    /// The `legal_basis` row, column by column, as `insert` writes it.
    var storedValues: [String: DatabaseValue] {
        ["id": id.databaseValue, "instrument": instrument.databaseValue, "kind": kind.databaseValue, "response_days": responsePeriod?.days.databaseValue ?? .null,
         "response_unit": responsePeriod?.unit.databaseValue ?? .null, "note": note.databaseValue]
    }
}

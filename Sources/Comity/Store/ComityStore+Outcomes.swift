import GRDB

/// What came of requests at engagements: raised or not, by whom, the response, any commitment.
extension ComityStore {
    /// Records the outcome of `outcome.requestReference` at its engagement, in the request's history.
    @discardableResult
    @_spi(Worlds) public func addOutcome(_ outcome: EngagementOutcome, clearance: Classification = .secret, by clerk: Clerk) throws(ComityError) -> EngagementOutcome {
        try checked { () throws(ValidationFailure) in try outcome.validate(today: clerk.today) }
        return try write { db in
            let request = try Self.requireWritable(db, outcome.requestReference, clearance: clearance)
            guard let engagement = try Engagement.fetchOne(db, key: outcome.engagementID) else {
                throw ComityError.notFound(kind: "engagement", id: outcome.engagementID, hint: "see 'comity engagement list'")
            }
            var known = DatabaseLookup(db: db)
            try RecordRules.check(outcome, in: &known)
            let counterpart = try known.authorityParty(request.toAuthority) ?? ""
            try outcome.checkFits(engagement, requestCounterpart: counterpart)
            if try EngagementOutcome.filter(Column("engagement_id") == outcome.engagementID && Column("request_ref") == outcome.requestReference)
                .fetchCount(db) > 0 {
                throw ValidationFailure("the outcome of request \(outcome.requestReference) at engagement \(outcome.engagementID) is already recorded; see 'comity engagement show \(outcome.engagementID)'")
            }
            try Self.checkChronology(db, request, date: outcome.date, clerk: clerk, what: "the outcome")
            var stored = outcome
            try stored.insert(db)
            try Self.log(db, .request, request.reference, .note, on: outcome.date, by: clerk, note: Self.describe(stored, at: engagement))
            return stored
        }
    }

    /// The outcomes recorded at an engagement, in request order; those of requests above the
    /// clearance are left out and counted.
    func outcomes(at engagementID: String, clearance: Classification) throws(ComityError) -> (shown: [EngagementOutcome], withheld: Int) {
        try read { db in
            guard try Engagement.fetchOne(db, key: engagementID) != nil else {
                throw ComityError.notFound(kind: "engagement", id: engagementID, hint: "see 'comity engagement list'")
            }
            let all = try EngagementOutcome.filter(Column("engagement_id") == engagementID).order(Column("request_ref"), Column("id")).fetchAll(db)
            let shown = all.filter { (try? Self.requireCleared(db, $0.requestReference, asOf: nil, clearance: clearance)) != nil }
            return (shown, all.count - shown.count)
        }
    }

    /// The outcomes recorded for a request, oldest first.
    func outcomes(of reference: String, clearance: Classification) throws(ComityError) -> [EngagementOutcome] {
        try read { db in
            _ = try Self.request(db, reference)
            try Self.requireCleared(db, reference, asOf: nil, clearance: clearance)
            return try EngagementOutcome.filter(Column("request_ref") == reference).order(Column("date"), Column("id")).fetchAll(db)
        }
    }

    /// One line of the request's history: "raised at NODA-BEIJING-2011 by Prime Minister Noda; response: none".
    static func describe(_ outcome: EngagementOutcome, at engagement: Engagement) -> String {
        var parts = [outcome.raised ? "raised at \(engagement.id) (\(engagement.title)) by \(outcome.raisedBy)" : "not raised at \(engagement.id) (\(engagement.title))"]
        if !outcome.response.isEmpty { parts.append("response: \(outcome.response)") }
        if !outcome.commitment.isEmpty {
            parts.append("commitment: \(outcome.commitment)" + (outcome.commitmentDate.map { " by \($0.iso)" } ?? ""))
        }
        if !outcome.note.isEmpty { parts.append(outcome.note) }
        return parts.joined(separator: "; ")
    }

    /// An outcome `o` recorded by the day (the one argument) of a report as recorded: left out
    /// when the history's line for it was written later.
    static let outcomeRecorded = """
        NOT EXISTS (SELECT 1 FROM event oe INDEXED BY event_subject WHERE oe.subject_id = o.request_ref AND oe.subject_type = 'request'
            AND oe.action = 'note' AND oe.date = o.date AND oe.recorded_on > ?
            AND (oe.note LIKE 'raised at ' || o.engagement_id || ' (%' OR oe.note LIKE 'not raised at ' || o.engagement_id || ' (%'))
        """

    /// The columns the stall engine reads of an outcome and of its engagement.
    static let stallOutcomeSQL = """
        SELECT \(EngagementOutcome.selectList(from: "o")), \(Engagement.selectList(from: "e"))
        FROM engagement_outcome o JOIN engagement e ON e.id = o.engagement_id
        """
}

import GRDB

/// Reports as recorded: a request's dossier with the values it had at the end of a day.
extension ComityStore {
    /// The dossier with every later correction of the request, its replies, follow-ups and case
    /// undone, and the facts that follow from them (its counterpart, case title, names) read again.
    static func recorded(
        _ dossier: Dossier, caseID: String, asOf: CalendarDate, view: RecordedView, context: StallContext, db: Database
    ) throws -> Dossier {
        var recorded = dossier
        let request = try view.recorded(dossier.request, "request", dossier.request.reference)
        recorded.request = request
        recorded.replies = try view.recorded(dossier.replies, "reply", id: \.id, date: \.date, asOf: asOf)
        recorded.followUps = try view.recorded(dossier.followUps, "follow-up", id: \.id, date: \.date, asOf: asOf)
        recorded.meetings = try dossier.meetings.map { meeting in
            var meeting = meeting
            if let id = meeting.outcome.id { meeting.outcome = try view.recorded(meeting.outcome, "outcome", String(id)) }
            return meeting
        }
        if request.caseID != caseID || view.isCorrected("case", request.caseID) {
            let caseFile = try view.recorded(try Self.caseFile(db, request.caseID), "case", request.caseID)
            recorded.caseTitle = caseFile.title
            recorded.caseLimitation = caseFile.limitationDate
            recorded.caseClassification = caseFile.classification
        }
        if request.toAuthority != dossier.request.toAuthority {
            let to = try context.authority(request.toAuthority)
            if dossier.direction == .outgoing { recorded.counterpart = try context.party(to.party) }
            recorded.toAuthorityName = to.name
        }
        if dossier.direction == .incoming, request.fromAuthority != dossier.request.fromAuthority {
            recorded.counterpart = try context.party(try context.authority(request.fromAuthority).party)
        }
        recorded.fromAuthorityName = try context.authorityName(request.fromAuthority)
        recorded.basisName = try request.basisID.flatMap { try context.basis($0)?.instrument }
        recorded.basisPeriod = try request.basisID.flatMap { try context.basis($0)?.period }
        return recorded
    }

    /// Whether a dossier as recorded still belongs to a scope: its case, its counterpart, and a
    /// classification the reader is cleared for (the stricter of then and now decides).
    static func fits(_ dossier: Dossier, _ scope: StallScope) -> Bool {
        if let caseID = scope.caseID, dossier.request.caseID != caseID { return false }
        if let counterpart = scope.counterpart, dossier.counterpart.code != counterpart { return false }
        if scope.selectsWithheld { return true }
        let level = max(dossier.request.classification, dossier.caseClassification, dossier.replies.map(\.classification).max() ?? .unclassified)
        return level <= scope.clearance
    }
}

extension ComityStore {
    /// Refuses a record created after the day a reading is "as recorded" on.
    static func requireRecorded(_ db: Database, _ type: String, _ id: String, by day: CalendarDate) throws {
        let created = try String.fetchOne(db.cachedStatement(sql: """
            SELECT min(recorded_on) FROM event INDEXED BY event_created WHERE subject_id = ? AND subject_type = ? AND action = 'created'
            """), arguments: [id, type])
        if let created, created > day.iso {
            throw ValidationFailure("\(type) \(id) was first recorded on \(created), after \(day.iso); choose a later --as-recorded date")
        }
    }

    /// An engagement as it stood at the end of a day (its dates before any later rescheduling).
    func recordedEngagement(_ id: String, by day: CalendarDate) throws(ComityError) -> Engagement {
        try read { db in
            guard let e = try Engagement.fetchOne(db, key: id) else {
                throw ComityError.notFound(kind: "engagement", id: id, hint: "see 'comity engagement list'")
            }
            try Self.requireRecorded(db, "engagement", id, by: day)
            return try RecordedView.load(db, by: day).recorded(e, "engagement", id)
        }
    }
}

import GRDB

/// Reading a letter's facts from the store.
extension LetterFacts {
    /// - Parameter view: what had been recorded by a past day, for a letter "as recorded" then.
    static func load(_ db: Database, reference: String, asOf: CalendarDate, assessment: Assessment?, cache: Cache? = nil, view: RecordedView? = nil) throws -> LetterFacts {
        let cache = cache ?? Cache()
        // Each record as recorded on the view's day; the store's own without a view.
        func recorded<R: FetchableRecord & EncodableRecord>(_ record: R, _ type: String, _ id: String) throws -> R {
            try view?.recorded(record, type, id) ?? record
        }
        func recorded<R: FetchableRecord & EncodableRecord>(_ record: R?, _ type: String, _ id: (R) -> String) throws -> R? {
            try record.map { try recorded($0, type, id($0)) }
        }
        let request = try recorded(cache.requests[reference] ?? ComityStore.request(db, reference), "request", reference)
        let caseFile = try cache.remember(request.caseID, in: \.cases) { try recorded(ComityStore.caseFile(db, request.caseID), "case", request.caseID) }
        let authority = { (id: String) in try cache.remember(id, in: \.authorities) { try recorded(ComityStore.authority(db, id), "authority", id) } }
        let party = { (code: String) in try cache.remember(code, in: \.parties) { try recorded(ComityStore.party(db, code), "party", code) } }
        let from = try authority(request.fromAuthority)
        let to = try authority(request.toAuthority)
        let ours = try party(from.party)
        let theirs = try party(to.party)
        let basis = try request.basisID.map { id in try cache.remember(id, in: \.bases) { try view?.recorded(ComityStore.basis(db, id), db) ?? ComityStore.basis(db, id) } }
        let replies: [Reply], followUps: [FollowUp]
        if let view {
            replies = try Reply.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM reply WHERE request_ref = ? AND \(RecordedView.replyRecorded)
                """), arguments: [reference, view.date])
                .map { try recorded($0, "reply", String($0.id ?? 0)) }.filter { $0.date <= asOf }
                .sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
            followUps = try FollowUp.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM follow_up WHERE request_ref = ? AND \(RecordedView.followUpRecorded)
                """), arguments: [reference, view.date, view.date])
                .map { try recorded($0, "follow-up", String($0.id ?? 0)) }.filter { $0.date <= asOf }
                .sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        } else {
            replies = try cache.chronology(of: reference)?.replies ?? Reply.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM reply WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
            followUps = try cache.chronology(of: reference)?.followUps ?? FollowUp.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM follow_up WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
        }
        // Party codes are two letters, so the pair is an unambiguous key.
        let embassy = try cache.remember("\(ours.code) \(theirs.code)", in: \.embassies) {
            try recorded(Authority.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM authority WHERE party = ? AND posted_to = ? ORDER BY role = 'embassy' DESC, id LIMIT 1
                """), arguments: [ours.code, theirs.code]), "authority", \.id)
        }
        let ministry = { (party: String) in
            try cache.remember(party, in: \.ministries) {
                try recorded(Authority.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM authority WHERE party = ? AND role = 'foreign-ministry' ORDER BY id LIMIT 1"),
                    arguments: [party]), "authority", \.id)
            }
        }
        return LetterFacts(
            request: request, caseFile: caseFile, from: from, to: to, ourParty: ours, theirParty: theirs, basis: basis,
            replies: replies, followUps: followUps, embassy: embassy, theirForeignMinistry: try ministry(theirs.code),
            ourForeignMinistry: try ministry(ours.code), assessment: assessment)
    }
}

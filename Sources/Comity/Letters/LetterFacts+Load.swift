import GRDB

/// Reading a letter's facts from the store.
extension LetterFacts {
    static func load(_ db: Database, reference: String, asOf: CalendarDate, assessment: Assessment?, cache: Cache? = nil) throws -> LetterFacts {
        let cache = cache ?? Cache()
        let request = try cache.requests[reference] ?? ComityStore.request(db, reference)
        let caseFile = try cache.remember(request.caseID, in: \.cases) { try ComityStore.caseFile(db, request.caseID) }
        let authority = { (id: String) in try cache.remember(id, in: \.authorities) { try ComityStore.authority(db, id) } }
        let party = { (code: String) in try cache.remember(code, in: \.parties) { try ComityStore.party(db, code) } }
        let from = try authority(request.fromAuthority)
        let to = try authority(request.toAuthority)
        let ours = try party(from.party)
        let theirs = try party(to.party)
        let basis = try request.basisID.map { id in try cache.remember(id, in: \.bases) { try ComityStore.basis(db, id) } }
        let replies = try cache.chronology(of: reference)?.replies ?? Reply.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM reply WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
        let followUps = try cache.chronology(of: reference)?.followUps ?? FollowUp.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM follow_up WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
        // Party codes are two letters, so the pair is an unambiguous key.
        let embassy = try cache.remember("\(ours.code) \(theirs.code)", in: \.embassies) {
            try Authority.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM authority WHERE party = ? AND posted_to = ? ORDER BY role = 'embassy' DESC, id LIMIT 1
                """), arguments: [ours.code, theirs.code])
        }
        let ministry = { (party: String) in
            try cache.remember(party, in: \.ministries) {
                try Authority.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM authority WHERE party = ? AND role = 'foreign-ministry' ORDER BY id LIMIT 1"),
                    arguments: [party])
            }
        }
        return LetterFacts(
            request: request, caseFile: caseFile, from: from, to: to, ourParty: ours, theirParty: theirs, basis: basis,
            replies: replies, followUps: followUps, embassy: embassy, theirForeignMinistry: try ministry(theirs.code),
            ourForeignMinistry: try ministry(ours.code), assessment: assessment)
    }
}

import GRDB

/// Reading a letter's facts from the store.
extension LetterFacts {
    /// - Parameter view: what had been recorded by a past day, for a letter "as recorded" then.
    /// - Parameter direction: which way the request goes (nil: the assessment's, else outgoing);
    ///   for one that came to us, our state is the one it came to.
    static func load(
        _ db: Database, reference: String, asOf: CalendarDate, assessment: Assessment?, direction: Direction? = nil, cache: Cache? = nil,
        view: RecordedView? = nil
    ) throws -> LetterFacts {
        let cache = cache ?? Cache()
        // Each record as recorded on the view's day; the store's own without a view.
        let request = try view.recorded(cache.requests[reference] ?? ComityStore.request(db, reference), "request", reference)
        let caseFile = try cache.remember(request.caseID, in: \.cases) { try view.recorded(ComityStore.caseFile(db, request.caseID), "case", request.caseID) }
        let authority = { (id: String) in try cache.remember(id, in: \.authorities) { try view.recorded(ComityStore.authority(db, id), "authority", id) } }
        let party = { (code: String) in try cache.remember(code, in: \.parties) { try view.recorded(ComityStore.party(db, code), "party", code) } }
        let from = try authority(request.fromAuthority)
        let to = try authority(request.toAuthority)
        let incoming = (direction ?? assessment?.direction) == .incoming
        let ours = try party(incoming ? to.party : from.party)
        let theirs = try party(incoming ? from.party : to.party)
        let basis = try request.basisID.map { id in try cache.remember(id, in: \.bases) { try view.recorded(ComityStore.basis(db, id), db) } }
        let replies: [Reply], followUps: [FollowUp]
        if let view {
            let recordedReplies = try Reply.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM reply WHERE request_ref = ? AND \(RecordedView.replyRecorded)
                """), arguments: [reference, view.date])
            replies = try view.recorded(recordedReplies, "reply", id: \.id, date: \.date, asOf: asOf)
            let recordedFollowUps = try FollowUp.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM follow_up WHERE request_ref = ? AND \(RecordedView.followUpRecorded)
                """), arguments: [reference, view.date, view.date])
            followUps = try view.recorded(recordedFollowUps, "follow-up", id: \.id, date: \.date, asOf: asOf)
        } else {
            replies = try cache.chronology(of: reference)?.replies ?? Reply.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM reply WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
            followUps = try cache.chronology(of: reference)?.followUps ?? FollowUp.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM follow_up WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
        }
        // Party codes are two letters, so the pair is an unambiguous key.
        let embassy = try cache.remember("\(ours.code) \(theirs.code)", in: \.embassies) {
            try Authority.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM authority WHERE party = ? AND posted_to = ? ORDER BY role = 'embassy' DESC, id LIMIT 1
                """), arguments: [ours.code, theirs.code]).map { try view.recorded($0, "authority", $0.id) }
        }
        let ministry = { (party: String) in
            try cache.remember(party, in: \.ministries) {
                try Authority.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM authority WHERE party = ? AND role = 'foreign-ministry' ORDER BY id LIMIT 1"),
                    arguments: [party]).map { try view.recorded($0, "authority", $0.id) }
            }
        }
        return LetterFacts(
            request: request, caseFile: caseFile, from: from, to: to, ourParty: ours, theirParty: theirs, basis: basis,
            replies: replies, followUps: followUps, embassy: embassy, theirForeignMinistry: try ministry(theirs.code),
            ourForeignMinistry: try ministry(ours.code), assessment: assessment)
    }
}

extension LetterFacts {
    /// The translations in `lang` of the records a letter quotes (`records`): for a batch, every
    /// one of the language, read once; as recorded on the view's day when there is a view.
    static func translations(
        _ db: Database, lang: String, records: @autoclosure () -> [(Event.Subject, String)], cache: Cache?, view: RecordedView?
    ) throws -> Translations {
        // English is the language of the record: nothing to translate, and no record to list.
        guard lang != "en" else { return Translations() }
        let translations: Translations
        if let cache {
            translations = try cache.remember(lang, in: \.translations) { try ComityStore.translations(db, where: "lang = ?", [lang]) }
        } else {
            let keys = JSONColumn.encode(records().map { [$0.0.rawValue, $0.1] })
            translations = try ComityStore.translations(db, where: """
                lang = ? AND (subject, subject_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))
                """, [lang, keys])
        }
        return view.recorded(translations)
    }
}

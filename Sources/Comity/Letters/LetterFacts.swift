import GRDB

/// Everything a letter about one request draws on, read from the store in one go.
struct LetterFacts {
    var request: Request
    var caseFile: Case
    var from: Authority
    var to: Authority
    var ourParty: Party
    var theirParty: Party
    var basis: LegalBasis?
    var replies: [Reply]
    var followUps: [FollowUp]
    /// Our embassy posted to the counterpart, for notes verbales and aide-mémoires.
    var embassy: Authority?
    /// The counterpart's foreign ministry, which receives them.
    var theirForeignMinistry: Authority?
    /// Our foreign ministry, which drafts talking points.
    var ourForeignMinistry: Authority?
    var assessment: Assessment?

    /// Facts shared by many letters in one batch, read once.
    final class Cache {
        var bases: [String: LegalBasis] = [:]
    }

    static func load(_ db: Database, reference: String, asOf: CalendarDate, assessment: Assessment?, cache: Cache? = nil) throws -> LetterFacts {
        let request = try ComityStore.request(db, reference)
        let caseFile = try ComityStore.caseFile(db, request.caseID)
        let from = try ComityStore.authority(db, request.fromAuthority)
        let to = try ComityStore.authority(db, request.toAuthority)
        let ours = try ComityStore.party(db, from.party)
        let theirs = try ComityStore.party(db, to.party)
        let basis = try request.basisID.map { id in
            if let known = cache?.bases[id] { return known }
            let b = try ComityStore.basis(db, id)
            cache?.bases[id] = b
            return b
        }
        let replies = try Reply.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM reply WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
        let followUps = try FollowUp.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM follow_up WHERE request_ref = ? AND date <= ? ORDER BY date, id"), arguments: [reference, asOf])
        let embassy = try Authority.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM authority WHERE party = ? AND posted_to = ? ORDER BY role = 'embassy' DESC, id LIMIT 1
            """), arguments: [ours.code, theirs.code])
        let ministry = { (party: String) in
            try Authority.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM authority WHERE party = ? AND role = 'foreign-ministry' ORDER BY id LIMIT 1"),
                arguments: [party])
        }
        return LetterFacts(
            request: request, caseFile: caseFile, from: from, to: to, ourParty: ours, theirParty: theirs, basis: basis,
            replies: replies, followUps: followUps, embassy: embassy, theirForeignMinistry: try ministry(theirs.code),
            ourForeignMinistry: try ministry(ours.code), assessment: assessment)
    }

    /// Who sends a letter of `kind`, and to whom (nil: not found; the composer lists what is missing).
    func parties(for kind: EscalationStep) -> (sender: Authority?, addressee: Authority?) {
        switch kind {
        case .reminder, .ministerial: return (from, to)
        case .noteVerbale, .aideMemoire: return (embassy, theirForeignMinistry)
        case .talkingPoints: return (ourForeignMinistry ?? from, nil)
        }
    }
}

import GRDB

/// What an import has written so far, as the rules between records read it: the records of
/// the file kept in memory as they are written, and the database asked about the rest. Into a
/// database that held no record when the import began (`fresh`, without a database to ask) the
/// file is all there is: a bulk load checks a million records without a query each, on the
/// thread that reads the file.
struct ImportLedger: RecordLookup {
    private let database: DatabaseLookup?
    private var fresh: Bool { database == nil }
    private var parties: [String: String] = [:]
    private var authorities: [String: String] = [:]
    private var cases: [String: CaseFacts] = [:]
    private var bases: [String: LegalBasis] = [:]
    private var requests: [String: RequestFacts] = [:]
    /// The latest chronological date of each request's history so far.
    private var changes: [String: CalendarDate] = [:]
    /// The request last asked about in a fresh import, and what the file gave of it: a file
    /// lists a request's replies, follow-ups and events one after another, so most questions
    /// are about the one before. Its latest change is kept here, and in `changes` once another is asked about.
    private var recentReference: String?
    private var recentFacts: RequestFacts?
    private var recentChange: CalendarDate?
    /// The authorities last asked about (a request names three, a reply two), a few kept at hand.
    private var nearAuthorities: [(id: String, party: String)] = []
    private var ourStateRead = false
    private var ourStateKnown: String?

    /// A ledger of the import into `db`, asked when the file does not know; nil for a fresh import.
    init(_ db: Database?) {
        database = db.map { DatabaseLookup(db: $0) }
    }

    /// Keeps what later records need to know of `record`, which is being written.
    mutating func note(_ record: ImportedRecord) {
        switch record {
        case .party(let party): parties[party.code] = party.name
        case .authority(let authority):
            authorities[authority.id] = authority.party
            nearAuthorities.removeAll()
        case .basis(let basis):
            var kept = basis
            kept.parties = (try? self.basis(basis.id))?.parties ?? []
            bases[basis.id] = kept
        case .binding(let id, let binding):
            guard var basis = try? self.basis(id) else { return }
            basis.parties.removeAll { $0.party == binding.party }
            basis.parties.append(binding)
            bases[id] = basis
        case .caseFile(let item): cases[item.id] = CaseFacts(leadAuthority: item.leadAuthority, discoveryDate: item.discoveryDate)
        case .request(let request):
            requests[request.reference] = RequestFacts(state: request.state, sentDate: request.sentDate, toAuthority: request.toAuthority)
            forgetRecent()
        case .event(let event) where event.subjectType == .request && event.action.isChronological:
            let last = (try? lastChange(of: event.subjectID, before: event.id)) ?? nil
            let change = max(last ?? event.date, event.date)
            if fresh && recentReference == event.subjectID { recentChange = change } else { changes[event.subjectID] = change }
        default:
            break
        }
    }

    /// The rules `record` breaks against the records written before it.
    mutating func violations(of record: ImportedRecord) throws -> [RuleViolation] {
        do {
            switch record {
            case .authority(let authority): try RecordRules.check(authority, in: &self)
            case .binding(let id, let binding):
                if try basis(id) == nil { throw RuleViolation(field: "basis_id", error: .missing(.basis, id)) }
                try RecordRules.check(binding, in: &self)
            case .caseFile(let item): try RecordRules.check(item, in: &self)
            case .request(let request): try RecordRules.check(request, in: &self)
            case .reply(let reply): try RecordRules.check(reply, in: &self)
            case .followUp(let followUp): try RecordRules.check(followUp, in: &self)
            case .engagement(let engagement): try RecordRules.check(engagement, in: &self)
            case .outcome(let outcome): try RecordRules.check(outcome, in: &self)
            case .holiday(let party, _): try RecordRules.checkHolidays(of: party, in: &self)
            case .event(let event): try RecordRules.check(event, in: &self)
            case .party, .basis, .letter, .setting, .translation: break
            }
        } catch let violation as RuleViolation {
            return [violation]
        }
        return []
    }

    // MARK: - RecordLookup

    mutating func partyName(_ code: String) throws -> String? {
        if let name = parties[code] { return name }
        return try database?.partyName(code)
    }

    mutating func authorityParty(_ id: String) throws -> String? {
        if let near = nearAuthorities.first(where: { $0.id == id }) { return near.party }
        var party = authorities[id]
        if party == nil, let found = try database?.authorityParty(id) {
            authorities[id] = found
            party = found
        }
        if let party {
            if nearAuthorities.count == 4 { nearAuthorities.removeFirst() }
            nearAuthorities.append((id, party))
        }
        return party
    }

    mutating func caseFacts(_ id: String) throws -> CaseFacts? {
        if let facts = cases[id] { return facts }
        guard let facts = try database?.caseFacts(id) else { return nil }
        cases[id] = facts
        return facts
    }

    mutating func basis(_ id: String) throws -> LegalBasis? {
        if let basis = bases[id] { return basis }
        guard let basis = try database?.basis(id) else { return nil }
        bases[id] = basis
        return basis
    }

    mutating func requestFacts(_ reference: String) throws -> RequestFacts? {
        guard let database else { return recall(reference).facts }
        return try requests[reference] ?? database.requestFacts(reference)
    }

    mutating func lastChange(of reference: String, before: Int64?) throws -> CalendarDate? {
        guard let database else { return recall(reference).change }
        return try changes[reference] ?? database.lastChange(of: reference, before: before)
    }

    /// A file's own setting comes after its cases and requests.
    var directionDeferred: Bool { true }

    /// The database's state; a file's own setting comes after its cases and requests, so an
    /// import checks the direction of everything once all is written (`checkDirection`).
    mutating func ourState() throws -> String? {
        if !ourStateRead {
            ourStateKnown = try database?.ourState()
            ourStateRead = true
        }
        return ourStateKnown
    }

    /// What the file gave of request `reference` in a fresh import, the last request asked about kept at hand.
    private mutating func recall(_ reference: String) -> (facts: RequestFacts?, change: CalendarDate?) {
        if recentReference == reference { return (recentFacts, recentChange) }
        forgetRecent()
        recentReference = reference
        recentFacts = requests[reference]
        recentChange = changes[reference]
        return (recentFacts, recentChange)
    }

    /// Puts the request kept at hand back with the others.
    private mutating func forgetRecent() {
        if let reference = recentReference, let change = recentChange { changes[reference] = change }
        recentReference = nil
        recentFacts = nil
        recentChange = nil
    }
}

/// What the rules between records need to know of the records already kept: the store answers
/// from the database, an import from what it has written so far (remembering as it goes, so
/// asking may change it).
package protocol RecordLookup {
    /// The name of the party with `code`, or nil when none is recorded.
    mutating func partyName(_ code: String) throws -> String?
    /// The party of the authority `id`, or nil when none is recorded.
    mutating func authorityParty(_ id: String) throws -> String?
    mutating func caseFacts(_ id: String) throws -> CaseFacts?
    /// The legal basis `id` with the parties it binds, or nil.
    mutating func basis(_ id: String) throws -> LegalBasis?
    mutating func requestFacts(_ reference: String) throws -> RequestFacts?
    /// The date of the latest chronological event of request `reference` (see
    /// `Event.Action.isChronological`), among those before the event `before` (all when nil).
    mutating func lastChange(of reference: String, before: Int64?) throws -> CalendarDate?
    /// The desk's own state (the `our-state` setting), or nil when none is recorded.
    mutating func ourState() throws -> String?
    /// Whether the desk's state may still come after the requests (an import: a file's setting
    /// follows them), so a request's direction is checked once everything is written.
    var directionDeferred: Bool { get }
}

extension RecordLookup {
    package var directionDeferred: Bool { false }
}

/// What a request's rules read of its case.
package struct CaseFacts: Sendable, Hashable {
    package init(leadAuthority: String, discoveryDate: ReportedDate) {
        self.leadAuthority = leadAuthority
        self.discoveryDate = discoveryDate
    }

    var leadAuthority: String
    var discoveryDate: ReportedDate
}

/// What the rules of replies, follow-ups and history read of their request.
package struct RequestFacts: Sendable, Hashable {
    package init(state: RequestState, sentDate: CalendarDate? = nil, toAuthority: String) {
        self.state = state
        self.sentDate = sentDate
        self.toAuthority = toAuthority
    }

    var state: RequestState
    var sentDate: CalendarDate?
    var toAuthority: String
}

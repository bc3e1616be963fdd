/// The rules a record keeps with the records it refers to, in one place: the store applies
/// them when a clerk adds a record, an import to every record it writes. Each throws a
/// `RuleViolation` naming the field, or whatever the lookup throws.
///
/// A rule about one record alone is that record's own (`Request.problems(today:)` and the like).
package enum RecordRules {
    /// An authority's party, and the state it is posted to, are recorded.
    package static func check(_ authority: Authority, in known: inout some RecordLookup) throws {
        try requireParty(authority.party, field: "party", in: &known)
        if let posted = authority.postedTo { try requireParty(posted, field: "posted_to", in: &known) }
    }

    /// The party a legal basis binds is recorded.
    package static func check(_ binding: LegalBasis.Binding, in known: inout some RecordLookup) throws {
        try requireParty(binding.party, field: "party", in: &known)
    }

    /// A case's lead authority is recorded and, when the desk's state is, one of its own.
    package static func check(_ item: Case, in known: inout some RecordLookup) throws {
        let lead = try requireAuthority(item.leadAuthority, field: "lead_authority", in: &known)
        if let ours = try known.ourState(), lead != ours {
            throw RuleViolation(ValidationFailure(
                "case \(printable(item.id)) would be led by \(printable(item.leadAuthority)) of \(lead), but this desk is \(ours)'s and leads only its own investigations; choose a lead authority of \(ours)"),
                field: "lead_authority")
        }
    }

    /// An engagement's counterpart is recorded.
    package static func check(_ engagement: Engagement, in known: inout some RecordLookup) throws {
        try requireParty(engagement.counterpart, field: "counterpart", in: &known)
    }

    /// The state whose holidays these are is recorded.
    package static func checkHolidays(of party: String, in known: inout some RecordLookup) throws {
        try requireParty(party, field: "party", in: &known)
    }

    /// A request's case, authorities and legal basis are recorded; it goes from the case's state
    /// to another; and, once sent, it was sent as `checkSending` requires.
    package static func check(_ request: Request, in known: inout some RecordLookup) throws {
        guard let caseFile = try known.caseFacts(request.caseID) else {
            throw RuleViolation(field: "case_id", error: .missing(.caseFile, request.caseID))
        }
        let from = try requireAuthority(request.fromAuthority, field: "from_authority", in: &known)
        let to = try requireAuthority(request.toAuthority, field: "to_authority", in: &known)
        let lead = try requireAuthority(caseFile.leadAuthority, field: "case_id", in: &known)
        let ours = from == to ? nil : try known.ourState()
        // Until the desk's state is known, a request under a case of the state it came to came in:
        // an import reads the state after the requests and checks the direction of all once
        // written; anywhere else the state must be recorded first.
        let direction = try ours.map { try checkDirection(request, from: from, to: to, ourState: $0) }
            ?? (from != lead && to == lead ? .incoming : .outgoing)
        if ours == nil, direction == .incoming, !known.directionDeferred {
            throw RuleViolation(ValidationFailure(
                "request \(request.reference) comes to \(to) from \(request.fromAuthority); record whose desk this is first with 'comity settings set our-state \(to)'"),
                field: "from_authority")
        }
        switch direction {
        case .outgoing where from != lead:
            throw RuleViolation(ValidationFailure(
                "request \(request.reference) would be sent by \(request.fromAuthority) of \(from), but case \(request.caseID) is \(lead)'s; choose a sending authority of \(lead)"),
                field: "from_authority")
        case .incoming where to != lead:
            throw RuleViolation(ValidationFailure(
                "request \(request.reference) would come to \(request.toAuthority) of \(to), but case \(request.caseID) is \(lead)'s; file it under a case of \(to)"),
                field: "case_id")
        case .incoming where request.sentDate == nil || request.state == .drafted || request.state == .inClearance:
            // It is on record from the day it arrived: never drafted or cleared here.
            throw RuleViolation(ValidationFailure(Self.receivedDateNeeded(request)), field: "sent_date")
        default: break
        }
        guard from != to else {
            throw RuleViolation(ValidationFailure(
                "request \(request.reference) goes from \(request.fromAuthority) to \(request.toAuthority), both of \(from); address it to an authority of the other state"),
                field: "to_authority")
        }
        let basis = try request.basisID.map { id in
            guard let found = try known.basis(id) else { throw RuleViolation(field: "basis_id", error: .missing(.basis, id)) }
            return found
        }
        if let sent = request.sentDate {
            try checkSending(request, on: sent, case: caseFile, from: from, to: to, basis: basis, in: &known)
        }
    }

    /// A request this desk records goes between its state and another: out from an authority of
    /// its state, or in to one. Returns which way it goes.
    static func checkDirection(_ request: Request, from: String, to: String, ourState ours: String) throws -> Direction {
        guard let direction = Direction.of(from: from, to: to, ourState: ours) else {
            throw RuleViolation(ValidationFailure(
                "request \(request.reference) would go from \(request.fromAuthority) of \(from) to \(request.toAuthority) of \(to), but this desk is \(ours)'s; a request it records goes from an authority of \(ours) or comes to one"),
                field: "from_authority")
        }
        return direction
    }

    /// The refusal of a request that came to us without the day it was received.
    package static func receivedDateNeeded(_ request: Request) -> String {
        "request \(request.reference) comes to us from \(request.fromAuthority); give the day it was received with --received"
    }

    /// Sending a request on `date`: not before its case began, under a legal basis that binds
    /// both states on that day, and before the data preserved for it expires.
    static func checkSending(
        _ request: Request, on date: CalendarDate, case caseFile: CaseFacts, from: String, to: String, basis: LegalBasis?,
        in known: inout some RecordLookup
    ) throws {
        if date < caseFile.discoveryDate.earliest {
            throw RuleViolation(ValidationFailure(
                "request \(request.reference) would be sent on \(date.iso), before case \(request.caseID) began on \(caseFile.discoveryDate.iso); check the date"),
                field: "sent_date")
        }
        if let basis {
            do {
                try basis.checkBinds(from, to, on: date) { code in (try? known.partyName(code)) ?? code }
            } catch {
                throw RuleViolation(error, field: "basis_id")
            }
        }
        if let kept = request.preservedUntil, kept < date {
            throw RuleViolation(ValidationFailure(
                "preserved data of request \(request.reference) expires on \(kept.iso), before it would be sent on \(date.iso); check the dates"),
                field: "preserved_until")
        }
    }

    /// A reply answers a recorded request that was sent, on or after the day it was sent, and
    /// comes from the state the request went to.
    package static func check(_ reply: Reply, in known: inout some RecordLookup) throws {
        let request = try requireRequest(reply.requestReference, field: "request_ref", in: &known)
        guard let sent = request.sentDate, request.state != .drafted, request.state != .inClearance else {
            throw RuleViolation(ValidationFailure(
                "request \(reply.requestReference) has not been sent (it is \(request.state.rawValue)); move it to transmitted before recording a reply"),
                field: "request_ref")
        }
        if reply.date < sent {
            throw RuleViolation(ValidationFailure(
                "the reply is dated \(reply.date.iso), before request \(reply.requestReference) was sent on \(sent.iso); check --on"),
                field: "date")
        }
        if let author = reply.fromAuthority {
            let party = try requireAuthority(author, field: "from_authority", in: &known)
            let counterpart = try requireAuthority(request.toAuthority, field: "request_ref", in: &known)
            guard party == counterpart else {
                let came = try known.ourState() == counterpart
                throw RuleViolation(ValidationFailure(
                    came
                        ? "the reply is recorded as from \(author) of \(party), but request \(reply.requestReference) came to \(counterpart) and the reply is \(counterpart)'s own; give an authority of \(counterpart) with --from"
                        : "the reply is recorded as from \(author) of \(party), but request \(reply.requestReference) went to \(counterpart); give an authority of \(counterpart) with --from"),
                    field: "from_authority")
            }
        }
    }

    /// A follow-up is about a recorded request we sent, on or after the day it was sent.
    package static func check(_ followUp: FollowUp, in known: inout some RecordLookup) throws {
        let request = try requireRequest(followUp.requestReference, field: "request_ref", in: &known)
        if let ours = try known.ourState(), try requireAuthority(request.toAuthority, field: "request_ref", in: &known) == ours {
            throw RuleViolation(ValidationFailure(
                "request \(followUp.requestReference) came to \(ours), and a follow-up chases a request we sent; record our answer to it with 'comity reply add'"),
                field: "request_ref")
        }
        guard let sent = request.sentDate else {
            throw RuleViolation(ValidationFailure(
                "request \(followUp.requestReference) has not been sent (it is \(request.state.rawValue)); a follow-up needs a transmitted request"),
                field: "request_ref")
        }
        if followUp.date < sent {
            throw RuleViolation(ValidationFailure(
                "the follow-up is dated \(followUp.date.iso), before request \(followUp.requestReference) was sent on \(sent.iso); check --on"),
                field: "date")
        }
    }

    /// An outcome concerns a recorded request that had been sent by the day of the meeting.
    package static func check(_ outcome: EngagementOutcome, in known: inout some RecordLookup) throws {
        let request = try requireRequest(outcome.requestReference, field: "request_ref", in: &known)
        guard let sent = request.sentDate, outcome.date >= sent else {
            throw RuleViolation(ValidationFailure(
                "request \(outcome.requestReference) had not been sent by \(outcome.date.iso); an outcome is recorded for a request already sent"),
                field: "request_ref")
        }
    }

    /// An event of a request belongs to a recorded request and, when it records what happened,
    /// comes in the order it happened: never dated before the request's last change recorded before it.
    package static func check(_ event: Event, in known: inout some RecordLookup) throws {
        guard event.subjectType == .request else { return }
        _ = try requireRequest(event.subjectID, field: "subject_id", in: &known)
        guard event.action.isChronological else { return }
        try checkChronology(event.subjectID, date: event.date, what: event.id.map { "event \($0)" } ?? "the event", before: event.id, in: &known)
    }

    /// Refuses a change to request `reference` dated before its last recorded one.
    package static func checkChronology(
        _ reference: String, date: CalendarDate, what: @autoclosure () -> String, before: Int64? = nil, in known: inout some RecordLookup
    ) throws {
        if let last = try known.lastChange(of: reference, before: before), date < last {
            throw RuleViolation(ValidationFailure(
                "\(what()) is dated \(date.iso), before the last recorded change to request \(reference) on \(last.iso); record events in the order they happened"),
                field: "date")
        }
    }

    // MARK: - References

    static func requireParty(_ code: String, field: String, in known: inout some RecordLookup) throws {
        if try known.partyName(code) == nil { throw RuleViolation(field: field, error: .missing(.party, code)) }
    }

    /// The party of the recorded authority `id`.
    static func requireAuthority(_ id: String, field: String, in known: inout some RecordLookup) throws -> String {
        guard let party = try known.authorityParty(id) else { throw RuleViolation(field: field, error: .missing(.authority, id)) }
        return party
    }

    static func requireRequest(_ reference: String, field: String, in known: inout some RecordLookup) throws -> RequestFacts {
        guard let request = try known.requestFacts(reference) else { throw RuleViolation(field: field, error: .missing(.request, reference)) }
        return request
    }
}

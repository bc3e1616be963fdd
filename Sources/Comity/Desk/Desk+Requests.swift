/// Requests, replies, follow-ups, engagements and their history.
extension Desk {
    /// Records a request and returns it as stored (transmitted when it carries a sent date).
    @discardableResult
    public func addRequest(_ request: Request) throws(ComityError) -> Request {
        try store.addRequest(request, clearance: clearance, by: clerk)
    }

    /// Moves a request, if the state machine allows it; returns the state it left.
    @discardableResult
    public func move(_ reference: String, to target: RequestState, on date: CalendarDate, note: String = "") throws(ComityError) -> RequestState {
        try store.move(reference, to: target, on: date, note: note, clearance: clearance, by: clerk)
    }

    /// The requests the clerk may see, narrowed by the filters, and how many more they match but withholds.
    public func requests(
        case caseID: String? = nil, counterpart: String? = nil, state: RequestState? = nil, openOnly: Bool = false
    ) throws(ComityError) -> (shown: [Request], withheld: Int) {
        try store.requests(case: caseID, counterpart: counterpart, state: state, openOnly: openOnly, clearance: clearance, asOf: nil)
    }

    /// A request with its replies; one above the clearance is refused by its reference alone.
    public func request(_ reference: String) throws(ComityError) -> (request: Request, replies: [Reply]) {
        try store.requestWithReplies(reference, clearance: clearance)
    }

    /// The history of a request, case, engagement or other record, oldest first.
    public func history(of id: String) throws(ComityError) -> [Event] {
        try store.history(of: id, clearance: clearance)
    }

    /// The audit trail (exports, feeds, backups, imports) the clerk may see, and how many entries it withholds.
    public func auditTrail(of id: String? = nil) throws(ComityError) -> (shown: [Event], withheld: Int) {
        try store.auditTrail(of: id, clearance: clearance)
    }

    /// Records a reply and moves the request where it puts it (see `ComityStore.addReply`).
    @discardableResult
    public func addReply(_ reply: Reply, counterpartReference: String? = nil, keepState: Bool = false) throws(ComityError) -> (reply: Reply, moves: [RequestState]) {
        try store.addReply(reply, counterpartReference: counterpartReference, keepState: keepState, clearance: clearance, by: clerk)
    }

    public func replies(to reference: String) throws(ComityError) -> [Reply] {
        try store.replies(to: reference, clearance: clearance)
    }

    public func reply(id: Int64) throws(ComityError) -> Reply {
        try store.reply(id: id, clearance: clearance)
    }

    /// Records a follow-up sent outside Comity.
    @discardableResult
    public func addFollowUp(_ followUp: FollowUp) throws(ComityError) -> FollowUp {
        try store.addFollowUp(followUp, clearance: clearance, by: clerk)
    }

    public func addEngagement(_ engagement: Engagement) throws(ComityError) {
        try store.addEngagement(engagement, by: clerk)
    }

    public func reschedule(_ id: String, start: CalendarDate, end: CalendarDate, note: String = "") throws(ComityError) {
        try store.reschedule(id, start: start, end: end, note: note, by: clerk)
    }

    public func engagements(counterpart: String? = nil) throws(ComityError) -> [Engagement] {
        try store.engagements(counterpart: counterpart)
    }

    public func engagement(_ id: String) throws(ComityError) -> Engagement {
        try store.engagement(id)
    }

    /// Records what came of a request at an engagement.
    @discardableResult
    public func addOutcome(_ outcome: EngagementOutcome) throws(ComityError) -> EngagementOutcome {
        try store.addOutcome(outcome, clearance: clearance, by: clerk)
    }

    /// The outcomes recorded at an engagement; those of requests above the clearance are only counted.
    public func outcomes(at engagementID: String) throws(ComityError) -> (shown: [EngagementOutcome], withheld: Int) {
        try store.outcomes(at: engagementID, clearance: clearance)
    }

    /// The outcomes recorded for a request at engagements, oldest first.
    public func outcomes(of reference: String) throws(ComityError) -> [EngagementOutcome] {
        try store.outcomes(of: reference, clearance: clearance)
    }
}

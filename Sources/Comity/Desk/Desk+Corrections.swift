/// Corrections: a clerk fixes a recorded fact.
///
/// Each method reads the record (one above the clearance is refused by its identifier alone),
/// applies `change`, holds the result to the rules `add` applies and to the history already
/// recorded, and writes it with one 'corrected' event per changed column (its old and new
/// stored value, the clerk, today, and `reason`), all in one transaction. Identifiers and a
/// request's state are not corrected; a change that changes nothing is refused.
///
///     try desk.editRequest("JP-MHI-2011-001", reason: "wrong basis") { $0.basisID = "JP-CN-MLAT" }
extension Desk {
    @discardableResult
    public func editParty(_ code: String, reason: String, _ change: (inout Party) throws -> Void) throws(ComityError) -> [Event] {
        try store.editParty(code, reason: reason, by: clerk, change)
    }

    @discardableResult
    public func editAuthority(_ id: String, reason: String, _ change: (inout Authority) throws -> Void) throws(ComityError) -> [Event] {
        try store.editAuthority(id, reason: reason, by: clerk, change)
    }

    /// Corrects a legal basis, its parties and the dates they are bound from included.
    @discardableResult
    public func editBasis(_ id: String, reason: String, _ change: (inout LegalBasis) throws -> Void) throws(ComityError) -> [Event] {
        try store.editBasis(id, reason: reason, by: clerk, change)
    }

    @discardableResult
    public func editCase(_ id: String, reason: String, _ change: (inout Case) throws -> Void) throws(ComityError) -> [Event] {
        try store.editCase(id, reason: reason, clearance: clearance, by: clerk, change)
    }

    @discardableResult
    public func editRequest(_ reference: String, reason: String, _ change: (inout Request) throws -> Void) throws(ComityError) -> [Event] {
        try store.editRequest(reference, reason: reason, clearance: clearance, by: clerk, change)
    }

    @discardableResult
    public func editReply(id: Int64, reason: String, _ change: (inout Reply) throws -> Void) throws(ComityError) -> [Event] {
        try store.editReply(id, reason: reason, clearance: clearance, by: clerk, change)
    }

    @discardableResult
    public func editFollowUp(id: Int64, reason: String, _ change: (inout FollowUp) throws -> Void) throws(ComityError) -> [Event] {
        try store.editFollowUp(id, reason: reason, clearance: clearance, by: clerk, change)
    }

    /// Corrects what came of a request at an engagement (its number: see `outcomes(of:)`).
    @discardableResult
    public func editOutcome(id: Int64, reason: String, _ change: (inout EngagementOutcome) throws -> Void) throws(ComityError) -> [Event] {
        try store.editOutcome(id, reason: reason, clearance: clearance, by: clerk, change)
    }

    @discardableResult
    public func editEngagement(_ id: String, reason: String, _ change: (inout Engagement) throws -> Void) throws(ComityError) -> [Event] {
        try store.editEngagement(id, reason: reason, by: clerk, change)
    }
}

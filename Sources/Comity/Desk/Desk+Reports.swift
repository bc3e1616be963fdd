/// Stall reports, briefs and clocks, for what the clerk may see.
extension Desk {
    /// A stall report (or, with `before`, a pre-summit brief) as of a date; requests above the
    /// clearance are left out and only counted.
    ///
    /// - Parameter asRecorded: only what had been recorded by the end of this day counts, with
    ///   later corrections undone, so the brief given that day can be given again.
    public func stallReport(
        asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, before engagementID: String? = nil,
        asRecorded: CalendarDate? = nil
    ) throws(ComityError) -> StallReport {
        try requireLookingBack(asRecorded)
        return try store.stallReport(asOf: asOf, counterpart: counterpart, caseID: caseID, before: engagementID, clearance: clearance, recordedBy: asRecorded)
    }

    /// The stall report as compact JSON written to `sink` finding by finding, memory flat.
    public func writeStallListing(
        asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, before engagementID: String? = nil,
        asRecorded: CalendarDate? = nil, to sink: @escaping ([UInt8]) throws -> Void
    ) throws(ComityError) {
        try requireLookingBack(asRecorded)
        try store.writeStallListing(
            asOf: asOf, counterpart: counterpart, caseID: caseID, before: engagementID, clearance: clearance, recordedBy: asRecorded, to: sink)
    }

    /// The stalled requests as of a date, and how many more are withheld for the clearance.
    public func stalled(asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil) throws(ComityError) -> (shown: [Assessment], withheld: Int) {
        let scope = stallScope(asOf: asOf, counterpart: counterpart, caseID: caseID)
        return (try store.assessments(scope), try store.withheldCount(scope))
    }

    /// Each stalled request's row as `map` makes it on the threads that assess them, handed to
    /// `body` in reference order; returns how many more are withheld for the clearance.
    public func forEachStalled<T: Sendable>(
        asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil,
        map: @escaping @Sendable (Assessment) throws -> T, _ body: (T) throws -> Void
    ) throws(ComityError) -> Int {
        let scope = stallScope(asOf: asOf, counterpart: counterpart, caseID: caseID)
        try store.forEachAssessment(scope, map: map, body)
        return try store.withheldCount(scope)
    }

    func stallScope(asOf: CalendarDate, counterpart: String?, caseID: String?) -> ComityStore.StallScope {
        ComityStore.StallScope(asOf: asOf, counterpart: counterpart, caseID: caseID, clearance: clearance)
    }

    /// The clocks of one request as of a date, each able to explain itself. A request that runs
    /// no clock on that date (not sent yet, or closed) is refused with its state.
    /// The clocks of a request as of a date, nil when it runs none then (closed, or not sent yet).
    public func runningClocks(of reference: String, asOf: CalendarDate) throws(ComityError) -> Assessment? {
        try store.clocks(of: reference, asOf: asOf, clearance: clearance)
    }

    public func clocks(of reference: String, asOf: CalendarDate, asRecorded: CalendarDate? = nil) throws(ComityError) -> Assessment {
        try requireLookingBack(asRecorded)
        return try store.clocksOrReason(of: reference, asOf: asOf, clearance: clearance, recordedBy: asRecorded)
    }

    /// Refuses a day "as recorded" after the clerk's today: the records of a day to come are not known.
    func requireLookingBack(_ day: CalendarDate?) throws(ComityError) {
        guard let day, day > clerk.today else { return }
        throw .invalid("--as-recorded \(day.iso) is after today (\(clerk.today.iso)); the records as they stood can only be read for a day that has ended or is ending")
    }
}

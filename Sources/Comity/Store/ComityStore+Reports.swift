import GRDB

/// Building stall reports and pre-summit briefs.
extension ComityStore {
    /// A stall report as of a date, optionally narrowed to a counterpart or case.
    ///
    /// With `before`, the report becomes a pre-summit brief: every outstanding request with
    /// that engagement's counterpart, stalled or not, each with a talking point.
    public func stallReport(asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, before engagementID: String? = nil) throws(ComityError) -> StallReport {
        var brief: StallReport.Brief?
        var engagement: Engagement?
        var counterpartCode = counterpart?.uppercased()
        if let engagementID {
            let e = try self.engagement(engagementID)
            if e.endDate < asOf {
                throw .invalid("engagement \(e.id) ended on \(e.endDate.iso), before \(asOf.iso); a brief prepares for an engagement still to come, so check --before or --as-of")
            }
            if let c = counterpartCode, c != e.counterpart {
                throw .invalid("engagement \(e.id) is with \(e.counterpart), not \(c); leave out --counterpart or choose another engagement")
            }
            counterpartCode = e.counterpart
            engagement = e
            let party = try self.party(e.counterpart)
            brief = StallReport.Brief(
                id: e.id, title: e.title, level: e.level, place: e.place, counterpart: e.counterpart,
                counterpartName: party.name, startDate: e.startDate, endDate: e.endDate,
                daysUntil: max(0, asOf.days(until: e.startDate)))
        }
        let scope = StallScope(
            asOf: asOf, counterpart: counterpartCode, caseID: caseID, includeNotStalled: engagement != nil, engagement: engagement)
        let assessments = try self.assessments(scope)
        return StallReport(
            asOf: asOf,
            scope: .init(counterpart: counterpartCode, caseID: caseID, engagementID: engagementID),
            engagement: brief, assessments: assessments)
    }

    /// The clocks of one request as of a date, each able to explain itself.
    public func clocks(of reference: String, asOf: CalendarDate) throws(ComityError) -> Assessment? {
        try read { db in try Self.assessment(db, of: reference, asOf: asOf) }
    }

    static func assessment(_ db: Database, of reference: String, asOf: CalendarDate) throws -> Assessment? {
        _ = try Self.request(db, reference)
        var scope = StallScope(asOf: asOf, includeNotStalled: true)
        scope.reference = reference
        var found: Assessment?
        try forEachAssessment(db, scope) { found = $0 }
        return found
    }
}

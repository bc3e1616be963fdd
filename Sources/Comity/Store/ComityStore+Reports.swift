import Foundation
import GRDB

/// Building stall reports and pre-summit briefs.
extension ComityStore {
    /// A stall report as of a date, optionally narrowed to a counterpart or case.
    ///
    /// With `before`, the report becomes a pre-summit brief: every outstanding request with
    /// that engagement's counterpart, stalled or not, each with a talking point.
    ///
    /// Requests above `clearance` are left out and only counted in `withheld`.
    func stallReport(
        asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, before engagementID: String? = nil,
        clearance: Classification = .secret, recordedBy: CalendarDate? = nil
    ) throws(ComityError) -> StallReport {
        let plan = try reportPlan(asOf: asOf, counterpart: counterpart, caseID: caseID, before: engagementID, clearance: clearance, recordedBy: recordedBy)
        return try read { db in
            var assessments: [Assessment] = []
            try Self.forEachAssessment(db, plan.scope) { assessments.append($0) }
            return StallReport(asOf: asOf, scope: plan.reportScope, engagement: plan.brief, assessments: assessments,
                               withheld: try Self.withheldCount(db, plan.scope))
        }
    }

    /// Writes the stall report as a `StallListing` in compact JSON to `sink`, finding by finding.
    ///
    /// Memory stays flat whatever the number of requests: findings are computed from
    /// streamed rows and written at once.
    func writeStallListing(
        asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, before engagementID: String? = nil,
        clearance: Classification = .secret, recordedBy: CalendarDate? = nil, to sink: @escaping ([UInt8]) throws -> Void
    ) throws(ComityError) {
        try writeStallListing(asOf: asOf, counterpart: counterpart, caseID: caseID, before: engagementID, clearance: clearance, recordedBy: recordedBy,
                              chunkSize: Self.stallChunkSize, workers: ProcessInfo.processInfo.activeProcessorCount, to: sink)
    }

    /// `writeStallListing`, with the stall query cut into chunks of `chunkSize` references on
    /// `workers` connections: the bytes written are the same whatever the two.
    func writeStallListing(
        asOf: CalendarDate, counterpart: String?, caseID: String?, before engagementID: String?, clearance: Classification,
        recordedBy: CalendarDate? = nil, chunkSize: Int, workers: Int, to sink: @escaping ([UInt8]) throws -> Void
    ) throws(ComityError) {
        let plan = try reportPlan(asOf: asOf, counterpart: counterpart, caseID: caseID, before: engagementID, clearance: clearance, recordedBy: recordedBy)
        var json = JSONStreamWriter(sink: sink)
        var tally = StallReport.Tally()
        var ledger = StallReport.Ledger.Tally()
        do {
            json.beginObject()
            json.field("asOf", asOf)
            if let brief = plan.brief {
                json.key("engagement")
                try json.encoded(brief)
            }
            json.key("findings")
            json.beginArray()
            // Findings are encoded where they are assessed, on the worker threads, a chunk's
            // findings into runs of bytes such as "{…}\n,{…}", placed here after a newline.
            let withheld = try streamAssessmentBatches(plan.scope, chunkSize: chunkSize, workers: workers, batch: { FindingBatch() }, add: { batch, a in
                try batch.add(a)
            }) { batch in
                json.newline()
                for (index, piece) in batch.pieces.enumerated() { try json.raw(piece, continuing: index > 0) }
                try json.raw(batch.current.encoded, continuing: !batch.pieces.isEmpty)
                for entry in batch.entries {
                    tally.add(entry)
                    ledger.add(entry)
                }
            }
            json.newline()
            json.endArray()
            json.key("scope")
            try json.encoded(plan.reportScope)
            json.field("title", StallReport.title(for: plan.brief))
            json.key("summary")
            try json.encoded(tally.summary)
            if let brief = plan.brief {
                json.key("ledger")
                try json.encoded(ledger.ledger(counterpart: brief.counterpart, counterpartName: brief.counterpartName))
            }
            json.field("classification", tally.classification)
            json.field("withheld", withheld)
            try json.endObject()
            json.newline()
            try json.flush()
        } catch {
            throw map(error)
        }
    }

    /// What a report covers, and the brief it prepares, checked against the store.
    struct ReportPlan {
        var scope: StallScope
        var reportScope: StallReport.Scope
        var brief: StallReport.Brief?
    }

    func reportPlan(
        asOf: CalendarDate, counterpart: String?, caseID: String?, before engagementID: String?, clearance: Classification,
        recordedBy: CalendarDate? = nil
    ) throws(ComityError) -> ReportPlan {
        var brief: StallReport.Brief?
        var engagement: Engagement?
        var counterpartCode = counterpart?.uppercased()
        if let engagementID {
            let e: Engagement
            if let recordedBy { e = try recordedEngagement(engagementID, by: recordedBy) } else { e = try self.engagement(engagementID) }
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
            asOf: asOf, counterpart: counterpartCode, caseID: caseID, includeNotStalled: engagement != nil, engagement: engagement,
            clearance: clearance, recordedBy: recordedBy)
        return ReportPlan(
            scope: scope, reportScope: .init(counterpart: counterpartCode, caseID: caseID, engagementID: engagementID, asRecorded: recordedBy),
            brief: brief)
    }

    /// The clocks of one request as of a date, each able to explain itself.
    ///
    /// A request above `clearance` is refused, naming nothing but the reference given.
    func clocks(of reference: String, asOf: CalendarDate, clearance: Classification = .secret) throws(ComityError) -> Assessment? {
        try read { db in try Self.assessment(db, of: reference, asOf: asOf, clearance: clearance) }
    }

    /// The clocks of one request as of a date; a request that runs none then is refused with its state.
    func clocksOrReason(of reference: String, asOf: CalendarDate, clearance: Classification, recordedBy: CalendarDate? = nil) throws(ComityError) -> Assessment {
        try read { db in
            if let found = try Self.assessment(db, of: reference, asOf: asOf, clearance: clearance, recordedBy: recordedBy) { return found }
            let r = try Self.request(db, reference)
            throw ValidationFailure("request \(reference) runs no clocks on \(asOf.iso): it is \(r.state.rawValue)\(r.sentDate.map { ", sent \($0.iso)" } ?? ", not sent"); choose another --as-of")
        }
    }

    /// A request with its replies for a reader cleared to `clearance`, checked and read in one
    /// transaction: a request above it (by itself, its case or any reply on record) is refused in
    /// one sentence naming only the reference given; a request that does not exist is not found.
    func requestWithReplies(_ reference: String, clearance: Classification) throws(ComityError) -> (request: Request, replies: [Reply]) {
        try read { db in
            let found = try Self.request(db, reference)
            try Self.requireCleared(db, reference, asOf: nil, clearance: clearance)
            return (found, try Self.replies(db, to: reference))
        }
    }

    /// How many requests `scope` withholds for its clearance (see `StallScope.clearance`).
    func withheldCount(_ scope: StallScope) throws(ComityError) -> Int {
        try read { db in try Self.withheldCount(db, scope) }
    }

    static func assessment(
        _ db: Database, of reference: String, asOf: CalendarDate, clearance: Classification = .secret, recordedBy: CalendarDate? = nil
    ) throws -> Assessment? {
        _ = try Self.request(db, reference)
        try requireCleared(db, reference, asOf: asOf, clearance: clearance)
        if let recordedBy { try requireRecorded(db, "request", reference, by: recordedBy) }
        var scope = StallScope(asOf: asOf, includeNotStalled: true, recordedBy: recordedBy)
        scope.reference = reference
        var found: Assessment?
        try forEachAssessment(db, scope) { found = $0 }
        return found
    }
}

/// The findings of one chunk of a stall listing, encoded on the thread that assessed them, in
/// pieces of about the size of an output write, which the allocator hands round again.
private struct FindingBatch: Sendable {
    static let pieceSize = 1 << 16
    var pieces: [[UInt8]] = []
    var current = JSONStreamWriter.Fragment()
    var entries: [StallReport.Tally.Entry] = []

    mutating func add(_ assessment: Assessment) throws {
        if !entries.isEmpty { current.writer.newline() }
        try assessment.write(to: &current.writer)
        entries.append(StallReport.Tally.Entry(assessment))
        if current.writer.count >= Self.pieceSize {
            pieces.append(current.encoded)
            current = .continuing(capacity: Self.pieceSize + 8192)
        }
    }
}

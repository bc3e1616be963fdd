import GRDB

/// Feeds the stall engine from the store, streaming one request at a time.
extension ComityStore {
    /// Which requests a stall query looks at.
    public struct StallScope: Sendable {
        public var asOf: CalendarDate
        public var counterpart: String?
        public var caseID: String?
        /// Include outstanding requests that are not stalled (for a pre-summit brief).
        public var includeNotStalled: Bool
        /// The engagement a brief prepares for: every request is weighed against it, however far ahead.
        public var engagement: Engagement?
        /// Only this request (for one request's clocks and letters).
        public var reference: String?

        public init(asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, includeNotStalled: Bool = false, engagement: Engagement? = nil) {
            self.asOf = asOf
            self.counterpart = counterpart?.uppercased()
            self.caseID = caseID
            self.includeNotStalled = includeNotStalled
            self.engagement = engagement
        }
    }

    /// Assesses every request in scope that was outstanding on the as-of date, in reference order.
    public func assessments(_ scope: StallScope) throws(ComityError) -> [Assessment] {
        var result: [Assessment] = []
        try forEachAssessment(scope) { result.append($0) }
        return result
    }

    /// Streams assessments to `body` without holding the world in memory.
    public func forEachAssessment(_ scope: StallScope, _ body: (Assessment) throws -> Void) throws(ComityError) {
        try read { db in try Self.forEachAssessment(db, scope, body) }
    }

    static func forEachAssessment(_ db: Database, _ scope: StallScope, _ body: (Assessment) throws -> Void) throws {
            if let counterpart = scope.counterpart { _ = try Self.party(db, counterpart) }
            if let caseID = scope.caseID { _ = try Self.caseFile(db, caseID) }
            let context = try StallContext(db, asOf: scope.asOf)
            let (filter, arguments) = try Self.scopeFilter(db, scope)
            let inScope = "SELECT r.reference FROM request r JOIN authority a ON a.id = r.to_authority WHERE \(filter)"
            // Everything but the items of assistance, which no assessment needs.
            let requests = try Row.fetchCursor(db, sql: """
                SELECT r.reference, r.case_id, r.from_authority, r.to_authority, r.channel, r.basis_id, r.subject, r.subject_ja,
                       r.urgency, r.classification, r.sent_date, r.counterpart_reference, r.state, r.preserved_until, r.note,
                       a.party AS to_party, a.name AS to_name,
                       c.title AS case_title, c.limitation_date AS case_limitation, c.classification AS case_classification
                FROM request r JOIN authority a ON a.id = r.to_authority JOIN case_file c ON c.id = r.case_id
                WHERE \(filter) ORDER BY r.reference
                """, arguments: arguments)
            var replies = PeekableCursor(try Reply.fetchCursor(db, sql: """
                SELECT * FROM reply WHERE date <= ? AND request_ref IN (\(inScope)) ORDER BY request_ref, date, id
                """, arguments: [scope.asOf] + arguments))
            var moves = PeekableCursor(try Row.fetchCursor(db, sql: """
                SELECT subject_id, date, from_state, to_state FROM event
                WHERE subject_type = 'request' AND action = 'moved' AND date <= ? AND subject_id IN (\(inScope))
                ORDER BY subject_id, id
                """, arguments: [scope.asOf] + arguments).map { row -> (String, Dossier.Move) in
                    (row["subject_id"], Dossier.Move(date: row["date"], from: row["from_state"], to: row["to_state"]))
                })
            var followUps = PeekableCursor(try FollowUp.fetchCursor(db, sql: """
                SELECT * FROM follow_up WHERE date <= ? AND request_ref IN (\(inScope)) ORDER BY request_ref, date, id
                """, arguments: [scope.asOf] + arguments))

            while let row = try requests.next() {
                let request = Request(row: row)
                let ref = request.reference
                let dossier = Dossier(
                    request: request,
                    caseTitle: row["case_title"],
                    caseLimitation: row["case_limitation"],
                    caseClassification: row["case_classification"],
                    counterpart: context.parties[row["to_party"]] ?? Party(code: row["to_party"], name: row["to_party"], formalName: row["to_party"]),
                    toAuthorityName: row["to_name"],
                    fromAuthorityName: context.authorityNames[request.fromAuthority] ?? request.fromAuthority,
                    basisName: request.basisID.flatMap { context.bases[$0]?.instrument },
                    basisPeriod: request.basisID.flatMap { context.bases[$0]?.period },
                    replies: try replies.take(while: { $0.requestReference }, equals: ref),
                    moves: try moves.take(while: { $0.0 }, equals: ref).map(\.1),
                    followUps: try followUps.take(while: { $0.requestReference }, equals: ref))
                let counterpart = dossier.counterpart.code
                var settings = context.settings[request.channel]!
                if scope.engagement != nil { settings.lookaheadDays = Int.max / 2 }
                guard let assessment = StallEngine.assess(
                    dossier, asOf: scope.asOf, settings: settings, calendar: try context.calendar(db, counterpart),
                    engagements: scope.engagement.map { [$0] } ?? context.upcomingEngagements[counterpart] ?? [])
                else { continue }
                if assessment.isStalled || scope.includeNotStalled { try body(assessment) }
            }
    }

    static func scopeFilter(_ db: Database, _ scope: StallScope) throws -> (String, StatementArguments) {
        let open = RequestState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ",")
        var sql = "r.sent_date IS NOT NULL AND r.sent_date <= ? AND r.state IN (\(open))"
        var arguments: StatementArguments = [scope.asOf]
        // A request closed after the as-of date was still open on it. Looking for such moves
        // request by request costs a probe per closed request, so only when there can be any.
        let lastMove = try CalendarDate.fetchOne(
            db, sql: "SELECT max(date) FROM event WHERE subject_type = 'request' AND action = 'moved'")
        if let lastMove, lastMove > scope.asOf {
            sql = """
                r.sent_date IS NOT NULL AND r.sent_date <= ? AND (r.state IN (\(open)) OR EXISTS (
                    SELECT 1 FROM event e WHERE e.subject_id = r.reference AND e.subject_type = 'request'
                    AND e.action = 'moved' AND e.date > ?))
                """
            arguments += [scope.asOf]
        }
        if let counterpart = scope.counterpart { sql += " AND a.party = ?"; arguments += [counterpart] }
        if let caseID = scope.caseID { sql += " AND r.case_id = ?"; arguments += [caseID] }
        if let reference = scope.reference { sql += " AND r.reference = ?"; arguments += [reference] }
        return (sql, arguments)
    }
}

/// Look-up tables loaded once per stall query.
private final class StallContext {
    struct BasisInfo { var instrument: String; var period: Period? }

    var parties: [String: Party] = [:]
    var authorityNames: [String: String] = [:]
    var bases: [String: BasisInfo] = [:]
    var settings: [Channel: StallSettings] = [:]
    var upcomingEngagements: [String: [Engagement]] = [:]
    private var calendars: [String: HolidayCalendar] = [:]

    init(_ db: Database, asOf: CalendarDate) throws {
        for p in try Party.fetchAll(db) { parties[p.code] = p }
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM authority") { authorityNames[row["id"]] = row["name"] }
        for row in try Row.fetchAll(db, sql: "SELECT id, instrument, response_days, response_unit FROM legal_basis") {
            let days: Int? = row["response_days"]
            let unit: PeriodUnit? = row["response_unit"]
            bases[row["id"]] = BasisInfo(instrument: row["instrument"], period: days.map { Period(days: $0, unit: unit ?? .calendar) })
        }
        for channel in Channel.allCases { settings[channel] = try ComityStore.settings(db, for: channel) }
        let upcoming = try Engagement.fetchAll(
            db, sql: "SELECT * FROM engagement WHERE end_date >= ? ORDER BY start_date, id", arguments: [asOf])
        for e in upcoming { upcomingEngagements[e.counterpart, default: []].append(e) }
    }

    func calendar(_ db: Database, _ party: String) throws -> HolidayCalendar {
        if let c = calendars[party] { return c }
        let c = try ComityStore.holidayCalendar(db, for: party)
        calendars[party] = c
        return c
    }
}

/// A cursor that can look at its next element without taking it, for merge joins.
struct PeekableCursor<Base: Cursor> {
    private var base: Base
    private var peeked: Base.Element?

    init(_ base: Base) { self.base = base }

    /// Takes the run of elements whose key equals `key`, skipping any with smaller keys.
    mutating func take(while key: (Base.Element) -> String, equals wanted: String) throws -> [Base.Element] {
        var run: [Base.Element] = []
        while true {
            if peeked == nil { peeked = try base.next() }
            guard let element = peeked else { return run }
            let k = key(element)
            if k < wanted { peeked = nil; continue }
            if k > wanted { return run }
            run.append(element)
            peeked = nil
        }
    }
}

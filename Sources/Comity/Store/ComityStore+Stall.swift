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
        /// The highest level the reader may see: requests above it are withheld.
        public var clearance: Classification
        /// Only what had been recorded by the end of this day, with later corrections undone
        /// (a report "as recorded"); nil for everything on record.
        public var recordedBy: CalendarDate?
        /// Look at the withheld requests instead, only to count them.
        var selectsWithheld = false
        /// Only references from this one on (a chunk of a larger query).
        var referencesFrom: String?
        /// Only references before this one (a chunk of a larger query).
        var referencesBelow: String?
        /// The references the scope may hold, when the caller has read them already (a chunk of a
        /// larger query, cut from its list): the scope's own query of them is not run again.
        var candidates: ArraySlice<String>?

        public init(asOf: CalendarDate, counterpart: String? = nil, caseID: String? = nil, includeNotStalled: Bool = false,
                    engagement: Engagement? = nil, clearance: Classification = .secret, recordedBy: CalendarDate? = nil) {
            self.asOf = asOf
            self.recordedBy = recordedBy
            self.clearance = clearance
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

    /// Streams assessments to `body`, in reference order, without holding the world in memory.
    public func forEachAssessment(_ scope: StallScope, _ body: (Assessment) throws -> Void) throws(ComityError) {
        _ = try streamAssessments(scope, transform: { $0 }, body: body)
    }

    /// Streams what `transform` makes of each assessment to `body`, in reference order.
    /// `transform` may run on other threads, alongside the queries; `body` runs on this one.
    public func forEachAssessment<T: Sendable>(
        _ scope: StallScope, map transform: @escaping @Sendable (Assessment) throws -> T, _ body: (T) throws -> Void
    ) throws(ComityError) {
        _ = try streamAssessments(scope, transform: transform, body: body)
    }

    static func forEachAssessment(_ db: Database, _ scope: StallScope, context: StallContext? = nil, _ body: (Assessment) throws -> Void) throws {
            if let counterpart = scope.counterpart { _ = try Self.party(db, counterpart) }
            if let caseID = scope.caseID { _ = try Self.caseFile(db, caseID) }
            try Self.refuseUnknownStates(db, scope)
            let context = try context ?? StallContext(db, asOf: scope.asOf, recordedBy: scope.recordedBy)
            let view = context.view
            let (filter, arguments, inScope, inScopeArguments) = try Self.scopeFilter(db, scope, view: view)
            // Start from the list of requests the scope may hold, each found by its key: the
            // planner, without statistics, would otherwise read every request of a counterpart.
            // The list is searched in the key's order, so the rows come out in it as they are
            // read, with no sort of them all before the first (as joining the list itself would need).
            // `a` is the counterpart's authority: the one a request went to, or came from.
            let requestsAndAuthorities = "request r CROSS JOIN authority a ON a.id = \(Self.counterpartAuthoritySQL(ours: context.ours))"
            // Everything but the items of assistance, which no assessment needs, then the
            // authority it went to and its case, each in its table's column order.
            let requests = try ColumnCursor(db.cachedStatement(sql: """
                SELECT \(Self.stallRequestColumns) FROM \(requestsAndAuthorities) JOIN case_file c INDEXED BY case_stall ON c.id = r.case_id
                WHERE r.reference IN (\(inScope)) AND \(filter) ORDER BY r.reference
                """), arguments: inScopeArguments + arguments) { c in
                    let authority = c.reader(Authority.self, from: Request.columnCount)
                    let caseFile = c.reader(Case.self, from: Request.columnCount + Authority.columnCount)
                    return (try Request(c), StallRow(
                        counterpartAuthority: try authority.string(.id),
                        counterpart: try authority.string(.party), counterpartAuthorityName: try authority.string(.name),
                        caseTitle: try caseFile.string(.title), caseLimitation: try caseFile.optionalDate(.limitation_date),
                        caseClassification: try caseFile.value(.classification)))
                }
            // Only the columns the engine reads, all in the index `reply_stall`: the summary and
            // grounds of a reply never change whether or why a request is stalled. A date that is
            // not a date is read too, so its reply is reported as damaged, not left out.
            var replies = PeekableCursor(try Reply.cursor(db.cachedStatement(sql: """
                SELECT \(Self.stallReplyColumns) FROM reply
                WHERE (date <= ? OR \(Self.notADate("date"))) AND request_ref IN (\(inScope))\(view == nil ? "" : " AND " + RecordedView.replyRecorded)
                ORDER BY request_ref, date, id
                """), arguments: [scope.asOf] + inScopeArguments + (view.map { [$0.date] } ?? [])))
            var moves = PeekableCursor(try ColumnCursor(db.cachedStatement(sql: """
                SELECT \(Self.stallMoveColumns) FROM event INDEXED BY event_request_moves
                WHERE subject_type = 'request' AND action = 'moved' AND (date <= ? OR \(Self.notADate("date")))
                AND subject_id IN (\(inScope))\(view == nil ? "" : " AND " + RecordedView.moveRecorded) ORDER BY subject_id, id
                """), arguments: [scope.asOf] + inScopeArguments + (view.map { [$0.date] } ?? [])) { row in
                    let e = row.reader(Event.self)
                    return (try e.string(.subject_id), Dossier.Move(date: try e.date(.date), from: try e.optionalValue(.from_state), to: try e.value(.to_state)))
                })
            var followUps = PeekableCursor(try FollowUp.cursor(db.cachedStatement(sql: """
                SELECT \(FollowUp.selectList()) FROM follow_up
                WHERE (date <= ? OR \(Self.notADate("date"))) AND request_ref IN (\(inScope))\(view == nil ? "" : " AND " + RecordedView.followUpRecorded)
                ORDER BY request_ref, date, id
                """), arguments: [scope.asOf] + inScopeArguments + (view.map { [$0.date, $0.date] } ?? [])))
            var meetings = PeekableCursor(try ColumnCursor(db.cachedStatement(sql: """
                \(Self.stallOutcomeSQL)
                WHERE (o.date <= ? OR \(Self.notADate("o.date"))) AND o.request_ref IN (\(inScope))\(view == nil ? "" : " AND " + Self.outcomeRecorded)
                ORDER BY o.request_ref, o.date, o.id
                """), arguments: [scope.asOf] + inScopeArguments + (view.map { [$0.date] } ?? [])) { c in
                    let outcome = try EngagementOutcome(c)
                    return MeetingRecord(outcome: outcome, engagement: try Engagement(c.reader(Engagement.self, from: EngagementOutcome.columnCount)))
                })

            while let (request, row) = try requests.next() {
                let ref = request.reference
                let incoming = row.counterpartAuthority != request.toAuthority
                var dossier = Dossier(
                    request: request,
                    caseTitle: row.caseTitle,
                    caseLimitation: row.caseLimitation,
                    caseClassification: row.caseClassification,
                    counterpart: try context.party(row.counterpart),
                    toAuthorityName: incoming ? try context.authorityName(request.toAuthority) : row.counterpartAuthorityName,
                    fromAuthorityName: try context.authorityName(request.fromAuthority),
                    basisName: try request.basisID.flatMap { try context.basis($0)?.instrument },
                    basisPeriod: try request.basisID.flatMap { try context.basis($0)?.period },
                    replies: try replies.take(while: { $0.requestReference }, equals: ref),
                    moves: try moves.take(while: { $0.0 }, equals: ref).map(\.1),
                    followUps: try followUps.take(while: { $0.requestReference }, equals: ref),
                    meetings: try meetings.take(while: { $0.outcome.requestReference }, equals: ref),
                    direction: incoming ? .incoming : .outgoing)
                if let view, view.correctedRequests.contains(ref) {
                    // Its values as recorded may put it outside the scope, or above the clearance.
                    let recorded = try Self.recorded(dossier, caseID: request.caseID, asOf: scope.asOf, view: view, context: context, db: db)
                    guard Self.fits(recorded, scope) else { continue }
                    dossier = recorded
                }
                let counterpart = dossier.counterpart.code
                // The clocks count the working days of the state that owes the answer: the counterpart's, or ours.
                let requested = incoming ? context.ours ?? counterpart : counterpart
                var settings = try context.settings(request.channel)
                if scope.engagement != nil { settings.lookaheadDays = Int.max / 2 }
                guard let assessment = StallEngine.assess(
                    dossier, asOf: scope.asOf, settings: settings, calendar: try context.calendar(requested),
                    engagements: try scope.engagement.map { [$0] } ?? context.upcomingEngagements(counterpart))
                else { continue }
                if assessment.isStalled || scope.includeNotStalled { try body(assessment) }
            }
    }

    /// The classification levels above `clearance`, as an SQL list of literals (from the enum, never from input).
    static func levelsAbove(_ clearance: Classification) -> String? {
        let above = Classification.allCases.filter { $0 > clearance }
        return above.isEmpty ? nil : above.map { "'\($0.rawValue)'" }.joined(separator: ",")
    }

    /// True for a request `r` the reader may not see: the request, its case, or a reply received by
    /// the as-of date (the one argument) is above `clearance`. Nil when nothing is above it, so a
    /// fully cleared reader's query stays as it was.
    static func withheldCondition(_ clearance: Classification) -> String? {
        guard let above = levelsAbove(clearance) else { return nil }
        return """
            (r.classification IN (\(above))
             OR EXISTS (SELECT 1 FROM case_file wc WHERE wc.id = r.case_id AND wc.classification IN (\(above)))
             OR EXISTS (SELECT 1 FROM reply wr WHERE wr.request_ref = r.reference AND wr.date <= ? AND wr.classification IN (\(above))))
            """
    }

    /// How many requests a scope would have shown (stalled ones, or every outstanding one for a
    /// brief) but withholds for its clearance. They are assessed only to be counted, never shown.
    static func withheldCount(_ db: Database, _ scope: StallScope, context: StallContext? = nil) throws -> Int {
        guard levelsAbove(scope.clearance) != nil else { return 0 }
        var hidden = scope
        hidden.selectsWithheld = true
        var count = 0
        try forEachAssessment(db, hidden, context: context) { _ in count += 1 }
        return count
    }

    /// Whether one request is withheld for `clearance` as of a date, whatever its state; with no
    /// date, every reply on record counts (a record read shows them all, whatever the date).
    static func isWithheld(_ db: Database, _ reference: String, asOf: CalendarDate?, clearance: Classification) throws -> Bool {
        guard let withheld = withheldCondition(clearance) else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM request r WHERE r.reference = ? AND \(withheld))",
                                 arguments: [reference, asOf?.iso ?? "9999-12-31"]) ?? false
    }

    /// A request a clerk cleared to `clearance` may change: one above it (by itself, its case or
    /// any reply on record) is refused by its reference alone, before any of its facts is weighed.
    static func requireWritable(_ db: Database, _ reference: String, clearance: Classification) throws -> Request {
        let found = try request(db, reference)
        try requireCleared(db, reference, asOf: nil, clearance: clearance)
        return found
    }

    /// Refuses a new record classified above the clerk's clearance: they could not see it once recorded.
    static func requireRecordable(_ kind: String, _ classification: Classification, clearance: Classification) throws(ValidationFailure) {
        guard classification > clearance else { return }
        throw ValidationFailure("\(article(classification.rawValue)) \(classification.rawValue) \(kind) cannot be recorded with \(article(clearance.rawValue)) \(clearance.rawValue) clearance; ask a colleague cleared for it")
    }

    /// The refusal of a record above the reader's clearance, naming only the id they gave.
    static func aboveClearance(_ kind: String, _ id: String, _ clearance: Classification) -> ValidationFailure {
        ValidationFailure("\(kind) \(id) is classified above your clearance (\(clearance.rawValue)); ask a colleague cleared for it")
    }

    /// Whether a case is classified above `clearance`; false for an id that is no case.
    static func isCaseAbove(_ db: Database, _ id: String, clearance: Classification) throws -> Bool {
        guard let above = levelsAbove(clearance) else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_file WHERE id = ? AND classification IN (\(above)))", arguments: [id]) ?? false
    }

    /// Refuses one request the reader is not cleared for, naming only the reference they gave.
    static func requireCleared(_ db: Database, _ reference: String, asOf: CalendarDate?, clearance: Classification) throws {
        if try isWithheld(db, reference, asOf: asOf, clearance: clearance) {
            throw aboveClearance("request", reference, clearance)
        }
    }
}

/// Damaged rows in a stall query: a filter on a damaged value must keep the row, for its reader
/// to refuse, rather than leave a request or a reply out of a report without a word.
extension ComityStore {
    /// The request, the authority it went to and its case, as the stall query reads them.
    static let stallRequestColumns = Request.selectList(from: "r", replacing: [.items: "'[]'"]) + ", "
        + Authority.selectList(from: "a", only: [.id, .party, .name]) + ", "
        + Case.selectList(from: "c", only: [.id, .title, .limitation_date, .classification])

    /// The columns of a reply the stall engine reads, all in the index `reply_stall`.
    static let stallReplyColumns = Reply.selectList(replacing: [.from_authority: "NULL", .summary: "''", .refusal_grounds: "'[]'"])

    /// The columns of a move, all in the index `event_request_moves`.
    static let stallMoveColumns = Event.selectList(only: [.id, .subject_id, .date, .from_state, .to_state])

    /// SQL that is true for a value of `column` that is not a date Comity reads: SQLite's
    /// `date()` gives NULL, or another text, for anything but a real date written YYYY-MM-DD
    /// (the modifier makes it carry 2011-02-30 over to March, which it otherwise leaves as it is).
    /// False for NULL, which a filter on dates handles itself.
    static func notADate(_ column: String) -> String {
        let years = CalendarDate.supportedYears
        return "(date(\(column), '+0 days') IS NOT \(column) OR \(column) NOT BETWEEN '\(years.lowerBound)-01-01' AND '\(years.upperBound)-12-31')"
    }

    /// Refuses a stall query over a request whose state is not one Comity knows: queries pick
    /// requests by their open states, so it would drop out of the report unseen. The states
    /// stored are read from the index one distinct value at a time, a probe each, so a sound
    /// store pays about fifteen look-ups; only an unknown state costs a search of the scope.
    static func refuseUnknownStates(_ db: Database, _ scope: StallScope) throws {
        let next = try db.cachedStatement(sql: "SELECT state FROM request INDEXED BY request_state WHERE state > ? ORDER BY state LIMIT 1")
        var state = try DatabaseValue.fetchOne(
            db.cachedStatement(sql: "SELECT state FROM request INDEXED BY request_state ORDER BY state LIMIT 1")) ?? .null
        while !state.isNull {
            var known = false
            if case .string(let text) = state.storage { known = RequestState(rawValue: text) != nil }
            if !known {
                let (narrow, arguments) = narrowFilter(scope)
                let from = scope.counterpart == nil ? "request r" : "request r JOIN authority a ON a.id = \(counterpartAuthoritySQL(ours: try ourState(db)))"
                // The request's own decoder refuses it, in the same words as anywhere else.
                _ = try Request.cursor(
                    db.makeStatement(sql: "SELECT \(Request.selectList(from: "r")) FROM \(from) WHERE r.state = ?\(narrow) ORDER BY r.reference LIMIT 1"),
                    arguments: [state] + arguments
                ).next()
            }
            state = try DatabaseValue.fetchOne(next, arguments: [state]) ?? .null
        }
    }

    /// The latest date of the events `condition` selects (through `index`), read as text: a
    /// latest date that is not a date is refused as the damaged event it belongs to.
    static func lastEventDate(_ db: Database, index: String? = nil, where condition: String, arguments: StatementArguments = []) throws -> CalendarDate? {
        let indexed = index.map { " INDEXED BY \($0)" } ?? ""
        let latest = try DatabaseValue.fetchOne(
            db.cachedStatement(sql: "SELECT max(date) FROM event\(indexed) WHERE \(condition)"), arguments: arguments) ?? .null
        if latest.isNull { return nil }
        if case .string(let text) = latest.storage, let date = try? CalendarDate(iso: text) { return date }
        let event = try Event.cursor(
            db.makeStatement(sql: "SELECT \(Event.selectList()) FROM event WHERE \(condition) AND date = ? ORDER BY id LIMIT 1"),
            arguments: arguments + [latest]
        ).next()
        return event?.date
    }
}

/// The facts a stall query joins to each request: the counterpart's authority and the case it serves.
private struct StallRow {
    var counterpartAuthority: String
    var counterpart: String
    var counterpartAuthorityName: String
    var caseTitle: String
    var caseLimitation: CalendarDate?
    var caseClassification: Classification
}

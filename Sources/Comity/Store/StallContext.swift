import GRDB

/// Look-up tables filled as a stall query needs them, so assessing one request reads only
/// what that request refers to, and a whole-world report reads each party once.
final class StallContext {
    struct BasisInfo { var instrument: String; var period: Period? }

    private let db: Database
    private let asOf: CalendarDate
    /// What had been recorded by a day, when the query is "as recorded" and anything came later.
    let view: RecordedView?
    /// The desk's own state; nil when none is recorded (then every request goes out).
    let ours: String?
    var parties: [String: Party] = [:]
    var authorityNames: [String: String] = [:]
    var bases: [String: BasisInfo?] = [:]
    var settings: [Channel: StallSettings] = [:]
    var engagements: [String: [Engagement]] = [:]
    var calendars: [String: HolidayCalendar] = [:]
    private let engagementStatement: Statement

    init(_ db: Database, asOf: CalendarDate, recordedBy: CalendarDate? = nil) throws {
        self.db = db
        self.asOf = asOf
        ours = try ComityStore.ourState(db)
        view = try recordedBy.map { try RecordedView.load(db, by: $0) }.flatMap { $0.anythingLater ? $0 : nil }
        engagementStatement = try db.cachedStatement(
            sql: "SELECT * FROM engagement WHERE counterpart = ? AND end_date >= ? ORDER BY start_date, id")
    }

    /// The value for `key` in the cache at `path`, loaded once.
    private func cached<K: Hashable, V>(_ path: ReferenceWritableKeyPath<StallContext, [K: V]>, _ key: K, _ load: () throws -> V) rethrows -> V {
        if let value = self[keyPath: path][key] { return value }
        let value = try load()
        self[keyPath: path][key] = value
        return value
    }

    func party(_ code: String) throws -> Party {
        try cached(\.parties, code) {
            try Party.fetchOne(db.cachedStatement(sql: "SELECT * FROM party WHERE code = ?"), arguments: [code])
                .map { try view.recorded($0, "party", code) } ?? Party(code: code, name: code, formalName: code)
        }
    }

    func authorityName(_ id: String) throws -> String {
        if let view, view.isCorrected("authority", id) { return try authority(id).name }
        return try cached(\.authorityNames, id) {
            try ColumnCursor(
                db.cachedStatement(sql: "SELECT \(Authority.selectList(only: [.id, .name])) FROM authority WHERE id = ?"), arguments: [id]
            ) { row in try row.reader(Authority.self).string(.name) }.next() ?? id
        }
    }

    func basis(_ id: String) throws -> BasisInfo? {
        try cached(\.bases, id) {
            // The basis's own decoder, so its period is checked as everywhere else; its parties are not needed.
            try LegalBasis.cursor(db.cachedStatement(sql: "SELECT \(LegalBasis.selectList()) FROM legal_basis WHERE id = ?"), arguments: [id])
                .next().map { try view.recorded($0, db) }.map { BasisInfo(instrument: $0.instrument, period: $0.responsePeriod) }
        }
    }

    func settings(_ channel: Channel) throws -> StallSettings {
        try cached(\.settings, channel) { try ComityStore.settings(db, for: channel) }
    }

    /// Engagements with `counterpart` not yet over on the as-of date.
    func upcomingEngagements(_ counterpart: String) throws -> [Engagement] {
        try cached(\.engagements, counterpart) {
            guard let view else { return try Engagement.fetchAll(engagementStatement, arguments: [counterpart, asOf]) }
            // As recorded: engagements recorded by the day, on the dates they then had.
            return try Engagement.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM engagement g WHERE counterpart = ? AND NOT EXISTS (SELECT 1 FROM event e INDEXED BY event_created
                    WHERE e.subject_id = g.id AND e.subject_type = 'engagement' AND e.action = 'created' AND e.recorded_on > ?)
                """), arguments: [counterpart, view.date])
                .map { try view.recorded($0, "engagement", $0.id) }
                .filter { $0.endDate >= asOf }
                .sorted { ($0.startDate, $0.id) < ($1.startDate, $1.id) }
        }
    }

    /// An authority, as recorded when the query is "as recorded".
    func authority(_ id: String) throws -> Authority {
        try view.recorded(ComityStore.authority(db, id), "authority", id)
    }

    func calendar(_ party: String) throws -> HolidayCalendar {
        try cached(\.calendars, party) { try ComityStore.holidayCalendar(db, for: party) }
    }
}

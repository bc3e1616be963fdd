import GRDB

/// Look-up tables filled as a stall query needs them, so assessing one request reads only
/// what that request refers to, and a whole-world report reads each party once.
final class StallContext {
    struct BasisInfo { var instrument: String; var period: Period? }

    private let db: Database
    private let asOf: CalendarDate
    var parties: [String: Party] = [:]
    var authorityNames: [String: String] = [:]
    var bases: [String: BasisInfo?] = [:]
    var settings: [Channel: StallSettings] = [:]
    var engagements: [String: [Engagement]] = [:]
    var calendars: [String: HolidayCalendar] = [:]
    private let engagementStatement: Statement

    init(_ db: Database, asOf: CalendarDate) throws {
        self.db = db
        self.asOf = asOf
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
                ?? Party(code: code, name: code, formalName: code)
        }
    }

    func authorityName(_ id: String) throws -> String {
        try cached(\.authorityNames, id) {
            try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM authority WHERE id = ?"), arguments: [id]) ?? id
        }
    }

    func basis(_ id: String) throws -> BasisInfo? {
        try cached(\.bases, id) {
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT instrument, response_days, response_unit FROM legal_basis WHERE id = ?"), arguments: [id]
            ).map { row in
                let days: Int? = row["response_days"]
                let unit: PeriodUnit? = row["response_unit"]
                return BasisInfo(instrument: row["instrument"], period: days.map { Period(days: $0, unit: unit ?? .calendar) })
            }
        }
    }

    func settings(_ channel: Channel) throws -> StallSettings {
        try cached(\.settings, channel) { try ComityStore.settings(db, for: channel) }
    }

    /// Engagements with `counterpart` not yet over on the as-of date.
    func upcomingEngagements(_ counterpart: String) throws -> [Engagement] {
        try cached(\.engagements, counterpart) { try Engagement.fetchAll(engagementStatement, arguments: [counterpart, asOf]) }
    }

    func calendar(_ party: String) throws -> HolidayCalendar {
        try cached(\.calendars, party) { try ComityStore.holidayCalendar(db, for: party) }
    }
}

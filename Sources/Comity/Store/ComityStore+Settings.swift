import GRDB

/// Stall thresholds per channel, and states' holiday calendars.
extension ComityStore {

    /// The thresholds in force for `channel`: defaults, then settings for every channel, then the channel's own.
    public func settings(for channel: Channel?) throws(ComityError) -> StallSettings {
        try read { db in try Self.settings(db, for: channel) }
    }

    static func settings(_ db: Database, for channel: Channel?) throws -> StallSettings {
        var settings = StallSettings.defaults(for: channel)
        let rows = try StoredSetting.cursor(
            db.cachedStatement(sql: """
                SELECT \(StoredSetting.selectList()) FROM setting WHERE (channel = '*' OR channel = ?) AND key NOT IN ('\(clearanceKey)', '\(StoredSetting.ourStateKey)')
                ORDER BY channel = '*' DESC
                """),
            arguments: [channel?.rawValue ?? "*"])
        // Each row was checked as it was read, so it applies.
        while let row = try rows.next() { try settings.apply(key: row.key, value: row.value) }
        return settings
    }

    public func storedSettings() throws(ComityError) -> [StoredSetting] {
        try read { db in
            try Array(StoredSetting.cursor(db.makeStatement(sql: "SELECT \(StoredSetting.selectList()) FROM setting ORDER BY channel, key")))
        }
    }

    /// Sets a threshold for one channel (or all, with nil), recording the change in the history.
    /// The key `clearance` sets the default clearance, which holds for every channel.
    public func setSetting(_ key: String, to value: String, channel: Channel?, by clerk: Clerk) throws(ComityError) {
        let canonical: String
        if key == Self.clearanceKey {
            if channel != nil { throw .invalid("the clearance applies to every channel; leave out --channel") }
            canonical = try checked { () throws(ValidationFailure) in try Classification.parse(value, field: "clearance level") }.rawValue
        } else if key == StoredSetting.ourStateKey {
            if channel != nil { throw .invalid("the desk's state applies to every channel; leave out --channel") }
            canonical = try checked { () throws(ValidationFailure) in try Party.validCode(value) }
        } else {
            var probe = StallSettings.defaults(for: channel)
            try checked { () throws(ValidationFailure) in try probe.apply(key: key, value: value) }
            canonical = probe.value(of: key)
        }
        let scope = channel?.rawValue ?? "*"
        try checked { () throws(ValidationFailure) in try StoredSetting(channel: scope, key: key, value: canonical).validate() }
        try write { db in
            if key == StoredSetting.ourStateKey, let first = try Self.checkDirection(db, ourState: canonical).first {
                throw ComityError.invalid("this desk cannot be \(canonical)'s: \(first.dropFirst("direction: ".count)); record cases and requests of one state only")
            }
            let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE channel = ? AND key = ?", arguments: [scope, key])
            try db.execute(
                sql: "INSERT INTO setting (channel, key, value) VALUES (?, ?, ?) ON CONFLICT (channel, key) DO UPDATE SET value = excluded.value",
                arguments: [scope, key, canonical])
            try Self.log(db, .settings, "settings", .settings, on: clerk.today, by: clerk,
                         note: "\(key) for \(scope == "*" ? "every channel" : scope): \(old ?? "default") → \(canonical)")
        }
    }

    /// The settings key of the default clearance, stored for every channel.
    public static let clearanceKey = StoredSetting.clearanceKey

    /// The database's default clearance, or nil when none is set. A stored value that is not
    /// exactly a level Comity knows is a damaged setting and stops the command: a clearance
    /// never fails open.
    func storedClearance() throws(ComityError) -> Classification? {
        try read { db in try Self.storedClearance(db) }
    }

    static func storedClearance(_ db: Database) throws -> Classification? {
        // Read through the setting's decoder, which refuses any value but a known level.
        try StoredSetting.cursor(
            db.makeStatement(sql: "SELECT \(StoredSetting.selectList()) FROM setting WHERE channel = '*' AND key = ?"),
            arguments: [clearanceKey]
        ).next().flatMap { Classification(rawValue: $0.value) }
    }

    /// The clearance documents are produced for when none is given: the stored setting, else
    /// `secret` (nothing withheld), so a database kept by one clerk works as it always did.
    func defaultClearance() throws(ComityError) -> Classification {
        try storedClearance() ?? .secret
    }

    /// Removes a stored threshold so the default applies again.
    public func unsetSetting(_ key: String, channel: Channel?, by clerk: Clerk) throws(ComityError) {
        let scope = channel?.rawValue ?? "*"
        try write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE channel = ? AND key = ?", arguments: [scope, key]) else {
                throw ComityError.notFound(kind: "setting", id: "\(key) for \(scope)", hint: "see 'comity settings list'")
            }
            try db.execute(sql: "DELETE FROM setting WHERE channel = ? AND key = ?", arguments: [scope, key])
            try Self.log(db, .settings, "settings", .settings, on: clerk.today, by: clerk,
                         note: "\(key) for \(scope == "*" ? "every channel" : scope): \(old) → default")
        }
    }

    /// Stores holidays and make-up working days of a state, replacing entries on the same dates.
    @discardableResult
    public func importHolidays(_ entries: [HolidayEntry], party code: String, source: String, by clerk: Clerk) throws(ComityError) -> Int {
        let party = try checked { () throws(ValidationFailure) in try Party.validCode(code) }
        let source = ExportRecord.shown(source)
        guard !entries.isEmpty else { throw .invalid("\(source) holds no holidays; check the file") }
        for entry in entries {
            if let failure = entry.problems().first { throw .invalid("\(source): \(failure.message)") }
        }
        return try write { db in
            var known = DatabaseLookup(db: db)
            try RecordRules.checkHolidays(of: party, in: &known)
            for entry in entries {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO holiday (party, date, name, working_day) VALUES (?, ?, ?, ?)",
                    arguments: [party, entry.date, entry.name, entry.isWorkingDay])
            }
            let years = Set(entries.map(\.date.year)).sorted()
            let span = years.count > 1 ? "\(years.first!)–\(years.last!)" : "\(years.first!)"
            try Self.log(db, .holidays, party, .created, on: clerk.today, by: clerk,
                         note: "imported \(entries.count) entries for \(span) from \(source)")
            return entries.count
        }
    }

    /// A state's working-day calendar: Japan's by rule, others as imported; imported entries win.
    public func holidayCalendar(for party: String) throws(ComityError) -> HolidayCalendar {
        try read { db in try Self.holidayCalendar(db, for: party) }
    }

    static func holidayCalendar(_ db: Database, for party: String) throws -> HolidayCalendar {
        var calendar = try HolidayCalendar.builtIn(for: party) ?? HolidayCalendar(party: party)
        let entries = try HolidayEntry.cursor(
            db.cachedStatement(sql: "SELECT \(HolidayEntry.selectList()) FROM holiday WHERE party = ?"), arguments: [party])
        while let entry = try entries.next() { calendar.set(entry) }
        return calendar
    }

    /// Stored holiday entries of a state, by date.
    public func holidayEntries(party: String) throws(ComityError) -> [HolidayEntry] {
        try read { db in
            try Array(HolidayEntry.cursor(
                db.makeStatement(sql: "SELECT \(HolidayEntry.selectList()) FROM holiday WHERE party = ? ORDER BY date"), arguments: [party.uppercased()]))
        }
    }
}

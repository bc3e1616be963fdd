/// Stall thresholds, the default clearance and holiday calendars.
extension Desk {
    /// The thresholds in force for a channel (nil: every channel).
    public func settings(for channel: Channel?) throws(ComityError) -> StallSettings {
        try store.settings(for: channel)
    }

    /// The settings stored, by channel and key.
    public func storedSettings() throws(ComityError) -> [StoredSetting] {
        try store.storedSettings()
    }

    /// The database's default clearance, nil when none is set.
    public func clearanceSetting() throws(ComityError) -> Classification? {
        try store.storedClearance()
    }

    /// Sets a threshold, or with the key `clearance` the default clearance, which a clerk may
    /// set no higher than their own.
    public func setSetting(_ key: String, to value: String, channel: Channel?) throws(ComityError) {
        try require(.changeSettings)
        if key == ComityStore.clearanceKey, !repairing, let level = Classification(rawValue: value.lowercased()), level > clearance {
            throw .invalid("the default clearance cannot be set to \(level.rawValue) with \(article(clearance.rawValue)) \(clearance.rawValue) clearance; ask a colleague cleared for it")
        }
        try store.setSetting(key, to: value, channel: channel, by: clerk)
    }

    /// Removes a stored setting. Removing the default clearance lifts it to secret, which only a
    /// clerk cleared for secret may do.
    public func unsetSetting(_ key: String, channel: Channel?) throws(ComityError) {
        try require(.changeSettings)
        if key == ComityStore.clearanceKey, clearance < .secret {
            throw .invalid("removing the default clearance would clear everyone for secret; only a colleague cleared for secret may do it")
        }
        try store.unsetSetting(key, channel: channel, by: clerk)
    }

    /// The settings key of the default clearance.
    public static let clearanceKey = ComityStore.clearanceKey

    /// The settings key of the desk's own state.
    public static let ourStateKey = StoredSetting.ourStateKey

    /// The state whose desk this database is, nil when none is recorded.
    public func ourState() throws(ComityError) -> String? {
        try store.ourState()
    }

    @discardableResult
    public func importHolidays(_ entries: [HolidayEntry], party code: String, source: String) throws(ComityError) -> Int {
        try require(.changeSettings)
        return try store.importHolidays(entries, party: code, source: source, by: clerk)
    }

    /// A state's working-day calendar: Japan's by rule, others as imported.
    public func holidayCalendar(for party: String) throws(ComityError) -> HolidayCalendar {
        try store.holidayCalendar(for: party)
    }

    public func holidayEntries(party: String) throws(ComityError) -> [HolidayEntry] {
        try store.holidayEntries(party: party)
    }
}

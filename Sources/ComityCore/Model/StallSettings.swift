/// Thresholds of the stall engine, per channel, with documented defaults.
///
/// | key | default | meaning |
/// | --- | --- | --- |
/// | response-period | 30 calendar (24-7-network: 7 calendar) | response clock when the legal basis sets none |
/// | no-ack-days | 21 (24-7-network: 3) | days without any reply before "no acknowledgement" |
/// | ack-only-days | 45 | days after a bare acknowledgement before "acknowledged only" |
/// | non-committal-days | 30 | days after a non-committal reply before "non-committal" |
/// | premise-days | 0 | days after a rejection of the premise before "premise rejected" |
/// | supplement-days | 30 | days a supplement request may wait on us before "supplement loop" |
/// | postponed-days | 60 | days a postponement may last before "postponed" |
/// | follow-up-days | 30 | interval of the follow-up clock |
/// | lookahead-days | 60 | how far ahead an engagement is worth preparing for |
/// | hard-limit-days | 90 | warning before a limitation date or preservation expiry |
public struct StallSettings: Hashable, Codable, Sendable {
    public var responsePeriod: Period
    public var noAckDays: Int
    public var ackOnlyDays: Int
    public var nonCommittalDays: Int
    public var premiseDays: Int
    public var supplementDays: Int
    public var postponedDays: Int
    public var followUpDays: Int
    public var lookaheadDays: Int
    public var hardLimitDays: Int

    /// The documented defaults for a channel.
    public static func defaults(for channel: Channel?) -> StallSettings {
        let fast = channel == .network247
        return StallSettings(
            responsePeriod: Period(days: fast ? 7 : 30, unit: .calendar), noAckDays: fast ? 3 : 21, ackOnlyDays: 45,
            nonCommittalDays: 30, premiseDays: 0, supplementDays: 30, postponedDays: 60, followUpDays: 30,
            lookaheadDays: 60, hardLimitDays: 90)
    }

    /// Every key `comity settings set` accepts.
    public static let keys = [
        "response-period", "no-ack-days", "ack-only-days", "non-committal-days", "premise-days", "supplement-days",
        "postponed-days", "follow-up-days", "lookahead-days", "hard-limit-days",
    ]

    /// Applies one stored setting, refusing unknown keys and bad values.
    public mutating func apply(key: String, value: String) throws(ValidationFailure) {
        if key == "response-period" {
            responsePeriod = try Period(parsing: value)
            return
        }
        guard Self.keys.contains(key) else {
            throw ValidationFailure("'\(printable(key))' is not a setting; use one of \(Self.keys.joined(separator: ", "))")
        }
        guard let days = Int(value), (0...3650).contains(days) else {
            throw ValidationFailure("\(key) must be a whole number of days from 0 to 3650, not '\(printable(value))'")
        }
        switch key {
        case "no-ack-days": noAckDays = days
        case "ack-only-days": ackOnlyDays = days
        case "non-committal-days": nonCommittalDays = days
        case "premise-days": premiseDays = days
        case "supplement-days": supplementDays = days
        case "postponed-days": postponedDays = days
        case "follow-up-days": followUpDays = days
        case "lookahead-days": lookaheadDays = days
        default: hardLimitDays = days
        }
    }

    /// The value of `key` as `comity settings list` prints it.
    public func value(of key: String) -> String {
        switch key {
        case "response-period": return "\(responsePeriod.days) \(responsePeriod.unit.rawValue)"
        case "no-ack-days": return String(noAckDays)
        case "ack-only-days": return String(ackOnlyDays)
        case "non-committal-days": return String(nonCommittalDays)
        case "premise-days": return String(premiseDays)
        case "supplement-days": return String(supplementDays)
        case "postponed-days": return String(postponedDays)
        case "follow-up-days": return String(followUpDays)
        case "lookahead-days": return String(lookaheadDays)
        default: return String(hardLimitDays)
        }
    }
}

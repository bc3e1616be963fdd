import Foundation

/// How a period's days are counted.
public enum PeriodUnit: String, Codable, Sendable, CaseIterable {
    /// Every day counts.
    case calendar
    /// Only working days of the requested state count: weekends and its holidays are skipped.
    case working
}

/// A response period such as "30 calendar days" or "20 working days".
public struct Period: Hashable, Codable, Sendable, CustomStringConvertible {
    public var days: Int
    public var unit: PeriodUnit

    public init(days: Int, unit: PeriodUnit) {
        self.days = days
        self.unit = unit
    }

    public var description: String { "\(days) \(unit.rawValue) day\(days == 1 ? "" : "s")" }

    /// Parses `30`, `30c`, `20w`, `30 calendar` or `20 working`.
    public init(parsing text: String) throws(ValidationFailure) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var digits = ""
        var rest = Substring(t)
        while let c = rest.first, c.isASCII, c.isNumber { digits.append(c); rest = rest.dropFirst() }
        let suffix = rest.trimmingCharacters(in: .whitespaces)
        let unit: PeriodUnit?
        switch suffix {
        case "", "c", "d", "calendar", "calendar days", "days": unit = .calendar
        case "w", "wd", "working", "working days": unit = .working
        default: unit = nil
        }
        guard let u = unit, let n = Int(digits), n > 0, n <= 3650 else {
            throw ValidationFailure("'\(printable(text))' is not a period; write a number of days from 1 to 3650 followed by 'calendar' or 'working', for example '30 calendar' or '20 working'")
        }
        self.init(days: n, unit: u)
    }
}

/// A due date together with the counting that produced it, so a clerk can check it by hand.
public struct DueDateComputation: Hashable, Sendable, Codable {
    public let start: CalendarDate
    public let period: Period
    /// The state whose calendar was used.
    public let party: String
    public let due: CalendarDate
    /// Days that counted towards the period (equals `period.days`).
    public let daysCounted: Int
    /// Saturdays and Sundays passed over (working-day periods only).
    public let skippedWeekendDays: Int
    /// Holidays passed over, in date order, including those that fell on a weekend (working-day periods only).
    public let skippedHolidays: [Holiday]
    /// Weekend dates that counted because the state works on them.
    public let countedMakeUpWorkingDays: [CalendarDate]
    /// Days inside a pause, which never count.
    public let pausedDays: Int
    /// Years the count passed through for which the calendar holds no holidays at all, so the due date may be too early.
    public let yearsWithoutHolidays: [Int]

    /// The counting convention, in one sentence.
    public var rule: String {
        switch period.unit {
        case .calendar:
            return "The start date is day 0 and the period ends \(period.days) calendar day\(period.days == 1 ? "" : "s") later; holidays and weekends count."
        case .working:
            return "The start date is day 0 and the period ends on the \(ordinal(period.days)) working day after it; weekends and holidays of \(party) are skipped and its make-up working days count."
        }
    }

    /// A sentence such as "20 working days of CN from 2011-09-30 (day 0): skipped 8 weekend days and 7 holidays (2011-10-01 National Day, …); due 2011-11-03".
    public var explanation: String {
        var text = period.unit == .working
            ? "\(period) of \(party) from \(start.iso) (day 0)"
            : "\(period) from \(start.iso) (day 0)"
        var notes: [String] = []
        if period.unit == .working {
            let weekend = "\(skippedWeekendDays) weekend day\(skippedWeekendDays == 1 ? "" : "s")"
            if skippedHolidays.isEmpty {
                notes.append("skipped \(weekend) and no holidays")
            } else {
                let names = skippedHolidays.map(\.description).joined(separator: ", ")
                notes.append("skipped \(weekend) and \(skippedHolidays.count) holiday\(skippedHolidays.count == 1 ? "" : "s") (\(names))")
            }
            if !countedMakeUpWorkingDays.isEmpty {
                let dates = countedMakeUpWorkingDays.map(\.iso).joined(separator: ", ")
                notes.append("counted \(countedMakeUpWorkingDays.count) make-up working day\(countedMakeUpWorkingDays.count == 1 ? "" : "s") (\(dates))")
            }
        }
        if pausedDays > 0 {
            notes.append("the clock was stopped for \(pausedDays) day\(pausedDays == 1 ? "" : "s")")
        }
        if !notes.isEmpty { text += ": " + notes.joined(separator: "; ") }
        text += "; due \(due.iso)"
        if !yearsWithoutHolidays.isEmpty {
            let years = yearsWithoutHolidays.map(String.init).joined(separator: ", ")
            text += ". No holidays of \(party) are on record for \(years); import them and recompute, or the due date may be too early"
        }
        return text
    }
}

private func ordinal(_ n: Int) -> String {
    let suffix: String
    switch (n % 10, n % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(n)\(suffix)"
}

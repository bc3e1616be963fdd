/// Period arithmetic for response deadlines, with a record of every day it skipped.
///
/// Convention (as Alaveteli): the start date is day 0. N calendar days are due
/// on start + N. N working days are due on the Nth working day after the start:
/// weekends and holidays are skipped and make-up working days count. Days inside
/// a pause (a stopped clock, half-open `[from, until)`) never count.
///
///     let c = try DueDateCalculator.due(start: sent, period: Period(days: 20, unit: .working), calendar: .japan())
///     c.explanation   // "20 working days of JP from … (day 0): skipped …; due …"
public enum DueDateCalculator {
    /// The date a period ends, and why.
    ///
    /// Throws when the period is negative or the count would run past the years Comity accepts.
    public static func due(
        start: CalendarDate,
        period: Period,
        calendar: HolidayCalendar,
        pauses: [Range<CalendarDate>] = []
    ) throws(ValidationFailure) -> DueDateComputation {
        guard period.days >= 0 else {
            throw ValidationFailure("a period of \(period.days) days cannot be counted; give a number of days of 0 or more")
        }
        let limit = latestSupportedDay
        var day = start
        var counted = 0
        var weekendDays = 0
        var pausedDays = 0
        var skipped: [Holiday] = []
        var madeUp: [CalendarDate] = []
        func runsPast() -> ValidationFailure {
            ValidationFailure("counting \(period) from \(start.iso) runs past \(CalendarDate.supportedYears.upperBound); check the start date and the pauses")
        }
        if period.unit == .calendar && pauses.isEmpty {
            // Nothing to skip: the due date is a sum.
            guard start.dayNumber + period.days <= limit else { throw runsPast() }
            day = start.adding(days: period.days)
            counted = period.days
        }
        while counted < period.days {
            day = day.adding(days: 1)
            guard day.dayNumber <= limit else { throw runsPast() }
            if pauses.contains(where: { $0.contains(day) }) {
                pausedDays += 1
            } else if period.unit == .calendar {
                counted += 1
            } else if let holiday = calendar.holiday(on: day) {
                skipped.append(holiday)
            } else if day.isWeekend && calendar.makeUpWorkingDays[day] == nil {
                weekendDays += 1
            } else {
                if day.isWeekend { madeUp.append(day) }
                counted += 1
            }
        }
        let missing = period.unit == .working ? Set(start.year...day.year).subtracting(calendar.yearsWithHolidays).sorted() : []
        return DueDateComputation(
            start: start, period: period, party: calendar.party, due: day, daysCounted: counted,
            skippedWeekendDays: weekendDays, skippedHolidays: skipped, countedMakeUpWorkingDays: madeUp,
            pausedDays: pausedDays, yearsWithoutHolidays: missing
        )
    }

    /// Working days after `from` up to and including `to`, leaving out paused days.
    ///
    /// For "days elapsed" figures: a request sent on a Friday has 1 working day
    /// elapsed on the Monday. Negative when `to` is before `from`, so a deadline
    /// still ahead shows as days remaining.
    public static func workingDays(
        from: CalendarDate,
        to: CalendarDate,
        calendar: HolidayCalendar,
        pauses: [Range<CalendarDate>] = []
    ) -> Int {
        if to < from { return -workingDays(from: to, to: from, calendar: calendar, pauses: pauses) }
        var count = 0
        var day = from
        while day < to {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day) && !pauses.contains(where: { $0.contains(day) }) { count += 1 }
        }
        return count
    }

    /// A pause from `from` up to but not including `until`, refusing one that ends before it starts.
    public static func pause(from: CalendarDate, until: CalendarDate) throws(ValidationFailure) -> Range<CalendarDate> {
        guard from <= until else {
            throw ValidationFailure("the clock cannot restart on \(until.iso) before it stopped on \(from.iso); swap the two dates or correct one of them")
        }
        return from..<until
    }

    private static let latestSupportedDay: Int = {
        do { return try CalendarDate(year: CalendarDate.supportedYears.upperBound, month: 12, day: 31).dayNumber } catch {
            preconditionFailure("supportedYears ends on an impossible date: \(error)")
        }
    }()
}

import Foundation

/// The one kind of RRULE a holiday file needs: the same date every year (or every few years).
struct ICalendarYearlyRule {
    let interval: Int
    let count: Int?
    let until: CalendarDate?
    let month: Int?
    let monthDay: Int?
    let line: Int

    /// Reads `FREQ=YEARLY` with optional INTERVAL, COUNT or UNTIL; anything needing weekday arithmetic is refused.
    static func parse(_ p: ICalendarContentLine, problems: inout ICalendarProblems) -> ICalendarYearlyRule? {
        var parts: [String: String] = [:]
        for part in p.value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else {
                problems.add(p.line, "RRULE part '\(printable(String(part)))' is not KEY=VALUE; write the rule as FREQ=YEARLY;COUNT=10")
                return nil
            }
            parts[pair[0].uppercased()] = pair[1]
        }
        let rule = printable(p.value)
        guard parts["FREQ"]?.uppercased() == "YEARLY" else {
            problems.add(p.line, "RRULE '\(rule)' does not repeat yearly, and only FREQ=YEARLY can be imported; list each date as its own event")
            return nil
        }
        let known: Set = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "WKST"]
        if let other = parts.keys.sorted().first(where: { !known.contains($0) }) {
            problems.add(p.line, "RRULE '\(rule)' uses \(printable(other)), which Comity cannot expand; list each year's date as its own event")
            return nil
        }
        func positive(_ key: String) -> Int?? {
            guard let text = parts[key] else { return .some(nil) }
            guard let n = Int(text), n > 0 else {
                problems.add(p.line, "RRULE \(key) '\(printable(text))' must be a whole number above 0")
                return nil
            }
            return .some(n)
        }
        guard let interval = positive("INTERVAL"), let count = positive("COUNT"),
              let month = positive("BYMONTH"), let monthDay = positive("BYMONTHDAY") else { return nil }
        var until: CalendarDate?
        if let text = parts["UNTIL"] {
            guard count == nil else {
                problems.add(p.line, "RRULE '\(rule)' has both COUNT and UNTIL; keep only one")
                return nil
            }
            let value = ICalendarContentLine(name: "RRULE UNTIL", parameters: [:], value: text, line: p.line)
            guard let parsed = ICalendarDateValue.parse(value, problems: &problems) else { return nil }
            until = parsed.date
        }
        return ICalendarYearlyRule(interval: interval ?? 1, count: count, until: until, month: month, monthDay: monthDay, line: p.line)
    }

    /// Start dates of every occurrence, stopping at COUNT, UNTIL or the last year Comity accepts.
    func occurrences(from start: CalendarDate, problems: inout ICalendarProblems) -> [CalendarDate]? {
        // BYMONTH/BYMONTHDAY are accepted only when they repeat DTSTART, as many exporters write them.
        if (month.map { $0 != start.month } ?? false) || (monthDay.map { $0 != start.day } ?? false) {
            problems.add(line, "RRULE BYMONTH/BYMONTHDAY name a different day from DTSTART \(start.iso); make DTSTART the first occurrence or remove them")
            return nil
        }
        var dates: [CalendarDate] = []
        var year = start.year
        while year <= CalendarDate.supportedYears.upperBound {
            // A 29 February start recurs only in leap years (RFC 5545 skips invalid dates).
            if let date = try? CalendarDate(year: year, month: start.month, day: start.day) {
                if let until, date > until { break }
                dates.append(date)
                if let count, dates.count >= count { break }
            }
            // An interval past the last accepted year leaves one occurrence; adding it could overflow.
            guard interval <= CalendarDate.supportedYears.upperBound - year else { break }
            year += interval
        }
        return dates
    }
}

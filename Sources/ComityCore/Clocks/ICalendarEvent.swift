import Foundation

/// The properties of one VEVENT that matter for a holiday calendar, and their expansion to dates.
struct ICalendarEvent {
    /// Line of `BEGIN:VEVENT`.
    let line: Int
    private var start: ICalendarDateValue?
    private var end: ICalendarDateValue?
    private var durationDays: (days: Int, line: Int)?
    private var summary: String?
    private var categories: [String] = []
    private var workingFlag: Bool?
    private var recurrence: ICalendarYearlyRule?
    private var exceptions: Set<CalendarDate> = []
    private var cancelled = false
    private var seen: [String: Int] = [:]

    init(line: Int) { self.line = line }

    /// Takes in one property of the event, noting problems with it.
    mutating func record(_ p: ICalendarContentLine, problems: inout ICalendarProblems) {
        let once = ["DTSTART", "DTEND", "DURATION", "SUMMARY", "RRULE", "X-COMITY-WORKING-DAY", "STATUS"]
        if once.contains(p.name) {
            if let earlier = seen[p.name] {
                problems.add(p.line, "the event already has \(p.name) on line \(earlier); keep only one")
                return
            }
            seen[p.name] = p.line
        }
        switch p.name {
        case "DTSTART": start = ICalendarDateValue.parse(p, problems: &problems)
        case "DTEND": end = ICalendarDateValue.parse(p, problems: &problems)
        case "DURATION":
            if let days = Self.durationDays(p.value) { durationDays = (days, p.line) } else {
                problems.add(p.line, "DURATION '\(printable(p.value))' is not a whole number of days or weeks; write it as P1D, P3D or P1W")
            }
        case "SUMMARY":
            summary = ICalendarContentLine.unescape(p.value)[0]
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        case "CATEGORIES":
            categories += ICalendarContentLine.unescape(p.value, list: true)
        case "X-COMITY-WORKING-DAY":
            switch p.value.trimmingCharacters(in: .whitespaces).uppercased() {
            case "TRUE": workingFlag = true
            case "FALSE": workingFlag = false
            default: problems.add(p.line, "X-COMITY-WORKING-DAY '\(printable(p.value))' must be TRUE or FALSE")
            }
        case "RRULE": recurrence = ICalendarYearlyRule.parse(p, problems: &problems)
        case "EXDATE":
            for part in p.value.split(separator: ",") {
                let single = ICalendarContentLine(name: p.name, parameters: p.parameters, value: String(part), line: p.line)
                if let date = ICalendarDateValue.parse(single, problems: &problems) { exceptions.insert(date.date) }
            }
        case "RDATE":
            problems.add(p.line, "RDATE is not supported; give each extra date its own event")
        case "STATUS":
            cancelled = p.value.trimmingCharacters(in: .whitespaces).uppercased() == "CANCELLED"
        default:
            break  // UID, DTSTAMP, DESCRIPTION, TRANSP and the like do not change the calendar
        }
    }

    /// The dates the event covers and the row to make for each, or nil when it is cancelled or broken.
    func expand(problems: inout ICalendarProblems) -> (dates: [CalendarDate], entry: (name: String, isWorkingDay: Bool))? {
        guard !cancelled else { return nil }
        var ok = true
        if summary?.isEmpty ?? true {
            problems.add(line, "the event starting here has no SUMMARY; add a SUMMARY line naming the holiday")
            ok = false
        }
        guard let start else {
            if seen["DTSTART"] == nil { problems.add(line, "the event starting here has no DTSTART; add the date as DTSTART;VALUE=DATE:YYYYMMDD") }
            return nil
        }
        var days = 1
        if let end, let duration = durationDays {
            problems.add(duration.line, "the event has both DTEND (line \(end.line)) and DURATION; keep only one")
            ok = false
        } else if let end {
            // DTEND is exclusive; a DATE-TIME end after midnight still covers part of its own day.
            days = start.date.days(until: end.date) + (end.isMidnightOrDate ? 0 : 1)
            if days < 0 || (days == 0 && start.date != end.date) {
                problems.add(end.line, "DTEND \(end.date.iso) is before DTSTART \(start.date.iso); correct one of the two dates")
                ok = false
            }
            days = max(days, 1)
        } else if let duration = durationDays {
            days = max(duration.days, 1)
        }
        if days > 366 {
            problems.add(line, "the event lasts \(days) days, longer than any holiday; check its DTEND or DURATION")
            ok = false
        }
        guard ok, let name = summary else { return nil }
        var firsts = [start.date]
        if let rule = recurrence {
            guard let expanded = rule.occurrences(from: start.date, problems: &problems) else { return nil }
            firsts = expanded
        }
        var dates: [CalendarDate] = []
        for first in firsts where !exceptions.contains(first) {
            for offset in 0..<days { dates.append(first.adding(days: offset)) }
        }
        let labels = [name] + categories
        let working = workingFlag ?? labels.contains(where: ICalendarHolidayParser.marksWorkingDay)
        return (dates, (name, working))
    }

    /// Whole days in a DURATION such as P3D, P1W or P1DT0H (a partial day counts as a day).
    static func durationDays(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard t.hasPrefix("P") || t.hasPrefix("+P") else { return nil }
        var seconds = 0
        var number = ""
        var inTime = false
        for c in t.drop(while: { $0 != "P" }).dropFirst() {
            if c.isASCII, c.isNumber { number.append(c); continue }
            if c == "T" { inTime = true; continue }
            guard let n = Int(number), n <= 100_000 else { return nil }
            number = ""
            switch (c, inTime) {
            case ("W", false): seconds += n * 7 * 86_400
            case ("D", false): seconds += n * 86_400
            case ("H", true): seconds += n * 3_600
            case ("M", true): seconds += n * 60
            case ("S", true): seconds += n
            default: return nil
            }
        }
        guard number.isEmpty else { return nil }
        return (seconds + 86_399) / 86_400
    }
}

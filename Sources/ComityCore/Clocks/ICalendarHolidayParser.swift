import Foundation

/// Reads an iCalendar (RFC 5545) file of public holidays into holiday rows.
///
/// Each VEVENT becomes one row per date it covers: DTSTART to the exclusive
/// DTEND (or DURATION), repeated by a yearly RRULE if there is one. An event is
/// a make-up working day when its SUMMARY or CATEGORIES says so ("working day",
/// "workday", "make-up", "补班", "上班", "班") or it carries
/// `X-COMITY-WORKING-DAY:TRUE`. Every problem in the file is reported at once.
///
///     let rows = try ICalendarHolidayParser.parse(text)
///     let cn = try HolidayCalendar(party: "CN", entries: rows)
public enum ICalendarHolidayParser {
    /// Most events accepted in one file; a national calendar for two centuries needs a few thousand.
    public static let maximumEvents = 100_000
    /// Most dates accepted after expanding multi-day events and yearly repeats.
    public static let maximumEntries = 1_000_000
    /// Largest file accepted, in UTF-8 bytes.
    public static let maximumBytes = 32 * 1024 * 1024

    /// Parses `text`, returning one row per date in date order.
    ///
    /// A date covered by several holiday events gets their names joined with " / ".
    public static func parse(_ text: String) throws(ICalendarError) -> [HolidayEntry] {
        guard text.utf8.count <= maximumBytes else {
            throw ICalendarError([ICalendarProblem(line: nil, "the file is larger than \(maximumBytes / 1024 / 1024) MB, which no holiday calendar needs; export only the holidays of the state concerned")])
        }
        var problems = ICalendarProblems()
        var stack: [(name: String, line: Int)] = []
        var sawCalendar = false
        var events: [ICalendarEvent] = []
        var current: ICalendarEvent?

        for (text, number) in ICalendarContentLine.unfold(text) {
            let property: ICalendarContentLine
            switch ICalendarContentLine.parse(text, line: number) {
            case .success(let p): property = p
            case .failure(let problem): problems.add(problem.line, problem.message); continue
            }
            switch property.name {
            case "BEGIN":
                let component = property.value.trimmingCharacters(in: .whitespaces).uppercased()
                if component == "VCALENDAR" {
                    if stack.isEmpty { sawCalendar = true } else { problems.add(number, "BEGIN:VCALENDAR appears inside \(stack.last!.name); a calendar cannot contain another, so remove this line or close the first calendar with END:VCALENDAR") }
                } else if stack.isEmpty {
                    problems.add(number, "BEGIN:\(printable(component)) comes before BEGIN:VCALENDAR; the file must start with BEGIN:VCALENDAR")
                }
                if component == "VEVENT" && stack.last?.name == "VCALENDAR" {
                    guard events.count < maximumEvents else {
                        problems.add(number, "the file has more than \(maximumEvents) events, which no holiday calendar needs; export only the holidays of the state concerned")
                        throw problems.error()
                    }
                    current = ICalendarEvent(line: number)
                }
                stack.append((component, number))
            case "END":
                let component = property.value.trimmingCharacters(in: .whitespaces).uppercased()
                guard let open = stack.last else {
                    problems.add(number, "END:\(printable(component)) has no matching BEGIN line; remove it or add the missing BEGIN")
                    continue
                }
                guard open.name == component else {
                    problems.add(number, "END:\(printable(component)) does not match BEGIN:\(printable(open.name)) on line \(open.line); close \(printable(open.name)) first")
                    continue
                }
                stack.removeLast()
                if component == "VEVENT", let event = current {
                    events.append(event)
                    current = nil
                }
            default:
                // Only properties of the event itself; a VALARM inside it has its own SUMMARY.
                if stack.last?.name == "VEVENT", current != nil {
                    current!.record(property, problems: &problems)
                }
            }
        }
        for open in stack.reversed() {
            problems.add(open.line, "BEGIN:\(printable(open.name)) is never closed; add END:\(printable(open.name)) after its last line")
        }
        if !sawCalendar {
            problems.add(nil, "this is not an iCalendar file: it has no BEGIN:VCALENDAR line; export the holidays in .ics format")
            throw problems.error()
        }
        if events.isEmpty && current == nil {
            problems.add(nil, "the calendar has no events (BEGIN:VEVENT); export a calendar that lists the holidays")
        }
        let entries = merge(events, problems: &problems)
        guard problems.isEmpty else { throw problems.error() }
        return entries
    }

    /// Expands every event and merges rows that fall on the same date.
    private static func merge(_ events: [ICalendarEvent], problems: inout ICalendarProblems) -> [HolidayEntry] {
        var byDate: [CalendarDate: (entry: HolidayEntry, line: Int)] = [:]
        var total = 0
        for event in events {
            guard let (dates, entryTemplate) = event.expand(problems: &problems) else { continue }
            total += dates.count
            guard total <= maximumEntries else {
                problems.add(event.line, "the events up to this one cover more than \(maximumEntries) dates; check for a yearly rule or a DTEND that runs far too long")
                return []
            }
            for date in dates {
                guard let existing = byDate[date] else {
                    byDate[date] = (HolidayEntry(date: date, name: entryTemplate.name, isWorkingDay: entryTemplate.isWorkingDay), event.line)
                    continue
                }
                if existing.entry.isWorkingDay != entryTemplate.isWorkingDay {
                    let (work, off) = entryTemplate.isWorkingDay ? ("here", "at line \(existing.line)") : ("at line \(existing.line)", "here")
                    problems.add(event.line, "\(date.iso) is a working day \(work) but a holiday \(off); remove the event that is wrong")
                } else if !existing.entry.name.components(separatedBy: " / ").contains(entryTemplate.name) {
                    byDate[date]!.entry.name += " / " + entryTemplate.name
                }
            }
        }
        return byDate.values.map(\.entry).sorted { $0.date < $1.date }
    }

    /// True when an event's SUMMARY or CATEGORY marks a make-up working day rather than a day off.
    static func marksWorkingDay(_ text: String) -> Bool {
        let t = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        if t == "班" { return true }
        // "Non-working day" and "no work" describe a day off.
        for negation in ["non-working", "nonworking", "non working", "not a working", "no work"] where t.contains(negation) {
            return false
        }
        return ["working day", "workday", "work day", "make-up", "makeup", "make up", "补班", "上班"].contains { t.contains($0) }
    }
}

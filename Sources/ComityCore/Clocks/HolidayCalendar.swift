import Foundation

/// One state's working-day calendar: its holidays and the weekend days it works anyway.
///
/// Weekends are Saturday and Sunday. A make-up working day (调休上班 in China's
/// State Council schedule) turns a weekend date into a working day; a holiday
/// always wins, so a date listed as both is a day off.
///
///     let jp = HolidayCalendar.japan()
///     jp.isWorkingDay(try CalendarDate(iso: "2011-09-23"))   // false: Autumnal Equinox Day
public struct HolidayCalendar: Hashable, Sendable, Codable {
    /// ISO 3166-1 alpha-2 code of the state, upper case (`JP`, `CN`).
    public let party: String
    /// Days off, with their names.
    public private(set) var holidays: [CalendarDate: String]
    /// Weekend dates that are working days, with the reason given in the source (for example "Spring Festival make-up working day").
    public private(set) var makeUpWorkingDays: [CalendarDate: String]
    /// Whether government offices close from 29 December to 3 January every year, as Japan's
    /// do under the Act on Holidays of Administrative Organs (行政機関の休日に関する法律, 1988).
    /// These are not public holidays: `holidays` leaves them out, `isWorkingDay` skips them.
    public private(set) var closesAtYearEnd = false

    /// Creates a calendar, refusing a party code that is not two letters.
    public init(party: String, holidays: [CalendarDate: String] = [:], makeUpWorkingDays: [CalendarDate: String] = [:]) throws(ValidationFailure) {
        self.party = try Self.checkedParty(party)
        self.holidays = holidays
        self.makeUpWorkingDays = makeUpWorkingDays
    }

    /// Creates a calendar from stored or imported rows; later rows for the same date replace earlier ones.
    public init(party: String, entries: [HolidayEntry]) throws(ValidationFailure) {
        try self.init(party: party)
        for entry in entries { set(entry) }
    }

    /// Adds or replaces the row for `entry.date`.
    public mutating func set(_ entry: HolidayEntry) {
        if entry.isWorkingDay {
            holidays[entry.date] = nil
            makeUpWorkingDays[entry.date] = entry.name
        } else {
            makeUpWorkingDays[entry.date] = nil
            holidays[entry.date] = entry.name
        }
    }

    /// Every row, in date order, ready to persist as (party, date, name, isWorkingDay).
    public var entries: [HolidayEntry] {
        let off = holidays.map { HolidayEntry(date: $0.key, name: $0.value, isWorkingDay: false) }
        let on = makeUpWorkingDays.map { HolidayEntry(date: $0.key, name: $0.value, isWorkingDay: true) }
        return (off + on).sorted { $0.date < $1.date }
    }

    /// True when offices of `party` are open on `date`.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        (!date.isWeekend || makeUpWorkingDays[date] != nil) && holidays[date] == nil && !isYearEndClosure(date)
    }

    /// True when `date` falls in the year-end closure of government offices (29 December – 3 January).
    public func isYearEndClosure(_ date: CalendarDate) -> Bool {
        closesAtYearEnd && ((date.month == 12 && date.day >= 29) || (date.month == 1 && date.day <= 3))
    }

    /// The name a listing gives a day of the year-end closure that is no public holiday.
    public static let yearEndClosureName = "Year-end closure of government offices (行政機関の休日)"

    /// Every day off and make-up working day of `year`, in date order: the public holidays and
    /// the days on record, then the year-end closure on days no holiday already takes.
    /// Throws `notFound` when nothing is known of that year: no holiday of it is recorded or built in.
    public func days(in year: Int) throws(ComityError) -> [HolidayEntry] {
        var days = entries.filter { $0.date.year == year }
        guard days.contains(where: { !$0.isWorkingDay }) else {
            let builtIn = party == "JP" ? "Japan's built-in calendar covers \(JapaneseHolidays.years.lowerBound)–\(JapaneseHolidays.years.upperBound); " : ""
            throw .notFound(kind: "holiday calendar", id: "\(party) \(year)",
                            hint: "\(builtIn)import \(party)'s holidays for \(year) with 'comity holidays import \(party) FILE.ics'")
        }
        if closesAtYearEnd {
            for (month, dayRange) in [(1, 1...3), (12, 29...31)] {
                for day in dayRange {
                    guard let date = try? CalendarDate(year: year, month: month, day: day), holidays[date] == nil else { continue }
                    days.removeAll { $0.date == date }
                    days.append(HolidayEntry(date: date, name: Self.yearEndClosureName))
                }
            }
        }
        return days.sorted { $0.date < $1.date }
    }

    /// The holiday on `date`, if any.
    public func holiday(on date: CalendarDate) -> Holiday? {
        holidays[date].map { Holiday(date: date, name: $0) }
    }

    /// Calendar years with at least one holiday on record; a year missing here has probably not been imported.
    public var yearsWithHolidays: Set<Int> { Set(holidays.keys.map(\.year)) }

    /// Japan's calendar built from the National Holidays Act (see `JapaneseHolidays`), using English names.
    ///
    /// Years outside `JapaneseHolidays.years` are left out. The year-end closure of government
    /// offices (29 December – 3 January) is not a national holiday, so `holidays` leaves it out,
    /// but Japan's offices do not work then: `isWorkingDay` skips it (`closesAtYearEnd`).
    public static func japan(years: ClosedRange<Int> = JapaneseHolidays.years) -> HolidayCalendar {
        var holidays: [CalendarDate: String] = [:]
        for year in years.clamped(to: JapaneseHolidays.years) {
            for holiday in JapaneseHolidays.holidays(in: year) { holidays[holiday.date] = holiday.name }
        }
        return HolidayCalendar(checkedParty: "JP", holidays: holidays, closesAtYearEnd: true)
    }

    /// The calendar Comity knows without a database: Japan's, nil for any other state.
    public static func builtIn(for party: String) -> HolidayCalendar? {
        party.uppercased() == "JP" ? japan() : nil
    }

    private init(checkedParty: String, holidays: [CalendarDate: String], closesAtYearEnd: Bool) {
        self.party = checkedParty
        self.holidays = holidays
        self.makeUpWorkingDays = [:]
        self.closesAtYearEnd = closesAtYearEnd
    }

    private static func checkedParty(_ text: String) throws(ValidationFailure) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.unicodeScalars.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw ValidationFailure("'\(printable(text))' is not a state code; write the two-letter ISO 3166 code, for example JP or CN")
        }
        return code
    }

    // Persisted as {party, entries} so dates stay ISO text rather than dictionary keys.
    private enum CodingKeys: String, CodingKey { case party, entries, closesAtYearEnd }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let party = try c.decode(String.self, forKey: .party)
        let entries = try c.decode([HolidayEntry].self, forKey: .entries)
        do { try self.init(party: party, entries: entries) } catch {
            throw DecodingError.dataCorruptedError(forKey: .party, in: c, debugDescription: error.message)
        }
        closesAtYearEnd = try c.decodeIfPresent(Bool.self, forKey: .closesAtYearEnd) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(party, forKey: .party)
        try c.encode(entries, forKey: .entries)
        if closesAtYearEnd { try c.encode(true, forKey: .closesAtYearEnd) }
    }
}

/// A date as precisely as the source gives it: a day (`2011-08-11`), a month (`2011-08`) or a
/// year (`2011`). News reports often give no more than the month an intrusion began.
///
/// It is stored and exchanged as written, and reads as written in documents: "August 2011",
/// 平成23年8月. Where a rule or a clock needs a day, Comity takes the first day the date could
/// be (`earliest`: 2011-08 → 2011-08-01): any period counted from it ends no later than it
/// really could, and a request is never refused as sent before a case began when it may not have been.
///
///     let incident = try ReportedDate(iso: "2011-08")
///     incident.english        // "August 2011"
///     incident.earliest.iso   // "2011-08-01"
public struct ReportedDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// How much of the date the source gives.
    public enum Precision: String, Sendable, Codable { case day, month, year }

    /// The first day the date could be.
    public let earliest: CalendarDate
    public let precision: Precision

    /// A date known to the day.
    public init(_ date: CalendarDate) {
        self.init(earliest: date, precision: .day)
    }

    private init(earliest: CalendarDate, precision: Precision) {
        self.earliest = earliest
        self.precision = precision
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` strictly.
    public init(iso text: String) throws(DateError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } })
        else { throw .malformed(text) }
        let numbers = parts.map { Int($0)! }
        switch numbers.count {
        case 3:
            self.init(try CalendarDate(iso: text))
        case 2:
            guard (1...12).contains(numbers[1]) else { throw .impossible(text, "there is no month \(numbers[1])") }
            self.init(earliest: try CalendarDate(year: numbers[0], month: numbers[1], day: 1), precision: .month)
        default:
            self.init(earliest: try CalendarDate(year: numbers[0], month: 1, day: 1), precision: .year)
        }
    }

    /// The last day the date could be: the end of its month or year.
    public var latest: CalendarDate {
        switch precision {
        case .day: return earliest
        case .month: return earliest.adding(days: CalendarDate.daysIn(month: earliest.month, year: earliest.year) - 1)
        case .year: return earliest.adding(days: CalendarDate.isLeap(earliest.year) ? 365 : 364)
        }
    }

    /// As written: `2011-08-11`, `2011-08` or `2011`.
    public var iso: String {
        switch precision {
        case .day: return earliest.iso
        case .month: return String(earliest.iso.prefix(7))
        case .year: return String(earliest.iso.prefix(4))
        }
    }

    /// `11 August 2011`, `August 2011`, `2011`.
    public var english: String {
        switch precision {
        case .day: return earliest.longEnglish
        case .month: return "\(CalendarDate.monthNames[earliest.month - 1]) \(earliest.year)"
        case .year: return String(earliest.year)
        }
    }

    /// By era: `平成23年8月11日`, `平成23年8月`, `平成23年`. A month or year that spans the
    /// start of an era gives both years: `平成31年／令和元年`.
    public var japaneseEra: String {
        let first = JapaneseEraDate(earliest), last = JapaneseEraDate(latest)
        func year(_ d: JapaneseEraDate) -> String { "\(d.era.kanji)\(d.eraYear == 1 ? "元" : String(d.eraYear))年" }
        let years = first.era == last.era ? year(first) : "\(year(first))／\(year(last))"
        switch precision {
        case .day: return first.formatted
        case .month: return "\(years)\(earliest.month)月"
        case .year: return years
        }
    }

    public var description: String { iso }

    /// Ordered by the first day each could be, the less precise first on the same day.
    public static func < (lhs: ReportedDate, rhs: ReportedDate) -> Bool {
        lhs.earliest != rhs.earliest ? lhs.earliest < rhs.earliest : lhs.latest > rhs.latest
    }
}

extension ReportedDate: ISODateText {}

extension ReportedDate {
    /// The sentence for text that is no reported date: the forms it may take.
    public static func refusal(_ text: String, _ error: DateError) -> String {
        guard case .malformed = error else { return error.description }
        return "'\(printable(text))' is not a date; write it as YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no more (2011-08-11, 2011-08, 2011)"
    }
}

/// A calendar date without time or time zone, as used at every interface of Comity.
///
/// Dates are proleptic Gregorian and written in ISO 8601 (`2011-09-30`).
/// Arithmetic goes through a day number (days since 1970-01-01), so adding
/// days never reads a clock or a time zone.
///
///     let sent = try CalendarDate(iso: "2011-09-30")
///     sent.adding(days: 14).iso   // "2011-10-14"
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    /// Days since 1970-01-01 (negative before), kept alongside the fields because clocks
    /// count days constantly.
    public let dayNumber: Int

    /// Years Comity accepts: wide enough for any real case, narrow enough to keep arithmetic exact.
    public static let supportedYears = 1900...2199

    /// Creates a date, refusing impossible ones (2011-02-30, month 13, year 0).
    public init(year: Int, month: Int, day: Int) throws(DateError) {
        guard Self.supportedYears.contains(year) else {
            throw .outOfRange(String(format4(year)) + "-" + pad2(month) + "-" + pad2(day))
        }
        guard (1...12).contains(month) else { throw .impossible("\(format4(year))-\(pad2(month))-\(pad2(day))", "there is no month \(month)") }
        let last = Self.daysIn(month: month, year: year)
        guard (1...last).contains(day) else {
            throw .impossible("\(format4(year))-\(pad2(month))-\(pad2(day))", "\(Self.monthNames[month - 1]) \(year) has \(last) days")
        }
        self.init(unchecked: year, month, day, dayNumber: Self.dayNumber(year, month, day))
    }

    /// Parses `YYYY-MM-DD` strictly: four-digit year, two-digit month and day, nothing else.
    public init(iso text: String) throws(DateError) {
        var text = text
        let parsed = text.withUTF8 { Self.parseISO(UnsafeRawBufferPointer($0)) }
        guard let (y, m, d) = parsed else { throw .malformed(text) }
        try self.init(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes, as a database column holds it.
    package init(isoBytes bytes: UnsafeRawBufferPointer) throws(DateError) {
        guard let (y, m, d) = Self.parseISO(bytes) else { throw .malformed(String(decoding: bytes, as: UTF8.self)) }
        try self.init(year: y, month: m, day: d)
    }

    private static func parseISO(_ bytes: UnsafeRawBufferPointer) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return (y, m, d)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int, dayNumber: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.dayNumber = dayNumber
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        // Supported years have four digits: write the ten bytes directly, as reports print a dozen dates a line.
        guard (0...9999).contains(year) else { return "\(format4(year))-\(pad2(month))-\(pad2(day))" }
        return String(unsafeUninitializedCapacity: 10) { out in
            let digit = { (n: Int) in UInt8(48 + n % 10) }
            out[0] = digit(year / 1000); out[1] = digit(year / 100); out[2] = digit(year / 10); out[3] = digit(year)
            out[5] = digit(month / 10); out[6] = digit(month)
            out[8] = digit(day / 10); out[9] = digit(day)
            out[4] = UInt8(ascii: "-")
            out[7] = UInt8(ascii: "-")
            return 10
        }
    }
    public var description: String { iso }

    private static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date with the given day number (see `dayNumber`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, dayNumber: dayNumber)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    public static func == (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber == rhs.dayNumber }
    public func hash(into hasher: inout Hasher) { hasher.combine(dayNumber) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// English long form: `30 September 2011`.
    public var longEnglish: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }
}

/// A date stored and exchanged as its ISO text (`CalendarDate`, `ReportedDate`).
public protocol ISODateText: Codable {
    init(iso: String) throws(DateError)
    var iso: String { get }
}

extension ISODateText {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(iso: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension CalendarDate: ISODateText {}

/// Why a date was refused.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case impossible(String, String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(printable(text))' is not a date; write it as YYYY-MM-DD, for example 2011-09-30"
        case .impossible(let text, let why):
            return "\(text) is not a real date: \(why)"
        case .outOfRange(let text):
            return "\(text) is outside the years Comity accepts (\(CalendarDate.supportedYears.lowerBound)–\(CalendarDate.supportedYears.upperBound))"
        }
    }
}

private func pad2(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : "\(n)" }
private func format4(_ n: Int) -> String {
    let s = String(n)
    return n >= 0 && s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
}

/// Shortens and cleans text echoed back in an error so a hostile value cannot flood or garble the terminal.
package func printable(_ text: String, limit: Int = 40) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        if out.unicodeScalars.count >= limit { out += "…"; break }
        if scalar.properties.generalCategory == .control || scalar == "\u{FFFD}" || !TextRule.allows(scalar) {
            out += "?"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

extension CalendarDate {
    /// `25–26 December 2011`, `30 November – 2 December 2011`, or one date when both are the same.
    public func longEnglishSpan(to end: CalendarDate) -> String {
        if end == self { return longEnglish }
        if year == end.year && month == end.month { return "\(day)–\(end.day) \(Self.monthNames[month - 1]) \(year)" }
        if year == end.year { return "\(day) \(Self.monthNames[month - 1]) – \(end.longEnglish)" }
        return "\(longEnglish) – \(end.longEnglish)"
    }
}

/// "1 day", "45 days".
public func dayCount(_ n: Int) -> String { abs(n) == 1 ? "\(n) day" : "\(n) days" }

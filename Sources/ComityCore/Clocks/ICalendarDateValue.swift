import Foundation

/// A DATE or DATE-TIME property value reduced to its calendar date.
struct ICalendarDateValue {
    let date: CalendarDate
    /// True for a DATE value or a DATE-TIME at 00:00:00, which as an exclusive end does not cover its own day.
    let isMidnightOrDate: Bool
    let line: Int

    /// Reads `20240101`, `20240101T090000` or `20240101T090000Z`; time zones are ignored because holidays are whole local days.
    static func parse(_ p: ICalendarContentLine, problems: inout ICalendarProblems) -> ICalendarDateValue? {
        let value = p.value.trimmingCharacters(in: .whitespaces)
        let bytes = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var n = 0
            for b in bytes[range] {
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        let timeShape = bytes.count == 15 || (bytes.count == 16 && bytes[15] == UInt8(ascii: "Z"))
        guard let y = digits(0..<4), let m = digits(4..<6), let d = digits(6..<8),
              bytes.count == 8 || (timeShape && bytes[8] == UInt8(ascii: "T") && digits(9..<15) != nil)
        else {
            problems.add(p.line, "\(p.name) '\(printable(value))' is not a date; write it as YYYYMMDD, for example 20240101")
            return nil
        }
        do {
            let date = try CalendarDate(year: y, month: m, day: d)
            return ICalendarDateValue(date: date, isMidnightOrDate: bytes.count == 8 || digits(9..<15) == 0, line: p.line)
        } catch {
            problems.add(p.line, "\(p.name) '\(printable(value))' is not a usable date: \(error); correct the date")
            return nil
        }
    }
}

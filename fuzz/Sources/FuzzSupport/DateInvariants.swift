import Comity

/// What must hold for every date the parsers accept; a failed check stops the fuzzer like a crash.
public enum DateInvariants {
    /// Japan's statutory holidays, built once: the working-day calendar the date target counts with.
    public static let japan = HolidayCalendar.japan()

    public static func check(_ date: CalendarDate) {
        precondition(CalendarDate.supportedYears.contains(date.year), "\(date) is outside the supported years")
        precondition(CalendarDate(dayNumber: date.dayNumber) == date, "\(date) does not survive its day number")
        precondition((try? CalendarDate(iso: date.iso)) == date, "\(date) does not survive its ISO text")
        precondition((1...7).contains(date.isoWeekday), "\(date) has weekday \(date.isoWeekday)")
        precondition(date.adding(days: 7).isoWeekday == date.isoWeekday, "a week after \(date) is another weekday")
        precondition(date.days(until: date.adding(days: 1)) == 1, "the day after \(date) is not one day later")
        let era = JapaneseEraDate(date)
        precondition(era.eraYear >= 1 && era.month == date.month && era.day == date.day, "\(date) is \(era) in Japanese era form")
        _ = date.longEnglish + date.japaneseEra + date.japaneseWestern
    }

    /// Reads the first 24 bytes as year, month and day and checks that the checked initialiser refuses or keeps them.
    public static func check(numbers data: UnsafePointer<UInt8>, _ size: Int) {
        guard size >= 24 else { return }
        let raw = UnsafeRawPointer(data)
        let parts = (0..<3).map { Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self))) }
        do {
            let date = try CalendarDate(year: parts[0], month: parts[1], day: parts[2])
            precondition(date.year == parts[0] && date.month == parts[1] && date.day == parts[2], "\(parts) became \(date)")
            check(date)
        } catch {
            _ = error.description
        }
    }
}

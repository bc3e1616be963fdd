import Comity
import CFuzzerDriver
import FuzzSupport

/// iCalendar text → `ICalendarHolidayParser.parse` → a `HolidayCalendar`; the parser must refuse with
/// `ICalendarError`, never trap, and every row it returns must be an accepted date.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let entries: [HolidayEntry]
    do { entries = try ICalendarHolidayParser.parse(FuzzInput.text(data, size)) } catch {
        precondition(!error.problems.isEmpty, "the parser refused a file without saying why")
        _ = error.description
        return 0
    }
    precondition(entries.count <= ICalendarHolidayParser.maximumEntries, "\(entries.count) rows")
    for entry in entries { DateInvariants.check(entry.date) }
    if let calendar = try? HolidayCalendar(party: "CN", entries: entries) {
        precondition(calendar.entries.count == entries.count, "the calendar lost rows")
    }
    return 0
}

/// The entry point SwiftPM links as `main`; libFuzzer takes over from here.
@_cdecl("FuzzHolidayCalendar_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    comity_fuzzer_main(argc, argv)
}

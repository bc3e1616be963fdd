import Comity
import CFuzzerDriver
import FuzzSupport

/// Up to three newline-separated fields, each tried as an ISO date (`CalendarDate(iso:)`), a period
/// (`Period(parsing:)`) and a stored setting; what parses is then counted with (due dates, working days,
/// Japanese era form). Refusals are expected; a trap or a broken invariant is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = FuzzInput.text(data, size).split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    var dates: [CalendarDate] = []
    var periods: [Period] = []
    for field in fields {
        if let date = try? CalendarDate(iso: field) {
            DateInvariants.check(date)
            dates.append(date)
        }
        if let period = try? Period(parsing: field) {
            precondition((1...3650).contains(period.days), "Period(parsing:) accepted \(period.days) days")
            periods.append(period)
        }
        var settings = StallSettings.defaults(for: nil)
        for key in ["response-period", "no-ack-days"] { try? settings.apply(key: key, value: field) }
        _ = settings.value(of: "response-period")
    }
    DateInvariants.check(numbers: data, size)
    guard let start = dates.first else { return 0 }
    let end = dates.count > 1 ? dates[1] : start
    _ = start.longEnglishSpan(to: max(start, end))
    _ = DueDateCalculator.workingDays(from: start, to: end, calendar: DateInvariants.japan)
    let pauses = (try? DueDateCalculator.pause(from: min(start, end), until: max(start, end))).map { [$0] } ?? []
    for period in periods {
        if let due = try? DueDateCalculator.due(start: start, period: period, calendar: DateInvariants.japan, pauses: pauses) {
            precondition(due.due > start, "\(period) from \(start) fell due on \(due.due)")
            _ = due.explanation
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`; libFuzzer takes over from here.
@_cdecl("FuzzDates_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    comity_fuzzer_main(argc, argv)
}

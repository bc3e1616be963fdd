import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

private func date(_ iso: String) -> CalendarDate {
    do { return try CalendarDate(iso: iso) } catch { fatalError("bad test date \(iso)") }
}

@Suite("Holiday calendars")
struct HolidayCalendarTests {
    @Test func workingDayRule() throws {
        let cn = try HolidayCalendar(
            party: "cn",
            holidays: [date("2024-02-12"): "Spring Festival", date("2024-02-10"): "Spring Festival"],
            makeUpWorkingDays: [date("2024-02-04"): "Spring Festival make-up working day"]
        )
        #expect(cn.party == "CN")
        #expect(cn.isWorkingDay(date("2024-02-05")))   // ordinary Monday
        #expect(!cn.isWorkingDay(date("2024-02-03")))  // ordinary Saturday
        #expect(cn.isWorkingDay(date("2024-02-04")))   // make-up Sunday
        #expect(!cn.isWorkingDay(date("2024-02-12")))  // holiday Monday
        #expect(!cn.isWorkingDay(date("2024-02-10")))  // holiday Saturday
        #expect(cn.holiday(on: date("2024-02-12")) == Holiday(date: date("2024-02-12"), name: "Spring Festival"))
        #expect(cn.holiday(on: date("2024-02-13")) == nil)
    }

    @Test func holidayWinsOverMakeUpDay() throws {
        var c = try HolidayCalendar(party: "CN")
        c.set(HolidayEntry(date: date("2024-02-04"), name: "Swap", isWorkingDay: true))
        #expect(c.isWorkingDay(date("2024-02-04")))
        c.set(HolidayEntry(date: date("2024-02-04"), name: "Festival"))
        #expect(!c.isWorkingDay(date("2024-02-04")))
        #expect(c.entries == [HolidayEntry(date: date("2024-02-04"), name: "Festival")])
        let both = try HolidayCalendar(party: "CN", holidays: [date("2024-02-04"): "Festival"], makeUpWorkingDays: [date("2024-02-04"): "Swap"])
        #expect(!both.isWorkingDay(date("2024-02-04")))
    }

    @Test func partyCodeIsChecked() {
        #expect(throws: ValidationFailure("'Japan' is not a state code; write the two-letter ISO 3166 code, for example JP or CN")) {
            try HolidayCalendar(party: "Japan")
        }
        #expect(throws: ValidationFailure.self) { try HolidayCalendar(party: "J1") }
        #expect(throws: ValidationFailure.self) { try HolidayCalendar(party: "") }
    }

    @Test func japanFromRules() {
        let jp = HolidayCalendar.japan()
        #expect(jp.party == "JP")
        #expect(!jp.isWorkingDay(date("2011-09-23")))
        #expect(jp.holiday(on: date("2011-09-23"))?.name == "Autumnal Equinox Day")
        #expect(jp.isWorkingDay(date("2011-12-29")))  // year-end closure is not a national holiday
        #expect(jp.isWorkingDay(date("2012-01-03")))
        #expect(!jp.isWorkingDay(date("2012-01-02")))  // substitute for Sunday New Year's Day
        #expect(jp.yearsWithHolidays == Set(1990...2050))
        #expect(jp.makeUpWorkingDays.isEmpty)

        let few = HolidayCalendar.japan(years: 2049...2060)
        #expect(few.yearsWithHolidays == [2049, 2050])
        #expect(HolidayCalendar.japan(years: 2011...2011).holidays.count == 15)
    }

    @Test func entriesRoundTripThroughRowsAndJSON() throws {
        let entries = [
            HolidayEntry(date: date("2024-02-04"), name: "Swap", isWorkingDay: true),
            HolidayEntry(date: date("2024-02-10"), name: "Spring Festival"),
            HolidayEntry(date: date("2024-10-01"), name: "National Day"),
        ]
        let cn = try HolidayCalendar(party: "CN", entries: entries.reversed())
        #expect(cn.entries == entries)
        #expect(try HolidayCalendar(party: cn.party, entries: cn.entries) == cn)

        let json = try JSONEncoder().encode(cn)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"2024-02-04\""))
        #expect(try JSONDecoder().decode(HolidayCalendar.self, from: json) == cn)

        let bad = Data(#"{"party":"China","entries":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HolidayCalendar.self, from: bad) }
    }
}

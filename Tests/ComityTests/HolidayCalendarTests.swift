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
        // The year-end closure is not a national holiday, but government offices do not work then.
        #expect(jp.holiday(on: date("2011-12-29")) == nil)
        #expect(!jp.isWorkingDay(date("2011-12-29")))
        #expect(!jp.isWorkingDay(date("2012-01-03")))
        #expect(jp.holiday(on: date("2012-01-02")) != nil)  // substitute for Sunday New Year's Day
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

/// Japan's government offices close 29 December – 3 January (行政機関の休日に関する法律, 1988).
@Suite struct YearEndClosureTests {
    static func date(_ iso: String) -> CalendarDate { holidayTestDate(iso) }

    @Test("working days of a Japanese authority skip 29 December – 3 January; the days around it are worked")
    func closure() {
        let jp = HolidayCalendar.japan()
        #expect(jp.closesAtYearEnd)
        for day in ["2011-12-29", "2011-12-30", "2012-01-03", "2023-12-29", "2024-01-02", "2024-01-03"] {
            #expect(!jp.isWorkingDay(Self.date(day)), "\(day)")
            #expect(jp.isYearEndClosure(Self.date(day)), "\(day)")
        }
        for day in ["2011-12-28", "2012-01-04", "2023-12-28", "2024-01-04"] {
            #expect(jp.isWorkingDay(Self.date(day)), "\(day)")
        }
        // No other state's calendar closes so.
        let cn = try! HolidayCalendar(party: "CN")
        #expect(!cn.closesAtYearEnd && cn.isWorkingDay(Self.date("2011-12-29")))
    }

    @Test("a working-day clock of Japan steps over the closure")
    func clockAcrossTheNewYear() {
        let jp = HolidayCalendar.japan()
        // Wednesday 28 December 2011: the next working day is Wednesday 4 January 2012.
        var day = Self.date("2011-12-28").adding(days: 1)
        while !jp.isWorkingDay(day) { day = day.adding(days: 1) }
        #expect(day.iso == "2012-01-04")
    }

    @Test("a year's listing: public holidays, then the closure on days no holiday takes")
    func listing() throws {
        let days = try HolidayCalendar.japan().days(in: 2011)
        let closure = days.filter { $0.name == HolidayCalendar.yearEndClosureName }.map(\.date.iso)
        #expect(closure == ["2011-01-02", "2011-01-03", "2011-12-29", "2011-12-30", "2011-12-31"])
        #expect(days.first { $0.date.iso == "2011-01-01" }?.name == "New Year's Day")
        #expect(days.count == 15 + 5)
        #expect(days.map(\.date) == days.map(\.date).sorted())
    }

    @Test("a year or a state with no holidays on record is not an empty list")
    func noData() throws {
        let late = #expect(throws: ComityError.self) { try HolidayCalendar.japan().days(in: 2051) }
        #expect(late?.category == .notFound)
        #expect(late?.description == "no holiday calendar 'JP 2051' is recorded; Japan's built-in calendar covers 1990–2050; import JP's holidays for 2051 with 'comity holidays import JP FILE.ics'")
        let none = #expect(throws: ComityError.self) { try HolidayCalendar(party: "CN").days(in: 2011) }
        #expect(none?.description == "no holiday calendar 'CN 2011' is recorded; import CN's holidays for 2011 with 'comity holidays import CN FILE.ics'")
        #expect(HolidayCalendar.builtIn(for: "jp")?.party == "JP")
        #expect(HolidayCalendar.builtIn(for: "CN") == nil)
    }

    @Test func closureSurvivesJSON() throws {
        let jp = HolidayCalendar.japan(years: 2011...2011)
        let back = try JSONDecoder().decode(HolidayCalendar.self, from: JSONEncoder().encode(jp))
        #expect(back == jp)
        #expect(!back.isWorkingDay(Self.date("2011-12-29")))
    }
}

private func holidayTestDate(_ iso: String) -> CalendarDate { date(iso) }

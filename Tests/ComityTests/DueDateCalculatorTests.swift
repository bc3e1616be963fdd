import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

private func date(_ iso: String) -> CalendarDate {
    do { return try CalendarDate(iso: iso) } catch { fatalError("bad test date \(iso)") }
}

private let working20 = Period(days: 20, unit: .working)

/// China's 2011 National Day week and its two make-up weekend days.
private func china2011() throws -> HolidayCalendar {
    var holidays: [CalendarDate: String] = [:]
    for day in 1...7 { holidays[date("2011-10-0\(day)")] = "National Day" }
    holidays[date("2011-01-01")] = "New Year's Day"
    return try HolidayCalendar(party: "CN", holidays: holidays, makeUpWorkingDays: [
        date("2011-10-08"): "National Day make-up working day",
        date("2011-10-09"): "National Day make-up working day",
    ])
}

@Suite("Due dates")
struct DueDateCalculatorTests {
    @Test func calendarDaysIgnoreHolidays() throws {
        let c = try DueDateCalculator.due(start: date("2011-09-30"), period: Period(days: 30, unit: .calendar), calendar: .japan())
        #expect(c.due == date("2011-10-30"))
        #expect(c.daysCounted == 30)
        #expect(c.skippedHolidays.isEmpty && c.skippedWeekendDays == 0)
        #expect(c.explanation == "30 calendar days from 2011-09-30 (day 0); due 2011-10-30")
        #expect(c.rule.hasPrefix("The start date is day 0 and the period ends 30 calendar days later"))
    }

    @Test func chinaNationalDayWithMakeUpWeekend() throws {
        let c = try DueDateCalculator.due(start: date("2011-09-30"), period: working20, calendar: try china2011())
        #expect(c.due == date("2011-11-02"))
        #expect(c.skippedHolidays.count == 7)
        #expect(c.skippedWeekendDays == 6)
        #expect(c.countedMakeUpWorkingDays == [date("2011-10-08"), date("2011-10-09")])
        #expect(c.yearsWithoutHolidays.isEmpty)
        #expect(c.explanation == "20 working days of CN from 2011-09-30 (day 0): skipped 6 weekend days and 7 holidays (2011-10-01 National Day, 2011-10-02 National Day, 2011-10-03 National Day, 2011-10-04 National Day, 2011-10-05 National Day, 2011-10-06 National Day, 2011-10-07 National Day); counted 2 make-up working days (2011-10-08, 2011-10-09); due 2011-11-02")
        #expect(c.rule.contains("20th working day after it"))
    }

    @Test func japanAcrossYearEnd() throws {
        let c = try DueDateCalculator.due(start: date("2011-12-20"), period: Period(days: 10, unit: .working), calendar: .japan())
        // 23 Dec Emperor's Birthday, 1 Jan (Sunday) and its substitute 2 Jan are skipped; 29–31 Dec and 3 Jan are not holidays.
        #expect(c.due == date("2012-01-05"))
        #expect(c.skippedHolidays.map(\.description) == ["2011-12-23 The Emperor's Birthday", "2012-01-01 New Year's Day", "2012-01-02 Substitute Holiday (New Year's Day)"])
        #expect(c.skippedWeekendDays == 3)
    }

    @Test func japanAcrossGoldenWeek() throws {
        let c = try DueDateCalculator.due(start: date("2024-04-26"), period: Period(days: 5, unit: .working), calendar: .japan())
        #expect(c.due == date("2024-05-08"))
        #expect(c.skippedHolidays.map(\.date.iso) == ["2024-04-29", "2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06"])
        #expect(c.skippedWeekendDays == 2)
    }

    @Test func chinaMakeUpSundayCounts() throws {
        let cn = try HolidayCalendar(party: "CN", entries: try ICalendarHolidayParser.parse(try ClocksFixtures.text("cn-2024.ics")))
        let one = try DueDateCalculator.due(start: date("2024-02-02"), period: Period(days: 1, unit: .working), calendar: cn)
        #expect(one.due == date("2024-02-04"))
        #expect(one.skippedWeekendDays == 1)
        #expect(one.countedMakeUpWorkingDays == [date("2024-02-04")])
        // Spring Festival: 5–9 Feb count, 10–17 off, Sunday 18 Feb worked.
        let seven = try DueDateCalculator.due(start: date("2024-02-02"), period: Period(days: 7, unit: .working), calendar: cn)
        #expect(seven.due == date("2024-02-18"))
        #expect(seven.skippedHolidays.count == 8)
    }

    @Test func pausesStopTheClock() throws {
        let jp = HolidayCalendar.japan()
        let plain = try DueDateCalculator.due(start: date("2011-09-30"), period: working20, calendar: jp)
        #expect(plain.due == date("2011-10-31"))
        let pause = try DueDateCalculator.pause(from: date("2011-10-05"), until: date("2011-10-12"))
        let paused = try DueDateCalculator.due(start: date("2011-09-30"), period: working20, calendar: jp, pauses: [pause])
        #expect(paused.due == date("2011-11-07"))
        #expect(paused.pausedDays == 7)
        #expect(paused.skippedHolidays.map(\.date.iso) == ["2011-11-03"])  // 10 Oct fell inside the pause
        #expect(paused.explanation.hasSuffix("; the clock was stopped for 7 days; due 2011-11-07"))

        let calendarDays = try DueDateCalculator.due(start: date("2011-09-30"), period: Period(days: 30, unit: .calendar), calendar: jp, pauses: [date("2011-10-01")..<date("2011-10-06")])
        #expect(calendarDays.due == date("2011-11-04"))
        #expect(calendarDays.explanation == "30 calendar days from 2011-09-30 (day 0): the clock was stopped for 5 days; due 2011-11-04")

        // A pause that began before the start still stops the days after it; an empty pause changes nothing.
        let early = try DueDateCalculator.due(start: date("2011-09-30"), period: Period(days: 1, unit: .calendar), calendar: jp, pauses: [date("2011-09-01")..<date("2011-10-03"), date("2011-10-05")..<date("2011-10-05")])
        #expect(early.due == date("2011-10-03"))
    }

    @Test func pauseMustNotEndBeforeItStarts() {
        #expect(throws: ValidationFailure("the clock cannot restart on 2011-10-01 before it stopped on 2011-10-05; swap the two dates or correct one of them")) {
            try DueDateCalculator.pause(from: date("2011-10-05"), until: date("2011-10-01"))
        }
    }

    @Test func zeroAndNegativePeriods() throws {
        let zero = try DueDateCalculator.due(start: date("2011-09-30"), period: Period(days: 0, unit: .working), calendar: .japan())
        #expect(zero.due == date("2011-09-30"))
        #expect(throws: ValidationFailure.self) {
            try DueDateCalculator.due(start: date("2011-09-30"), period: Period(days: -1, unit: .working), calendar: .japan())
        }
    }

    @Test func refusesToRunPastSupportedYears() {
        #expect(throws: ValidationFailure("counting 30 calendar days from 2199-12-20 runs past 2199; check the start date and the pauses")) {
            try DueDateCalculator.due(start: date("2199-12-20"), period: Period(days: 30, unit: .calendar), calendar: .japan())
        }
        // A clock paused for ever must end with an error, not loop.
        #expect(throws: ValidationFailure.self) {
            try DueDateCalculator.due(start: date("2011-09-30"), period: working20, calendar: .japan(), pauses: [date("2011-10-01")..<date("2199-12-31")])
        }
    }

    @Test func warnsWhenAYearHasNoHolidays() throws {
        let c = try DueDateCalculator.due(start: date("2050-12-20"), period: working20, calendar: .japan())
        #expect(c.yearsWithoutHolidays == [2051])
        #expect(c.explanation.hasSuffix(". No holidays of JP are on record for 2051; import them and recompute, or the due date may be too early"))
        let singular = try DueDateCalculator.due(start: date("2011-09-29"), period: Period(days: 1, unit: .working), calendar: .japan())
        #expect(singular.explanation == "1 working day of JP from 2011-09-29 (day 0): skipped 0 weekend days and no holidays; due 2011-09-30")
    }

    @Test func workingDaysElapsed() throws {
        let jp = HolidayCalendar.japan()
        #expect(DueDateCalculator.workingDays(from: date("2011-09-30"), to: date("2011-10-03"), calendar: jp) == 1)
        #expect(DueDateCalculator.workingDays(from: date("2011-09-30"), to: date("2011-09-30"), calendar: jp) == 0)
        #expect(DueDateCalculator.workingDays(from: date("2011-10-03"), to: date("2011-09-30"), calendar: jp) == -1)
        #expect(DueDateCalculator.workingDays(from: date("2011-09-30"), to: date("2011-10-31"), calendar: jp) == 20)
        let pause = date("2011-10-05")..<date("2011-10-12")
        #expect(DueDateCalculator.workingDays(from: date("2011-09-30"), to: date("2011-10-31"), calendar: jp, pauses: [pause]) == 16)
        #expect(DueDateCalculator.workingDays(from: date("2011-09-30"), to: date("2011-11-02"), calendar: try china2011()) == 20)
    }

    @Test func workingDaysAgreesWithDue() throws {
        let jp = HolidayCalendar.japan()
        var start = date("2019-04-01")
        for n in [1, 5, 10, 20, 45] {
            let c = try DueDateCalculator.due(start: start, period: Period(days: n, unit: .working), calendar: jp)
            #expect(DueDateCalculator.workingDays(from: start, to: c.due, calendar: jp) == n)
            #expect(jp.isWorkingDay(c.due))
            start = start.adding(days: 17)
        }
    }
}

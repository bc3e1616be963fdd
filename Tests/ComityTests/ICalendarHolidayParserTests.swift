import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

private func date(_ iso: String) -> CalendarDate {
    do { return try CalendarDate(iso: iso) } catch { fatalError("bad test date \(iso)") }
}

/// Wraps event lines in a minimal calendar, LF line endings.
private func calendar(_ events: String...) -> String {
    "BEGIN:VCALENDAR\nVERSION:2.0\n" + events.map { "BEGIN:VEVENT\n\($0)\nEND:VEVENT\n" }.joined() + "END:VCALENDAR\n"
}

/// The problems a text produces, as "line N: message" strings.
private func problems(_ text: String) -> [String] {
    do {
        _ = try ICalendarHolidayParser.parse(text)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

@Suite("iCalendar holiday import")
struct ICalendarHolidayParserTests {
    @Test func chinaSchedule2024() throws {
        let entries = try ICalendarHolidayParser.parse(try ClocksFixtures.text("cn-2024.ics"))
        let working = entries.filter(\.isWorkingDay).map(\.date.iso)
        #expect(working == ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"])
        let off = entries.filter { !$0.isWorkingDay }
        #expect(off.count == 30)
        #expect(off.filter { $0.name == "春节 Spring Festival" }.map(\.date.iso) == (10...17).map { "2024-02-\($0)" })
        #expect(off.filter { $0.name == "清明节 Qingming Festival" }.map(\.date.iso) == ["2024-04-04", "2024-04-05", "2024-04-06"])
        #expect(off.filter { $0.name == "国庆节 National Day" }.count == 7)
        #expect(off.contains(HolidayEntry(date: date("2024-06-10"), name: "端午节 Dragon Boat Festival")))
        #expect(off.first?.date.iso == "2023-12-30")
        #expect(entries.map(\.date) == entries.map(\.date).sorted())

        let cn = try HolidayCalendar(party: "CN", entries: entries)
        #expect(cn.isWorkingDay(date("2024-02-04")))   // a Sunday worked to make up for Spring Festival
        #expect(!cn.isWorkingDay(date("2024-02-12")))  // a Monday off
        #expect(!cn.isWorkingDay(date("2024-02-03")))  // an ordinary Saturday
        #expect(cn.isWorkingDay(date("2024-10-12")))
    }

    @Test func lfAndCrlfAndFoldedLinesGiveTheSameResult() throws {
        let lf = calendar("DTSTART;VALUE=DATE:20240101\nSUMMARY:New\n  Year's Day")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let tabbed = lf.replacingOccurrences(of: "\n  Year", with: "\n\t Year")
        let expected = [HolidayEntry(date: date("2024-01-01"), name: "New Year's Day")]
        #expect(try ICalendarHolidayParser.parse(lf) == expected)
        #expect(try ICalendarHolidayParser.parse(crlf) == expected)
        #expect(try ICalendarHolidayParser.parse(tabbed) == expected)
        #expect(try ICalendarHolidayParser.parse("\u{FEFF}" + crlf) == expected)
    }

    @Test func textIsUnescaped() throws {
        let text = calendar(#"DTSTART:20240101\#nSUMMARY:Saints Peter\, Paul\; and \\ others\nday"#)
        #expect(try ICalendarHolidayParser.parse(text).first?.name == #"Saints Peter, Paul; and \ others day"#)
    }

    @Test func dateTimeStartsTakeTheDate() throws {
        let text = calendar(
            "DTSTART;TZID=Europe/Berlin:20241003T000000\nSUMMARY:Tag der Deutschen Einheit",
            "DTSTART:20241225T090000Z\nDTEND:20241226T170000Z\nSUMMARY:Christmas"
        )
        #expect(try ICalendarHolidayParser.parse(text).map(\.date.iso) == ["2024-10-03", "2024-12-25", "2024-12-26"])
    }

    @Test func dtendIsExclusiveAndDurationExpands() throws {
        let text = calendar(
            "DTSTART;VALUE=DATE:20240501\nDTEND;VALUE=DATE:20240504\nSUMMARY:Labour",
            "DTSTART;VALUE=DATE:20240610\nDTEND;VALUE=DATE:20240610\nSUMMARY:Same-day end",
            "DTSTART;VALUE=DATE:20241001\nDURATION:P3D\nSUMMARY:Golden",
            "DTSTART;VALUE=DATE:20241101\nDURATION:P1W\nSUMMARY:Week"
        )
        let entries = try ICalendarHolidayParser.parse(text)
        #expect(entries.filter { $0.name == "Labour" }.map(\.date.iso) == ["2024-05-01", "2024-05-02", "2024-05-03"])
        #expect(entries.filter { $0.name == "Same-day end" }.count == 1)
        #expect(entries.filter { $0.name == "Golden" }.map(\.date.iso) == ["2024-10-01", "2024-10-02", "2024-10-03"])
        #expect(entries.filter { $0.name == "Week" }.count == 7)
    }

    @Test func yearlyRulesExpand() throws {
        let text = calendar(
            "DTSTART;VALUE=DATE:20200101\nRRULE:FREQ=YEARLY;COUNT=3\nSUMMARY:New Year",
            "DTSTART;VALUE=DATE:20201225\nRRULE:FREQ=YEARLY;UNTIL=20221225\nSUMMARY:Christmas",
            "DTSTART;VALUE=DATE:20200229\nRRULE:FREQ=YEARLY;COUNT=2\nSUMMARY:Leap",
            "DTSTART;VALUE=DATE:20200704\nRRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;UNTIL=20230704T000000Z\nEXDATE;VALUE=DATE:20210704\nSUMMARY:Fourth"
        )
        let entries = try ICalendarHolidayParser.parse(text)
        #expect(entries.filter { $0.name == "New Year" }.map(\.date.iso) == ["2020-01-01", "2021-01-01", "2022-01-01"])
        #expect(entries.filter { $0.name == "Christmas" }.map(\.date.iso) == ["2020-12-25", "2021-12-25", "2022-12-25"])
        #expect(entries.filter { $0.name == "Leap" }.map(\.date.iso) == ["2020-02-29", "2024-02-29"])
        #expect(entries.filter { $0.name == "Fourth" }.map(\.date.iso) == ["2020-07-04", "2022-07-04", "2023-07-04"])
    }

    @Test func openEndedYearlyRuleStopsAtLastSupportedYear() throws {
        let entries = try ICalendarHolidayParser.parse(calendar("DTSTART;VALUE=DATE:21900101\nRRULE:FREQ=YEARLY\nSUMMARY:Far"))
        #expect(entries.count == 10)
        #expect(entries.last?.date.iso == "2199-01-01")
    }

    @Test func otherRulesAreRefused() {
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=WEEKLY\nSUMMARY:x")).first?.contains("line 5: RRULE 'FREQ=WEEKLY' does not repeat yearly") == true)
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=YEARLY;BYDAY=2MO\nSUMMARY:x")).first?.contains("uses BYDAY") == true)
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=YEARLY;COUNT=2;UNTIL=20250101\nSUMMARY:x")).first?.contains("both COUNT and UNTIL") == true)
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=YEARLY;COUNT=0\nSUMMARY:x")).first?.contains("above 0") == true)
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=YEARLY;BYMONTH=2\nSUMMARY:x")).first?.contains("different day") == true)
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nRDATE;VALUE=DATE:20250101\nSUMMARY:x")).first?.contains("RDATE") == true)
    }

    @Test func workingDayMarkers() {
        for label in ["Working day", "WORKDAY", "work day", "Make-up day", "makeup", "春节补班", "上班", " 班 ", "Adjusted working day"] {
            #expect(ICalendarHolidayParser.marksWorkingDay(label), "\(label)")
        }
        for label in ["Spring Festival", "Non-working day", "Public holiday (non working day)", "班禅纪念日", "Labour Day", "Not a working day"] {
            #expect(!ICalendarHolidayParser.marksWorkingDay(label), "\(label)")
        }
    }

    @Test func workingDayFromCategoriesOrFlag() throws {
        let text = calendar(
            "DTSTART;VALUE=DATE:20240204\nSUMMARY:Spring Festival swap\nCATEGORIES:Holiday,Make-up\\, working",
            "DTSTART;VALUE=DATE:20240218\nSUMMARY:Swap\nX-COMITY-WORKING-DAY:TRUE",
            "DTSTART;VALUE=DATE:20240210\nSUMMARY:Workday festival (really off)\nX-COMITY-WORKING-DAY:false",
            "DTSTART;VALUE=DATE:20240211\nSUMMARY:Off\nTRANSP:OPAQUE"
        )
        #expect(try ICalendarHolidayParser.parse(text).map(\.isWorkingDay) == [true, false, false, true])
    }

    @Test func alarmPropertiesDoNotLeakIntoTheEvent() throws {
        let text = calendar("DTSTART;VALUE=DATE:20241001\nSUMMARY:National Day\nBEGIN:VALARM\nSUMMARY:Workday reminder\nEND:VALARM")
        #expect(try ICalendarHolidayParser.parse(text) == [HolidayEntry(date: date("2024-10-01"), name: "National Day")])
    }

    @Test func cancelledEventsAreSkippedAndSameDayHolidaysMerge() throws {
        let text = calendar(
            "DTSTART;VALUE=DATE:20240101\nSUMMARY:Gone\nSTATUS:CANCELLED",
            "DTSTART;VALUE=DATE:20240405\nSUMMARY:Qingming",
            "DTSTART;VALUE=DATE:20240405\nSUMMARY:Tomb Sweeping",
            "DTSTART;VALUE=DATE:20240405\nSUMMARY:Qingming"
        )
        #expect(try ICalendarHolidayParser.parse(text).map(\.description) == ["2024-04-05 Qingming / Tomb Sweeping"])
    }

    @Test func errorsCarryLineNumbersAndAreAllCollected() {
        let text = calendar(
            "DTSTART;VALUE=DATE:2024-13-01\nSUMMARY:Bad month",           // lines 3-6
            "DTSTART;VALUE=DATE:20240230\nSUMMARY:No such day",           // lines 7-10
            "DTSTART;VALUE=DATE:20240105\nDTEND;VALUE=DATE:20240101\nSUMMARY:Backwards", // 11-15
            "SUMMARY:No start",                                            // 16-18
            "DTSTART;VALUE=DATE:20240301",                                 // 19-21
            "DTSTART;VALUE=DATE:20240401\nDURATION:soon\nSUMMARY:x",      // 22-26
            "DTSTART;VALUE=DATE:20240501\nDTSTART;VALUE=DATE:20240502\nSUMMARY:twice" // 27-31
        )
        #expect(problems(text) == [
            "line 4: DTSTART '2024-13-01' is not a date; write it as YYYYMMDD, for example 20240101",
            "line 8: DTSTART '20240230' is not a usable date: 2024-02-30 is not a real date: February 2024 has 29 days; correct the date",
            "line 24: DURATION 'soon' is not a whole number of days or weeks; write it as P1D, P3D or P1W",
            "line 29: the event already has DTSTART on line 28; keep only one",
            "line 13: DTEND 2024-01-01 is before DTSTART 2024-01-05; correct one of the two dates",
            "line 16: the event starting here has no DTSTART; add the date as DTSTART;VALUE=DATE:YYYYMMDD",
            "line 19: the event starting here has no SUMMARY; add a SUMMARY line naming the holiday",
        ])
    }

    @Test func errorMessageListsEveryProblem() {
        do {
            _ = try ICalendarHolidayParser.parse(calendar("DTSTART:x\nSUMMARY:a", "DTSTART:y\nSUMMARY:b"))
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.description.hasPrefix("The holiday file was not imported because of 2 problems:\n  line 4: DTSTART 'x'"))
        }
    }

    @Test func conflictingWorkingDayAndHolidayIsReported() {
        let text = calendar("DTSTART;VALUE=DATE:20240204\nSUMMARY:Festival", "DTSTART;VALUE=DATE:20240204\nSUMMARY:补班")
        #expect(problems(text) == ["line 7: 2024-02-04 is a working day here but a holiday at line 3; remove the event that is wrong"])
    }

    @Test func structuralProblems() {
        #expect(problems("Date,Holiday\n2024-01-01,New Year\n").contains { $0.contains("not an iCalendar file") })
        #expect(problems("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n") == ["the calendar has no events (BEGIN:VEVENT); export a calendar that lists the holidays"])
        #expect(problems("") .contains { $0.contains("not an iCalendar file") })
        let unclosed = problems("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240101\nSUMMARY:x\n")
        #expect(unclosed.contains("line 2: BEGIN:VEVENT is never closed; add END:VEVENT after its last line"))
        #expect(unclosed.contains("line 1: BEGIN:VCALENDAR is never closed; add END:VCALENDAR after its last line"))
        let mismatched = problems("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240101\nSUMMARY:x\nEND:VCALENDAR\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(mismatched.first == "line 5: END:VCALENDAR does not match BEGIN:VEVENT on line 2; close VEVENT first")
        #expect(problems(calendar("DTSTART:20240101\nSUMMARY:x\nthis line has no colon")).first?.hasPrefix("line 6: 'this line has no colon' is not an iCalendar line") == true)
    }

    @Test func absurdSizesAreRefused() {
        let oneEvent = "BEGIN:VEVENT\nDTSTART:20240101\nSUMMARY:x\nEND:VEVENT\n"
        let many = "BEGIN:VCALENDAR\n" + String(repeating: oneEvent, count: ICalendarHolidayParser.maximumEvents + 1) + "END:VCALENDAR\n"
        let found = problems(many)
        #expect(found.count == 1)
        #expect(found.first?.contains("more than 100000 events") == true)
        #expect(problems(calendar("DTSTART;VALUE=DATE:20240101\nDTEND;VALUE=DATE:20300101\nSUMMARY:x")).first?.contains("lasts 2192 days") == true)
    }

    @Test func problemListIsCapped() {
        let bad = (0..<300).map { _ in "DTSTART:nope\nSUMMARY:x" }
        let text = "BEGIN:VCALENDAR\n" + bad.map { "BEGIN:VEVENT\n\($0)\nEND:VEVENT\n" }.joined() + "END:VCALENDAR\n"
        let found = problems(text)
        #expect(found.count == 101)
        #expect(found.last == "200 further problems are not listed; fix the ones above and import the file again")
    }
}

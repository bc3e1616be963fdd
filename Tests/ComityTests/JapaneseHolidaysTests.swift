import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

private func date(_ iso: String) -> CalendarDate {
    do { return try CalendarDate(iso: iso) } catch { fatalError("bad test date \(iso)") }
}

private func listing(_ year: Int) -> [String] {
    JapaneseHolidays.holidays(in: year).map { "\($0.date.iso) \($0.localName ?? "")" }
}

@Suite("Japanese national holidays")
struct JapaneseHolidaysTests {
    /// jpholiday spells two one-off holidays differently from the laws that created them.
    static let jpholidaySpelling = [
        "即位の礼正殿の儀": "即位礼正殿の儀",
        "皇太子・皇太子徳仁親王の結婚の儀": "皇太子徳仁親王の結婚の儀",
    ]

    @Test func matchesJpholidayForEveryDate1990To2050() throws {
        let tsv = try ClocksFixtures.text("jp-holidays-1990-2050.tsv")
        var expected: [Int: [String]] = [:]
        for row in tsv.split(separator: "\n") {
            let fields = row.split(separator: "\t").map(String.init)
            try #require(fields.count == 2, "malformed fixture row \(row)")
            let name = Self.jpholidaySpelling[fields[1]] ?? fields[1]
            expected[date(fields[0]).year, default: []].append("\(fields[0]) \(name)")
        }
        #expect(expected.keys.sorted() == Array(JapaneseHolidays.years))
        var total = 0
        for year in JapaneseHolidays.years {
            let ours = listing(year)
            total += ours.count
            #expect(ours == expected[year] ?? [], "year \(year)")
        }
        #expect(total == 1058)
    }

    @Test func every2019Holiday() {
        #expect(JapaneseHolidays.holidays(in: 2019).map(\.description) == [
            "2019-01-01 New Year's Day",
            "2019-01-14 Coming of Age Day",
            "2019-02-11 National Foundation Day",
            "2019-03-21 Vernal Equinox Day",
            "2019-04-29 Showa Day",
            "2019-04-30 Citizens' Holiday",
            "2019-05-01 Enthronement Day",
            "2019-05-02 Citizens' Holiday",
            "2019-05-03 Constitution Memorial Day",
            "2019-05-04 Greenery Day",
            "2019-05-05 Children's Day",
            "2019-05-06 Substitute Holiday (Children's Day)",
            "2019-07-15 Marine Day",
            "2019-08-11 Mountain Day",
            "2019-08-12 Substitute Holiday (Mountain Day)",
            "2019-09-16 Respect for the Aged Day",
            "2019-09-23 Autumnal Equinox Day",
            "2019-10-14 Health and Sports Day",
            "2019-10-22 Enthronement Ceremony",
            "2019-11-03 Culture Day",
            "2019-11-04 Substitute Holiday (Culture Day)",
            "2019-11-23 Labour Thanksgiving Day",
        ])
        // No Emperor's Birthday in 2019: Akihito had abdicated, Naruhito's falls in February.
        #expect(!JapaneseHolidays.holidays(in: 2019).contains { $0.localName == "天皇誕生日" })
    }

    @Test func every2020HolidayIncludingOlympicMoves() {
        #expect(listing(2020) == [
            "2020-01-01 元日",
            "2020-01-13 成人の日",
            "2020-02-11 建国記念の日",
            "2020-02-23 天皇誕生日",
            "2020-02-24 天皇誕生日 振替休日",
            "2020-03-20 春分の日",
            "2020-04-29 昭和の日",
            "2020-05-03 憲法記念日",
            "2020-05-04 みどりの日",
            "2020-05-05 こどもの日",
            "2020-05-06 憲法記念日 振替休日",
            "2020-07-23 海の日",
            "2020-07-24 スポーツの日",
            "2020-08-10 山の日",
            "2020-09-21 敬老の日",
            "2020-09-22 秋分の日",
            "2020-11-03 文化の日",
            "2020-11-23 勤労感謝の日",
        ])
    }

    @Test func every2011Holiday() {
        #expect(JapaneseHolidays.holidays(in: 2011).map(\.date.iso) == [
            "2011-01-01", "2011-01-10", "2011-02-11", "2011-03-21", "2011-04-29",
            "2011-05-03", "2011-05-04", "2011-05-05", "2011-07-18", "2011-09-19",
            "2011-09-23", "2011-10-10", "2011-11-03", "2011-11-23", "2011-12-23",
        ])
        #expect(JapaneseHolidays.holidays(in: 2011)[6].name == "Greenery Day")
    }

    @Test func olympicYear2021MovesAndSubstitute() {
        let july = listing(2021).filter { $0.hasPrefix("2021-07") || $0.hasPrefix("2021-08") || $0.hasPrefix("2021-10") }
        #expect(july == ["2021-07-22 海の日", "2021-07-23 スポーツの日", "2021-08-08 山の日", "2021-08-09 山の日 振替休日"])
    }

    @Test func oneOffImperialHolidays() {
        #expect(listing(1990).contains("1990-11-12 即位礼正殿の儀"))
        #expect(listing(1993).contains("1993-06-09 皇太子徳仁親王の結婚の儀"))
        #expect(JapaneseHolidays.holidays(in: 1993).contains { $0.name == "Wedding of Crown Prince Naruhito" })
    }

    @Test func renamedAndMovedHolidays() {
        // Greenery Day moved from 29 April to 4 May in 2007 when 29 April became Showa Day.
        #expect(listing(2006).contains("2006-04-29 みどりの日"))
        #expect(listing(2007).contains("2007-04-29 昭和の日"))
        #expect(listing(2007).contains("2007-05-04 みどりの日"))
        // Happy Monday: Coming of Age Day and Health-Sports Day from 2000, Marine and Respect for the Aged from 2003.
        #expect(listing(1999).contains("1999-01-15 成人の日"))
        #expect(listing(2000).contains("2000-01-10 成人の日"))
        #expect(listing(2002).contains("2002-07-20 海の日"))
        #expect(listing(2003).contains("2003-07-21 海の日"))
        #expect(listing(2003).contains("2003-09-15 敬老の日"))
        #expect(listing(2019).contains("2019-10-14 体育の日"))
        #expect(listing(2022).contains("2022-10-10 スポーツの日"))
        // Marine Day from 1996, Mountain Day from 2016.
        #expect(!listing(1995).contains { $0.contains("海の日") })
        #expect(!listing(2015).contains { $0.contains("山の日") })
        #expect(listing(2016).contains("2016-08-11 山の日"))
        // Emperor's Birthday: 23 December until 2018, 23 February from 2020.
        #expect(listing(2018).contains("2018-12-23 天皇誕生日"))
        #expect(listing(2020).allSatisfy { !$0.hasPrefix("2020-12-23") })
    }

    @Test func substituteRuleChangedIn2007() {
        // 2008: Greenery Day fell on Sunday 4 May; the substitute skips Children's Day to 6 May.
        #expect(listing(2008).contains("2008-05-06 みどりの日 振替休日"))
        // Before 2007 a Sunday 4 May between two holidays was simply a Sunday.
        #expect(!listing(1997).contains { $0.hasPrefix("1997-05-04") })
        #expect(listing(1998).contains("1998-05-04 憲法記念日 振替休日"))
    }

    @Test func citizensHolidayInSilverWeek() {
        #expect(listing(2015).contains("2015-09-22 国民の休日"))
        #expect(listing(2026).contains("2026-09-22 国民の休日"))
    }

    @Test func equinoxesByFormula() {
        #expect(JapaneseHolidays.vernalEquinoxDay(in: 2011) == 21)
        #expect(JapaneseHolidays.vernalEquinoxDay(in: 2020) == 20)
        #expect(JapaneseHolidays.autumnalEquinoxDay(in: 2012) == 22)
        #expect(JapaneseHolidays.autumnalEquinoxDay(in: 2011) == 23)
    }

    @Test func noYearEndClosureAndNothingOutsideRange() {
        let dec31 = JapaneseHolidays.holidays(in: 2011).filter { $0.date.month == 12 && $0.date.day > 23 }
        #expect(dec31.isEmpty)
        #expect(!JapaneseHolidays.holidays(in: 2012).contains { $0.date.iso == "2012-01-03" })
        #expect(JapaneseHolidays.holidays(in: 1989).isEmpty)
        #expect(JapaneseHolidays.holidays(in: 2051).isEmpty)
    }

    @Test func holidaysAreSortedUniqueAndInTheirYear() {
        for year in JapaneseHolidays.years {
            let dates = JapaneseHolidays.holidays(in: year).map(\.date)
            #expect(dates == dates.sorted())
            #expect(Set(dates).count == dates.count)
            #expect(dates.allSatisfy { $0.year == year })
        }
    }
}

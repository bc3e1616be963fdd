import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

private func date(_ iso: String) -> CalendarDate {
    do { return try CalendarDate(iso: iso) } catch { fatalError("bad test date \(iso)") }
}

@Suite("Japanese era dates")
struct JapaneseEraDateTests {
    @Test(arguments: [
        ("2011-09-30", "平成23年9月30日"),
        ("2019-04-30", "平成31年4月30日"),
        ("2019-05-01", "令和元年5月1日"),
        ("2020-01-01", "令和2年1月1日"),
        ("2021-04-22", "令和3年4月22日"),
        ("1989-01-07", "昭和64年1月7日"),
        ("1989-01-08", "平成元年1月8日"),
        ("1989-12-31", "平成元年12月31日"),
        ("1990-01-01", "平成2年1月1日"),
        ("1926-12-24", "大正15年12月24日"),
        ("1926-12-25", "昭和元年12月25日"),
        ("1927-01-01", "昭和2年1月1日"),
        ("1912-07-29", "明治45年7月29日"),
        ("1912-07-30", "大正元年7月30日"),
        ("1900-01-01", "明治33年1月1日"),
        ("2199-12-31", "令和181年12月31日"),
    ])
    func eraFormatting(iso: String, expected: String) {
        #expect(date(iso).japaneseEra == expected)
        #expect(JapaneseEraDate(date(iso)).description == expected)
    }

    @Test func components() {
        let d = JapaneseEraDate(date("2019-05-01"))
        #expect(d.era == .reiwa && d.eraYear == 1 && d.month == 5 && d.day == 1)
        #expect(JapaneseEraDate(date("2019-04-30")).era == .heisei)
        #expect(JapaneseEraDate.Era.allCases.map(\.kanji) == ["明治", "大正", "昭和", "平成", "令和"])
        #expect(JapaneseEraDate.Era.allCases.map(\.firstDay.iso) == ["1873-01-01", "1912-07-30", "1926-12-25", "1989-01-08", "2019-05-01"])
    }

    @Test func westernStyle() {
        #expect(date("2011-09-30").japaneseWestern == "2011年9月30日")
        #expect(date("2019-05-01").japaneseWestern == "2019年5月1日")
    }
}

/// A date written the Japanese way, by era (和暦) as in "平成23年9月30日".
///
/// Japanese ministries date their correspondence by era, so letters to Japan
/// and citations of Japanese documents need this form. Eras start on the day
/// the new emperor acceded: an era's first year is written 元年 ("year one").
///
///     JapaneseEraDate(try CalendarDate(iso: "2019-05-01")).formatted   // "令和元年5月1日"
public struct JapaneseEraDate: Hashable, Sendable, CustomStringConvertible {
    /// Eras covering `CalendarDate.supportedYears`, oldest first.
    public enum Era: String, CaseIterable, Sendable, Codable {
        case meiji, taisho, showa, heisei, reiwa

        /// The era's name in kanji, as written in dates.
        public var kanji: String {
            switch self {
            case .meiji: "明治"
            case .taisho: "大正"
            case .showa: "昭和"
            case .heisei: "平成"
            case .reiwa: "令和"
            }
        }

        /// First day of the era (Meiji is given from Japan's adoption of the Gregorian calendar on 1873-01-01).
        public var firstDay: CalendarDate {
            // Day numbers, because 1873 lies before the years CalendarDate's checked initialiser accepts.
            switch self {
            case .meiji: CalendarDate(dayNumber: -35_428)   // 1873-01-01
            case .taisho: CalendarDate(dayNumber: -20_974)  // 1912-07-30
            case .showa: CalendarDate(dayNumber: -15_713)   // 1926-12-25
            case .heisei: CalendarDate(dayNumber: 6_947)    // 1989-01-08
            case .reiwa: CalendarDate(dayNumber: 18_017)    // 2019-05-01
            }
        }
    }

    public let era: Era
    /// Year within the era; 1 is written 元年.
    public let eraYear: Int
    public let month: Int
    public let day: Int

    /// The era date of `date`. Dates before 1873 are given in Meiji years too, which Comity never needs.
    public init(_ date: CalendarDate) {
        let era = Era.allCases.last { $0.firstDay <= date } ?? .meiji
        self.era = era
        // Meiji 1 was 1868; the other eras count from the year they began.
        self.eraYear = date.year - (era == .meiji ? 1868 : era.firstDay.year) + 1
        self.month = date.month
        self.day = date.day
    }

    /// `平成23年9月30日`, `令和元年5月1日`.
    public var formatted: String {
        "\(era.kanji)\(eraYear == 1 ? "元" : String(eraYear))年\(month)月\(day)日"
    }

    public var description: String { formatted }
}

extension CalendarDate {
    /// The date in Japanese era style: `平成23年9月30日`.
    public var japaneseEra: String { JapaneseEraDate(self).formatted }

    /// The date in Western-year Japanese style: `2011年9月30日`.
    public var japaneseWestern: String { "\(year)年\(month)月\(day)日" }
}

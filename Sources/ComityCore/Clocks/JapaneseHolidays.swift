/// Japan's national holidays, computed by rule from the National Holidays Act
/// (国民の祝日に関する法律, Act No. 178 of 1948) and the one-off laws of the Heisei and Reiwa eras.
///
/// Rules rather than a table so that any year in `years` is covered without
/// anyone keeping a list up to date. The equinox days use the standard
/// astronomical approximation; the Cabinet confirms them each February for the
/// next year, and the approximation has matched every announcement since 1980.
///
///     JapaneseHolidays.holidays(in: 2019).first?.name   // "New Year's Day"
public enum JapaneseHolidays {
    /// Years computed. Outside them `holidays(in:)` returns nothing: earlier law
    /// differs and later years depend on future legislation and equinox confirmation.
    public static let years = 1990...2050

    /// Every holiday of `year` in date order: national holidays, substitute
    /// holidays (振替休日) and citizens' holidays (国民の休日).
    public static func holidays(in year: Int) -> [Holiday] {
        guard years.contains(year) else { return [] }
        let national = nationalHolidays(in: year)
        var all = national.mapValues { Holiday(date: $0.date, name: $0.name.english, localName: $0.name.japanese) }

        // Substitute holidays (Article 3(2)). Until 2006 only the Monday after a
        // Sunday holiday; from 2007 the first following day that is not itself
        // a national holiday, so Golden Week Sundays push the day off to May 6.
        for (date, holiday) in national where date.isoWeekday == 7 {
            var substitute = date.adding(days: 1)
            if year >= 2007 {
                while national[substitute] != nil { substitute = substitute.adding(days: 1) }
            } else if national[substitute] != nil {
                continue
            }
            all[substitute] = Holiday(
                date: substitute,
                name: "Substitute Holiday (\(holiday.name.english))",
                localName: "\(holiday.name.japanese) 振替休日"
            )
        }

        // Citizens' holidays (Article 3(3)): a day between two national holidays.
        // Until 2006 the Act excluded Sundays and substitute holidays explicitly.
        for (date, _) in national {
            let between = date.adding(days: 1)
            guard national[between] == nil, national[between.adding(days: 1)] != nil, all[between] == nil else { continue }
            if year < 2007 && between.isoWeekday == 7 { continue }
            all[between] = Holiday(date: between, name: Names.citizens.english, localName: Names.citizens.japanese)
        }
        return all.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// The day of March on which the vernal equinox falls in Japan Standard Time (valid 1980–2099).
    public static func vernalEquinoxDay(in year: Int) -> Int {
        equinox(base: 20.8431, year: year)
    }

    /// The day of September on which the autumnal equinox falls in Japan Standard Time (valid 1980–2099).
    public static func autumnalEquinoxDay(in year: Int) -> Int {
        equinox(base: 23.2488, year: year)
    }

    private static func equinox(base: Double, year: Int) -> Int {
        // The tropical year is 0.242194 days longer than 365; leap days pull the date back.
        let offset = year - 1980
        return Int(base + 0.242194 * Double(offset)) - offset / 4
    }

    private typealias Named = (date: CalendarDate, name: Names.Pair)

    /// Holidays named in the Act (and the one-off laws), before substitute and citizens' days.
    private static func nationalHolidays(in y: Int) -> [CalendarDate: Named] {
        var result: [CalendarDate: Named] = [:]
        func add(_ month: Int, _ day: Int, _ name: Names.Pair) {
            let date = knownDate(y, month, day)
            result[date] = (date, name)
        }
        func addMonday(_ nth: Int, of month: Int, _ name: Names.Pair) {
            let first = knownDate(y, month, 1)
            add(month, 1 + (8 - first.isoWeekday) % 7 + 7 * (nth - 1), name)
        }

        add(1, 1, Names.newYear)
        if y < 2000 { add(1, 15, Names.comingOfAge) } else { addMonday(2, of: 1, Names.comingOfAge) }
        add(2, 11, Names.foundation)
        if y >= 2020 { add(2, 23, Names.emperor) }
        add(3, vernalEquinoxDay(in: y), Names.vernal)
        add(4, 29, y < 2007 ? Names.greenery : Names.showa)
        add(5, 3, Names.constitution)
        if y >= 2007 { add(5, 4, Names.greenery) }
        add(5, 5, Names.children)
        switch y {
        case 1996...2002: add(7, 20, Names.marine)
        case 2020: add(7, 23, Names.marine)  // moved for the Tokyo Olympics
        case 2021: add(7, 22, Names.marine)  // moved again when the Games were postponed
        case 2003...: addMonday(3, of: 7, Names.marine)
        default: break
        }
        switch y {
        case 2020: add(8, 10, Names.mountain)
        case 2021: add(8, 8, Names.mountain)
        case 2016...: add(8, 11, Names.mountain)
        default: break
        }
        if y < 2003 { add(9, 15, Names.respectForAged) } else { addMonday(3, of: 9, Names.respectForAged) }
        add(9, autumnalEquinoxDay(in: y), Names.autumnal)
        switch y {
        case ..<2000: add(10, 10, Names.healthSports)
        case 2000...2019: addMonday(2, of: 10, Names.healthSports)
        case 2020: add(7, 24, Names.sports)
        case 2021: add(7, 23, Names.sports)
        default: addMonday(2, of: 10, Names.sports)
        }
        add(11, 3, Names.culture)
        add(11, 23, Names.labourThanksgiving)
        if y <= 2018 { add(12, 23, Names.emperor) }

        // One-off laws; each deems its day a national holiday, so the
        // substitute and citizens' rules apply to it (hence 2019-04-30 and 05-02).
        switch y {
        case 1990: add(11, 12, Names.enthronementCeremony)
        case 1993: add(6, 9, Names.royalWedding)
        case 2019:
            add(5, 1, Names.enthronement)
            add(10, 22, Names.enthronementCeremony)
        default: break
        }
        return result
    }

    /// A date the rules above guarantee is real.
    private static func knownDate(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        do { return try CalendarDate(year: year, month: month, day: day) } catch {
            preconditionFailure("holiday rule produced \(error)")
        }
    }
}

/// English and official Japanese names of Japan's holidays.
private enum Names {
    typealias Pair = (english: String, japanese: String)
    static let newYear: Pair = ("New Year's Day", "元日")
    static let comingOfAge: Pair = ("Coming of Age Day", "成人の日")
    static let foundation: Pair = ("National Foundation Day", "建国記念の日")
    static let emperor: Pair = ("The Emperor's Birthday", "天皇誕生日")
    static let vernal: Pair = ("Vernal Equinox Day", "春分の日")
    static let showa: Pair = ("Showa Day", "昭和の日")
    static let constitution: Pair = ("Constitution Memorial Day", "憲法記念日")
    static let greenery: Pair = ("Greenery Day", "みどりの日")
    static let children: Pair = ("Children's Day", "こどもの日")
    static let marine: Pair = ("Marine Day", "海の日")
    static let mountain: Pair = ("Mountain Day", "山の日")
    static let respectForAged: Pair = ("Respect for the Aged Day", "敬老の日")
    static let autumnal: Pair = ("Autumnal Equinox Day", "秋分の日")
    static let healthSports: Pair = ("Health and Sports Day", "体育の日")
    static let sports: Pair = ("Sports Day", "スポーツの日")
    static let culture: Pair = ("Culture Day", "文化の日")
    static let labourThanksgiving: Pair = ("Labour Thanksgiving Day", "勤労感謝の日")
    static let citizens: Pair = ("Citizens' Holiday", "国民の休日")
    static let enthronement: Pair = ("Enthronement Day", "天皇の即位の日")
    static let enthronementCeremony: Pair = ("Enthronement Ceremony", "即位礼正殿の儀")
    static let royalWedding: Pair = ("Wedding of Crown Prince Naruhito", "皇太子徳仁親王の結婚の儀")
}

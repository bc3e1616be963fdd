import Foundation

/// Everything a language says in its own words outside its templates: dates, titles, marks,
/// reply phrases, grounds of refusal, day counts, stall categories, talking-point sentences and
/// the words of the letter index. Read from `templates/<tag>/phrases.json`; templates/README.md lists the keys.
/// A class: every letter of a batch shares one, so passing it around costs a reference, not a copy.
///
///     let phrases = try Phrasebook(language: .en, data: json)
///     phrases.date(try CalendarDate(iso: "2011-09-30"))   // "30 September 2011"
///     phrases.days(1)                                      // "1 day"
public final class Phrasebook: Sendable {
    /// How the language counts years.
    public enum Calendar: String, Sendable {
        /// Western years.
        case gregorian
        /// Japanese eras (平成23年), computed by `JapaneseEraDate`.
        case japaneseEra = "japanese-era"
    }

    public let language: LetterLanguage
    /// The language's own name (`English`, `日本語`).
    public let name: String
    public let calendar: Calendar
    let months: [String]?
    let eraFirstYear: String?
    let eraSpan: PhrasePattern?
    let dayPattern, monthPattern, yearPattern: PhrasePattern
    let sameMonth, sameYear, otherRange: PhrasePattern
    let dayCounts: PhrasePlural
    let titles: [LetterKind: String]
    let grounds: [RefusalGround: String]
    let marks: [Classification: String]
    let replies: [ReplyKind: String]
    let preservation, limitation: PhrasePattern
    let categories: [StallCategory: String]
    let cities: [String: String]
    public let talkingPoints: TalkingPointPhrases
    public let index: LetterIndexPhrases
    /// Dates already written: a batch writes the same few dates in thousands of letters.
    let writtenDates = WrittenDates()

    static let dateSlots: Set<String> = ["day", "m", "month", "year"]
    static let rangeSlots: Set<String> = dateSlots.union(["from", "to", "toDay", "toM", "toMonth", "toYear"])

    /// Reads a phrase file, refusing it with the first key that is missing or malformed.
    public init(language: LetterLanguage, data: Data) throws(PhraseProblem) {
        let r = try PhraseReader(data)
        self.language = language
        name = try r.text("language")
        let calendarName = try r.text("calendar")
        guard let calendar = Calendar(rawValue: calendarName) else {
            throw PhraseProblem(key: "calendar", reason: .malformed("“\(calendarName)”, which is no calendar Comity knows (gregorian or japanese-era)"))
        }
        self.calendar = calendar
        if r.has("months") {
            guard let months = r.value("months") as? [String], months.count == 12, !months.contains(where: \.isEmpty) else {
                throw PhraseProblem(key: "months", reason: .wrongType("a list of the twelve month names"))
            }
            self.months = months
        } else {
            months = nil
        }
        if calendar == .japaneseEra {
            eraFirstYear = try r.text("eraFirstYear")
            eraSpan = try r.pattern("eraSpan", ["before", "after"])
        } else {
            eraFirstYear = nil
            eraSpan = nil
        }
        dayPattern = try r.pattern("dates.day", Self.dateSlots)
        monthPattern = try r.pattern("dates.month", Self.dateSlots.subtracting(["day"]))
        yearPattern = try r.pattern("dates.year", ["year"])
        sameMonth = try r.pattern("dates.range.sameMonth", Self.rangeSlots)
        sameYear = try r.pattern("dates.range.sameYear", Self.rangeSlots)
        otherRange = try r.pattern("dates.range.other", ["from", "to"])
        for (key, pattern) in [("dates.day", dayPattern), ("dates.month", monthPattern), ("dates.range.sameMonth", sameMonth), ("dates.range.sameYear", sameYear)]
        where months == nil && (pattern.uses("month") || pattern.uses("toMonth")) {
            throw PhraseProblem(key: "months", reason: .wrongType("present: \(key) uses a month's name"))
        }
        let oneCounts = try r.counts("pluralOne") ?? [1]
        dayCounts = try r.plural("days", oneCounts: oneCounts)
        titles = try r.table("kinds", LetterKind.self)
        grounds = try r.table("refusalGrounds", RefusalGround.self)
        marks = try r.table("marks", Classification.self)
        replies = try r.table("replies", ReplyKind.self)
        preservation = try r.pattern("hardLimits.preservation", ["case"])
        limitation = try r.pattern("hardLimits.limitation", ["case"])
        categories = try r.table("categories", StallCategory.self)
        cities = try r.map("cities")
        talkingPoints = try TalkingPointPhrases(r, oneCounts: oneCounts)
        index = try LetterIndexPhrases(r, oneCounts: oneCounts)
    }

    /// A letter's title for the kind, a step of the ladder or a reply letter (`口上書`, `受領通知`).
    public func title(_ kind: LetterKind) -> String { titles[kind]! }

    /// A ground for refusing a request, in the words of the treaties and the UN Model Treaty.
    public func ground(_ ground: RefusalGround) -> String { grounds[ground]! }

    /// The classification mark to print (`RESTRICTED`, `取扱注意`).
    public func mark(_ classification: Classification) -> String { marks[classification]! }

    /// How a reply of this kind is described in a letter's chronology.
    public func phrase(_ kind: ReplyKind) -> String { replies[kind]! }

    /// The name of a stall category.
    public func category(_ category: StallCategory) -> String { categories[category]! }

    /// A city's name in this language; a city the file does not name is left as recorded.
    public func city(_ name: String) -> String { cities[name] ?? name }

    /// A count of days: `1 day`, `45 days`, `45日`.
    public func days(_ n: Int) -> String { dayCounts.text(n) }

    /// What a hard limit is, in this language.
    public func hardLimit(_ kind: RequestClock.Kind, caseID: String) -> String {
        (kind == .preservation ? preservation : limitation).fill(["case": caseID])
    }
}

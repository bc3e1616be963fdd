import ComityCore
import ComityRender
import Foundation
import Testing

/// The phrase files: dates, ranges, day counts, and the refusal of a broken file.
@Suite("phrase files")
struct PhrasebookTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates", isDirectory: true)
    static let renderer = Result { try DocumentRenderer(templates: templates) }

    static func phrases(_ tag: String) throws -> Phrasebook {
        try renderer.get().phrasebook(try LetterLanguage(tag: tag))
    }

    static func day(_ iso: String) throws -> CalendarDate { try CalendarDate(iso: iso) }

    @Test("the shipped languages are English, Japanese and Simplified Chinese, each with its own name")
    func shipped() throws {
        #expect(try Self.renderer.get().availableLanguages.map(\.rawValue) == ["en", "ja", "zh-Hans"])
        #expect(try Self.phrases("en").name == "English")
        #expect(try Self.phrases("ja").name == "日本語")
        #expect(try Self.phrases("zh-Hans").name == "简体中文")
    }

    @Test("dates: English day month year, Japanese by era (元年 for year one), Chinese with Western years")
    func dates() throws {
        let (en, ja, zh) = (try Self.phrases("en"), try Self.phrases("ja"), try Self.phrases("zh-Hans"))
        #expect(en.date(try Self.day("2011-09-30")) == "30 September 2011")
        #expect(ja.date(try Self.day("2011-09-30")) == "平成23年9月30日")
        #expect(ja.date(try Self.day("2019-05-01")) == "令和元年5月1日")
        #expect(ja.date(try Self.day("2021-04-22")) == "令和3年4月22日")
        #expect(zh.date(try Self.day("2011-12-01")) == "2011年12月1日")
        #expect(ja.reported(try ReportedDate(iso: "1989-01")) == "昭和64年／平成元年1月")
        #expect(ja.reported(try ReportedDate(iso: "2019-05")) == "令和元年5月")
        #expect(ja.reported(try ReportedDate(iso: "2011-08")) == "平成23年8月")
        #expect(ja.reported(try ReportedDate(iso: "2019")) == "平成31年／令和元年")
        #expect(en.reported(try ReportedDate(iso: "2011-08")) == "August 2011")
        #expect(zh.reported(try ReportedDate(iso: "2011")) == "2011年")
    }

    @Test("ranges name the era or year once, and both when they differ",
          arguments: [
            ("ja", "2011-12-25", "2011-12-26", "平成23年12月25日から26日まで"),
            ("ja", "2011-11-30", "2011-12-01", "平成23年11月30日から12月1日まで"),
            ("ja", "2011-12-31", "2012-01-01", "平成23年12月31日から平成24年1月1日まで"),
            ("ja", "2019-04-30", "2019-05-01", "平成31年4月30日から令和元年5月1日まで"),
            ("ja", "2011-12-25", "2011-12-25", "平成23年12月25日"),
            ("en", "2011-12-25", "2011-12-26", "25–26 December 2011"),
            ("en", "2011-11-30", "2011-12-01", "30 November – 1 December 2011"),
            ("en", "2011-12-31", "2012-01-01", "31 December 2011 – 1 January 2012"),
            ("zh-Hans", "2011-12-25", "2011-12-26", "2011年12月25日至26日"),
            ("zh-Hans", "2011-11-30", "2011-12-01", "2011年11月30日至12月1日"),
          ])
    func ranges(tag: String, from: String, to: String, expected: String) throws {
        let text = try Self.phrases(tag).span(try Self.day(from), try Self.day(to))
        #expect(text == expected)
    }

    @Test("day counts take the plural forms of the file: 1 day, 2 days; one form in Japanese and Chinese")
    func dayCounts() throws {
        #expect(try Self.phrases("en").days(1) == "1 day")
        #expect(try Self.phrases("en").days(0) == "0 days")
        #expect(try Self.phrases("en").days(45) == "45 days")
        #expect(try Self.phrases("ja").days(1) == "1日")
        #expect(try Self.phrases("zh-Hans").days(2) == "2天")
        let french = try Phrasebook(language: try LetterLanguage(tag: "fr"), data: try Data(contentsOf: Self.french))
        #expect(french.days(0) == "0 jour" && french.days(1) == "1 jour" && french.days(2) == "2 jours")
    }

    static let french = templates.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/languages/fr/phrases.json")

    @Test("titles and marks: a Japanese reminder is a 催促状; China's marks translate Japan's")
    func titles() throws {
        #expect(try Self.phrases("ja").title(.reminder) == "催促状")
        #expect(try Self.phrases("zh-Hans").title(.noteVerbale) == "照会")
        #expect(try Self.phrases("zh-Hans").title(.reminder) == "催办函")
        #expect(try Self.phrases("ja").mark(.secret) == "極秘")
        #expect(try Self.phrases("zh-Hans").mark(.restricted) == "注意处理")
        #expect(try Self.phrases("en").mark(.confidential) == "CONFIDENTIAL")
        #expect(try Self.phrases("ja").city("Beijing") == "北京")
        #expect(try Self.phrases("en").city("Beijing") == "Beijing")
    }

    @Test("the stall report's built-in English phrases are the text of templates/en/phrases.json")
    func builtInEnglish() throws {
        let file = try String(contentsOf: Self.templates.appendingPathComponent("en/phrases.json"), encoding: .utf8)
        #expect(file.trimmingCharacters(in: .newlines) == Phrasebook.englishSource.trimmingCharacters(in: .newlines),
                "edit Sources/ComityCore/Language/Phrasebook+English.swift with templates/en/phrases.json")
    }

    @Test("a missing key, a wrong type, an unknown placeholder or a stray brace is refused naming the key",
          arguments: [
            (#""language": "Français","#, "", "the key language is missing"),
            (#""one": "{n} jour", "#, #""one": 1, "#, "the key days.one should be non-empty text"),
            ("{counterpart} n'en a pas", "{partie} n'en a pas", "the key talkingPoints.notAcknowledged has the placeholder {partie}"),
            ("Lettres de suivi du {date}", "Lettres de suivi du {date", "the key index.title has a “{” that is never closed"),
            ("projets non émis.", "projets} non émis.", "the key index.drafts has a “}” with no “{” before it"),
            (#""calendar": "gregorian""#, #""calendar": "julian""#, "the key calendar has “julian”"),
          ])
    func refusals(find: String, replace: String, expected: String) throws {
        let text = try String(contentsOf: Self.french, encoding: .utf8)
        try #require(text.contains(find))
        let broken = Data(text.replacingOccurrences(of: find, with: replace).utf8)
        let french = try LetterLanguage(tag: "fr")
        #expect(throws: PhraseProblem.self) { try Phrasebook(language: french, data: broken) }
        do throws(PhraseProblem) {
            _ = try Phrasebook(language: french, data: broken)
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test("a language tag is BCP 47 in form; anything else is refused")
    func tags() throws {
        for good in ["en", "ja", "zh-Hans", "pt-BR", "sr-Latn-RS"] { #expect(LetterLanguage(rawValue: good) != nil, "\(good)") }
        for bad in ["", "e", "e n", "../en", "en-", "-en", "en_US", "zh-Hans-toolongsubtag"] { #expect(LetterLanguage(rawValue: bad) == nil, "\(bad)") }
        #expect(try JSONEncoder().encode(LetterLanguage.ja) == Data(#""ja""#.utf8))
    }
}

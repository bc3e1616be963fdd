import ComityCore
import ComityRender
import Foundation
import Testing

/// Why a batch wrote no letter: English on the command line, the batch's language in its index.
@Suite("reasons a letter was not written")
struct SkipReasonTests {
    static let reasons: [SkipReason] = [
        .ballWithUs(advice: "send the further information China asked for"),
        .noLetterStep(advice: "raise it at the next meeting"),
        .cannotProduce(kind: .noteVerbale, reference: "JP-R-002", missing: ["the legal basis of request JP-R-002 (it was recorded without --basis)", "the city of JP-EMB-CN"]),
        .alreadyFollowedUp(kind: .talkingPoints, number: "JP-MOFA/2011/0001", date: try! CalendarDate(iso: "2011-11-28"), interval: 30,
                           due: try! CalendarDate(iso: "2011-12-28")),
        .alreadyFollowedUp(kind: .reminder, number: nil, date: try! CalendarDate(iso: "2011-11-28"), interval: 1,
                           due: try! CalendarDate(iso: "2011-11-29")),
    ]

    /// The reasons as the index of a batch in `phrases` lists them.
    static func listed(_ phrases: Phrasebook) throws -> [String] {
        let skipped = reasons.enumerated().map { LetterIndex.Skipped(reference: "JP-R-00\($0.offset)", reason: $0.element, classification: .restricted) }
        let index = LetterIndex(date: try CalendarDate(iso: "2011-12-01"), issued: false, letters: [], skipped: skipped)
        guard case .list(let rows) = index.templateContext(phrases: phrases)["skipped"] else { return [] }
        return rows.map { row in
            guard case .object(let fields) = row, case .text(let reason) = fields["reason"] else { return "" }
            return reason
        }
    }

    @Test("the command line's English sentences are those Comity always printed")
    func english() {
        #expect(Self.reasons.map(\.description) == [
            "the ball is with us: send the further information China asked for",
            "no letter is the next step: raise it at the next meeting",
            "cannot produce the note verbale for JP-R-002; missing: the legal basis of request JP-R-002 (it was recorded without --basis); the city of JP-EMB-CN",
            "already followed up: talking points JP-MOFA/2011/0001 of 2011-11-28, within the follow-up interval of 30 days; the next is due on 2011-12-28",
            "already followed up: working-level reminder of 2011-11-28, within the follow-up interval of 1 day; the next is due on 2011-11-29",
        ])
    }

    @Test("an English index words the reasons as the command line does, its dates and day counts from the phrase book")
    func englishIndex() throws {
        let listed = try Self.listed(try PhrasebookTests.phrases("en"))
        #expect(Array(listed.prefix(3)) == Self.reasons.prefix(3).map(\.description))
        #expect(listed[3] == "already followed up: talking points JP-MOFA/2011/0001 of 28 November 2011, within the follow-up interval of 30 days; the next is due on 28 December 2011")
        #expect(listed[4] == "already followed up: working-level reminder of 28 November 2011, within the follow-up interval of 1 day; the next is due on 29 November 2011")
    }

    @Test("Japanese, Chinese and French indexes lead each reason in their language; the English facts follow as recorded",
          arguments: [
            ("ja", [
                "次の対応は当方にある：send the further information China asked for",
                "次の対応は文書の送付ではない：raise it at the next meeting",
                "JP-R-002の口上書を作成できない。不足している値：the legal basis of request JP-R-002 (it was recorded without --basis); the city of JP-EMB-CN",
                "フォローアップ済み：平成23年11月28日付発言要領（JP-MOFA/2011/0001）。フォローアップ間隔（30日）内のため、次回は平成23年12月28日以降",
                "フォローアップ済み：平成23年11月28日付催促状。フォローアップ間隔（1日）内のため、次回は平成23年11月29日以降",
            ]),
            ("zh-Hans", [
                "下一步在我方：send the further information China asked for",
                "下一步不是发函：raise it at the next meeting",
                "无法撰写JP-R-002的照会；缺少：the legal basis of request JP-R-002 (it was recorded without --basis); the city of JP-EMB-CN",
                "已跟进：2011年11月28日的谈话要点（JP-MOFA/2011/0001），仍在30天的跟进间隔内；下次应于2011年12月28日跟进",
                "已跟进：2011年11月28日的催办函，仍在1天的跟进间隔内；下次应于2011年11月29日跟进",
            ]),
          ])
    func otherLanguages(tag: String, expected: [String]) throws {
        #expect(try Self.listed(try PhrasebookTests.phrases(tag)) == expected)
    }

    @Test("a language from files words the reasons from its own phrase file, titles in lower case where it writes them so")
    func french() throws {
        let french = try Phrasebook(language: try LetterLanguage(tag: "fr"), data: try Data(contentsOf: PhrasebookTests.french))
        let listed = try Self.listed(french)
        #expect(listed[0] == "la balle est dans notre camp : send the further information China asked for")
        #expect(listed[3].hasPrefix("déjà relancée : éléments de langage JP-MOFA/2011/0001 du 28 novembre 2011"), "\(listed[3])")
    }

    static let keys = ["ballWithUs", "noLetterStep", "cannotProduce", "alreadyFollowedUp", "followUpNumber"]

    @Test("a phrase file without one of the reasons' keys is refused naming it", arguments: ["en", "ja", "zh-Hans", "fr"])
    func missingKey(tag: String) throws {
        let file = tag == "fr" ? PhrasebookTests.french : PhrasebookTests.templates.appendingPathComponent("\(tag)/phrases.json")
        let language = try LetterLanguage(tag: tag)
        for key in Self.keys {
            var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            var index = try #require(root["index"] as? [String: Any])
            var reasons = try #require(index["reasons"] as? [String: Any])
            try #require(reasons.removeValue(forKey: key) != nil, "\(tag) has index.reasons.\(key)")
            index["reasons"] = reasons
            root["index"] = index
            do throws(PhraseProblem) {
                _ = try Phrasebook(language: language, data: try! JSONSerialization.data(withJSONObject: root))
                Issue.record("\(tag) without index.reasons.\(key) was accepted")
            } catch {
                #expect(error.description == "the key index.reasons.\(key) is missing", "\(tag): \(error)")
            }
        }
    }

    @Test("a reason's pattern may use only its own placeholders")
    func placeholders() throws {
        let text = try String(contentsOf: PhrasebookTests.french, encoding: .utf8)
        let find = "la balle est dans notre camp : {advice}"
        try #require(text.contains(find))
        let broken = Data(text.replacingOccurrences(of: find, with: "la balle est dans notre camp : {date}").utf8)
        do throws(PhraseProblem) {
            _ = try Phrasebook(language: try! LetterLanguage(tag: "fr"), data: broken)
            Issue.record("a stray placeholder was accepted")
        } catch {
            #expect(error.description.hasPrefix("the key index.reasons.ballWithUs has the placeholder {date}"), "\(error)")
        }
    }
}

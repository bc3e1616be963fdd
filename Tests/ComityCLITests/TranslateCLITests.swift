import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// `comity translate`: record, list and clear the values letters quote, per language; the
/// `--…-ja` options of add, edit and head as shorthands for it.
@Suite("comity translate")
struct TranslateCLITests {
    static let mhi = "JP-MHI-2011-001"

    @Test("records a request's subject and items in a language, lists them, clears one; each change is in the history")
    func recordListClear() throws {
        try withSandbox { box in
            try box.makeLetterDemo()
            let recorded = try box.comity(["translate", "request", Self.mhi, "--lang", "ko", "--subject", "미쓰비시중공업 침입 출처 추적",
                                           "--item", "서버 식별", "--item", "로그 보존", "--reason", "courtesy translation"])
            #expect(recorded.status == 0, "\(recorded)")
            #expect(recorded.stdout.contains("translated request \(Self.mhi) subject@ko: none → \"미쓰비시중공업 침입 출처 추적\""), "\(recorded)")
            let listed = try box.comity(["translate", "request", Self.mhi, "--list", "--lang", "ko"])
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout.contains("items[1]") && listed.stdout.contains("서버 식별") && listed.stdout.contains("items[2]"), "\(listed)")
            #expect(!listed.stdout.contains("zh-Hans"), "only --lang's")
            let all = try box.comity(["translate", "request", Self.mhi, "--list"])
            #expect(all.stdout.contains("zh-Hans") && all.stdout.contains("追查三菱重工业遭非法入侵事件的源头"), "\(all)")
            let cleared = try box.comity(["translate", "request", Self.mhi, "--lang", "ko", "--clear", "item"])
            #expect(cleared.status == 0, "\(cleared)")
            let after = try box.comity(["translate", "request", Self.mhi, "--list", "--lang", "ko"])
            #expect(!after.stdout.contains("서버 식별") && after.stdout.contains("미쓰비시중공업"), "\(after)")
            let history = try box.comity(["history", Self.mhi])
            #expect(history.stdout.contains("items@ko") && history.stdout.contains("courtesy translation"), "\(history)")
        }
    }

    @Test("bad input: one sentence naming what is wrong, a non-zero exit, nothing written", arguments: [
        (["translate", "request", "JP-MHI-2011-001", "--subject", "x"], "give the language with --lang"),
        (["translate", "request", "JP-MHI-2011-001", "--lang", "en", "--subject", "x"], "values are recorded in English (en) already"),
        (["translate", "party", "JP", "--lang", "ja", "--subject", "x"], "--subject is no field of a party; a party translates: name"),
        (["translate", "letter", "X", "--lang", "ja", "--subject", "x"], "'letter' is no kind of record with values to translate"),
        (["translate", "request", "NO-SUCH", "--lang", "ja", "--subject", "x"], "NO-SUCH"),
        (["translate", "request", "JP-MHI-2011-001", "--lang", "ja"], "nothing to record"),
        (["translate", "request", "JP-MHI-2011-001", "--lang", "ja", "--subject", "x", "--clear", "subject"], "contradict each other"),
        (["translate", "request", "JP-JAXA-2021-001", "--lang", "ja", "--subject", "x", "--clearance", "restricted"], "classified above your clearance"),
    ])
    func badInput(_ arguments: [String], _ expected: String) throws {
        try withSandbox { box in
            try box.makeLetterDemo()
            let before = try CLI.dump(box.db)
            let result = try box.comity(arguments)
            #expect(result.status != 0, "\(result)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(try CLI.dump(box.db) == before)
        }
    }

    @Test("--name-ja, --subject-ja and the other --…-ja options record Japanese translations, in add, edit and authority head")
    func japaneseShorthands() throws {
        try withSandbox { box in
            try box.makeLetterDemo()
            func run(_ arguments: [String]) throws {
                let result = try box.comity(arguments)
                try #require(result.status == 0, "\(arguments): \(result)")
            }
            try run(["party", "add", "KR"])
            try run(["authority", "add", "KR-SPO", "--party", "KR", "--role", "central-authority", "--name", "Supreme Prosecutors' Office",
                     "--name-ja", "大検察庁", "--city", "Seoul", "--head-title-ja", "検事総長"])
            try run(["edit", "request", Self.mhi, "--subject-ja", "三菱重工業事案", "--reason", "shorter"])
            try run(["authority", "head", "KR-SPO", "--head-name-ja", "某"])
            let desk = try ComityStore.open(at: box.db.path)
            func ja(_ subject: Event.Subject, _ id: String) throws -> [TranslatedField: String] {
                Dictionary(uniqueKeysWithValues: try desk.translations(of: subject, id, clearance: .secret).filter { $0.lang == "ja" }.map { ($0.field, $0.text) })
            }
            #expect(try ja(.party, "KR") == [.name: "大韓民国"], "a known state's Japanese name by default")
            #expect(try ja(.authority, "KR-SPO") == [.name: "大検察庁", .headTitle: "検事総長", .headName: "某"])
            #expect(try ja(.request, Self.mhi)[.subject] == "三菱重工業事案")
            try run(["edit", "request", Self.mhi, "--clear", "subject-ja", "--reason", "wrong"])
            #expect(try ja(.request, Self.mhi)[.subject] == nil)
            // A bad Japanese value writes nothing, not even the record it came with.
            let refused = try box.comity(["basis", "add", "KR-JP-MLAT", "--instrument", "Treaty", "--kind", "bilateral-treaty",
                                          "--instrument-ja", String(repeating: "長", count: 301)])
            #expect(refused.status != 0)
            #expect(try box.comity(["basis", "show", "KR-JP-MLAT"]).status != 0)
        }
    }

    @Test("an export made before translations had a table is refused naming the Japanese field and what to do")
    func olderExport() throws {
        try withSandbox { box in
            #expect(try box.comity(["init"]).status == 0)
            let file = box.path("old.json")
            try #"{"format": "comity-export", "version": 1, "tables": {"parties": [{"code": "JP", "name": "Japan", "formal_name": "Japan", "name_ja": "日本国"}]}}"#
                .write(to: file, atomically: true, encoding: .utf8)
            let result = try box.comity(["import", file.path])
            #expect(result.status != 0)
            #expect(result.stderr.contains("field 'name_ja'"), "\(result.stderr)")
            #expect(result.stderr.contains("give the Japanese value as a row of translations instead (subject party, field name, lang ja)"), "\(result.stderr)")
        }
    }
}

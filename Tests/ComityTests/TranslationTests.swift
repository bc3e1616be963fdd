import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@_spi(Worlds) @testable import ComityWorlds

/// Translations: the values letters quote, per language, recorded through the desk with their
/// history, read back by letters, and moved out of the Japanese columns of older databases.
@Suite("Translations")
struct TranslationTests {
    static let mhi = DemoWorld.mhiRequest
    static func date(_ iso: String) -> CalendarDate { LetterFixtures.date(iso) }

    static func desk(_ world: LetterWorld, today: String = "2011-12-01", clearance: Classification = .secret) -> Desk {
        Desk(store: world.store, clerk: world.clerk(today), clearance: clearance, clearanceIsDefault: false)
    }

    @Test("the value of field F of record R in language L; a translation breaks the rules of its field")
    func lookupAndRules() throws {
        let translations = Translations([
            Translation(.request, "R-1", .subject, lang: "zh-Hans", text: "追查来源"),
            Translation(.request, "R-1", .items, lang: "ja", value: ["一", "二"]),
        ])
        #expect(translations.text(.request, "R-1", .subject, in: "zh-Hans") == "追查来源")
        #expect(translations.text(.request, "R-1", .subject, in: "ja") == nil)
        #expect(translations.value(.request, "R-1", .items, in: "ja") == ["一", "二"])
        #expect(translations.all.count == 2)
        #expect(Translation(.request, "R-1", .subject, lang: "en", text: "x").problems().first?.message.contains("recorded in English") == true)
        #expect(Translation(.request, "R-1", .subject, lang: "zh Hans", text: "x").problems().first?.message.contains("not a language tag") == true)
        #expect(Translation(.party, "JP", .subject, lang: "ja", text: "x").problems().first?.message
                == "a party has no translatable subject; its translatable fields are: name")
        #expect(Translation(.reply, "1", .summary, lang: "ja", text: String(repeating: "長", count: 4001)).problems().count == 1)
        #expect(Translation(.request, "R-1", .subject, lang: "ja", text: "").problems().count == 1)
        #expect(Translation.parseHistoryField("subject@zh-Hans")! == (.subject, "zh-Hans"))
        #expect(Translation.parseHistoryField("subject_ja") == nil)
    }

    @Test("translate records, changes and clears values in one language, each change a 'corrected' event of the record")
    func recordAndClear() throws {
        let world = try LetterWorld.demo()
        let desk = Self.desk(world)
        let events = try desk.translate(.request, Self.mhi, lang: "ko", [.subject: ["미쓰비시중공업 침입 출처 추적"], .items: ["서버 식별", "로그 보존"]],
                                        reason: "courtesy translation for Seoul")
        #expect(events.map(\.field) == ["subject@ko", "items@ko"])
        #expect(events.allSatisfy { $0.action == .corrected && $0.subjectType == .request && $0.subjectID == Self.mhi && $0.oldValue == nil })
        #expect(events[1].newValue == #"["서버 식별","로그 보존"]"#)
        #expect(try desk.history(of: Self.mhi).filter { $0.field == "subject@ko" }.map(\.note) == ["courtesy translation for Seoul"])
        let listed = try desk.translations(of: .request, Self.mhi).filter { $0.lang == "ko" }
        #expect(listed.map(\.field) == [.items, .subject] && listed[0].value == ["서버 식별", "로그 보존"])
        // The same value again changes nothing and is refused; a clear removes it, keeping the old value in the history.
        #expect(throws: ComityError.self) { try desk.translate(.request, Self.mhi, lang: "ko", [.subject: ["미쓰비시중공업 침입 출처 추적"]]) }
        let cleared = try desk.translate(.request, Self.mhi, lang: "ko", [.items: nil])
        #expect(cleared.map(\.oldValue) == [#"["서버 식별","로그 보존"]"#] && cleared.map(\.newValue) == [nil])
        #expect(try desk.translations(of: .request, Self.mhi).filter { $0.lang == "ko" }.map(\.field) == [.subject])
        // A party is named by its code in any case, as everywhere else.
        #expect(try desk.translate(.party, "cn", lang: "ko", [.name: ["중화인민공화국"]]).first?.subjectID == "CN")
    }

    @Test("a translation of a record above the clearance, or of none, is refused by its identifier alone")
    func refusals() throws {
        let world = try LetterWorld.demo()
        let low = Self.desk(world, clearance: .restricted)
        // The JAXA case and request are confidential.
        for (subject, id) in [(Event.Subject.request, DemoWorld.jaxaRequest), (.case, "JAXA-TICK")] {
            do {
                try low.translate(subject, id, lang: "ja", [subject == .case ? .title : .subject: ["x"]])
                Issue.record("expected a refusal")
            } catch {
                #expect(error.description == "\(subject.rawValue) \(id) is classified above your clearance (restricted); ask a colleague cleared for it")
            }
            #expect(throws: ComityError.self) { try low.translations(of: subject, id) }
        }
        #expect(throws: ComityError.self) { try low.translate(.request, "NO-SUCH", lang: "ja", [.subject: ["x"]]) }
        #expect(throws: ComityError.self) { try low.translate(.reply, "one", lang: "ja", [.summary: ["x"]]) }
        #expect(throws: ComityError.self) { try low.translate(.party, "JP", lang: "ja", [.subject: ["x"]]) }
        #expect(throws: ComityError.self) { try low.translate(.party, "JP", lang: "en", [.name: ["Japan"]]) }
        #expect(try world.store.auditTrail().isEmpty, "nothing written")
    }

    @Test("a Japanese letter lists every value it quotes that has no Japanese translation, each with the command that records it")
    func everyMissingValue() throws {
        let world = try LetterWorld.demo()
        let desk = Self.desk(world, today: "2011-11-28")
        let reply = try #require(try desk.replies(to: Self.mhi).first?.id)
        try desk.translate(.request, Self.mhi, lang: "ja", [.items: nil])
        try desk.translate(.case, "MHI-2011", lang: "ja", [.title: nil])
        try desk.translate(.reply, String(reply), lang: "ja", [.summary: nil])
        try desk.translate(.engagement, DemoWorld.nodaVisit, lang: "ja", [.title: nil])
        let error = try letterError { try world.preview(.noteVerbale, .ja, .xml, of: Self.mhi, on: "2011-11-28") }
        #expect(LetterComposerTests.missingItems(error) == [
            "the ja items of request JP-MHI-2011-001 (record it with 'comity translate request JP-MHI-2011-001 --lang ja --item … (once for each item)')",
            "the ja title of case MHI-2011 (record it with 'comity translate case MHI-2011 --lang ja --title …')",
            "the ja summary of the reply of 2011-10-14 to JP-MHI-2011-001, which the letter quotes (reply \(reply)) (record it with 'comity translate reply \(reply) --lang ja --summary …')",
            "the ja title of engagement NODA-BEIJING-2011 (record it with 'comity translate engagement NODA-BEIJING-2011 --lang ja --title …')",
        ])
        // English needs none of them.
        _ = try world.preview(.noteVerbale, .en, .xml, of: Self.mhi, on: "2011-11-28")
    }

    @Test("a letter as recorded on a past day quotes the translations of that day; the batch reads the same values")
    func asRecordedAndBatch() throws {
        let world = try LetterWorld.demo()
        let desk = Self.desk(world, today: "2011-12-01")
        try desk.translate(.request, Self.mhi, lang: "ja", [.subject: ["三菱重工業事案の発信源の追跡"]], reason: "shorter")
        var spec = world.spec(.noteVerbale, .ja, .xml, of: Self.mhi, on: "2011-11-28")
        let now = try world.store.previewLetter(spec, renderer: world.renderer).document
        #expect(now.contains("<subject>三菱重工業事案の発信源の追跡</subject>"))
        spec.recordedBy = Self.date("2011-11-28")
        let then = try world.store.previewLetter(spec, renderer: world.renderer).document
        #expect(then.contains("<subject>三菱重工業に対する不正アクセス事件の発信源の追跡</subject>"))
        // A batch reads the language's translations once, and writes what a preview writes.
        let batch = try world.store.letterBatch(date: Self.date("2011-11-28"), counterpart: nil, language: .ja, format: .xml, renderer: world.renderer)
        let batched = try #require(batch.letters.first { $0.requestReference == Self.mhi })
        #expect(batched.document == (try world.preview(batched.kind.escalation, .ja, .xml, of: Self.mhi, on: "2011-11-28").document))
        #expect(batched.document.contains("三菱重工業事案の発信源の追跡"))
    }

    @Test("check names a translation whose record is not recorded")
    func checkOrphans() throws {
        let world = try LetterWorld.demo()
        #expect(try world.store.check().isSound)
        try world.store.write { db in
            try db.execute(sql: "INSERT INTO translation VALUES ('request', 'JP-GONE-001', 'subject', 'ja', '消えた要請')")
            try db.execute(sql: "INSERT INTO translation VALUES ('party', 'JP', 'subject', 'ja', '件名')")
        }
        let problems = try world.store.check().problems
        #expect(problems.contains("translation: the ja subject of request JP-GONE-001 names a request that is not recorded"))
        #expect(problems.contains("translation: the ja subject of party JP: a party has no translatable subject; its translatable fields are: name"))
    }

    @Test("the migration moves every Japanese column into translations as 'ja' and drops the columns")
    func migration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-translations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v13.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v13-as-recorded")
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: """
                INSERT INTO party (code, name, formal_name, name_ja) VALUES ('JP', 'Japan', 'Japan', '日本国'), ('CN', 'China', 'PRC', NULL);
                INSERT INTO authority (id, party, name, role, name_ja, head_title, head_name, head_title_ja, head_name_ja)
                    VALUES ('JP-NPSC', 'JP', 'NPSC', 'central-authority', '国家公安委員会', 'Chairman', 'Yamaoka', '委員長', '山岡賢次'),
                           ('CN-MPS', 'CN', 'MPS', 'central-authority', NULL, NULL, NULL, NULL, NULL);
                INSERT INTO legal_basis (id, instrument, instrument_ja, kind, note) VALUES ('T', 'Treaty', '条約', 'bilateral-treaty', '');
                INSERT INTO case_file (id, title, lead_authority, offence, incident_date, discovery_date, classification)
                    VALUES ('C', 'A case', 'JP-NPSC', 'Fraud', '2011-08-11', '2011-08-11', 'restricted');
                INSERT INTO request (reference, case_id, from_authority, to_authority, channel, subject, subject_ja, items, urgency, classification, state, sent_date)
                    VALUES ('R-1', 'C', 'JP-NPSC', 'CN-MPS', 'central-authority', 'Logs', 'ログ', '["Logs"]', 'routine', 'restricted', 'transmitted', '2011-09-01');
                INSERT INTO reply (id, request_ref, date, kind, summary, summary_ja, classification, refusal_grounds)
                    VALUES (7, 'R-1', '2011-09-10', 'acknowledgement', 'Received', '受領した', 'restricted', '[]');
                """)
        }
        let store = try ComityStore.open(at: path)
        let desk = Desk(store: store, clerk: Clerk(name: "Sato", today: Self.date("2011-10-01")), clearance: .secret, clearanceIsDefault: false)
        func ja(_ subject: Event.Subject, _ id: String) throws -> [String: String] {
            Dictionary(uniqueKeysWithValues: try desk.translations(of: subject, id).map { ("\($0.field.rawValue)@\($0.lang)", $0.text) })
        }
        #expect(try ja(.party, "JP") == ["name@ja": "日本国"])
        #expect(try ja(.party, "CN").isEmpty)
        #expect(try ja(.authority, "JP-NPSC") == ["name@ja": "国家公安委員会", "head-title@ja": "委員長", "head-name@ja": "山岡賢次"])
        #expect(try ja(.basis, "T") == ["instrument@ja": "条約"])
        #expect(try ja(.request, "R-1") == ["subject@ja": "ログ"])
        #expect(try ja(.reply, "7") == ["summary@ja": "受領した"])
        let columns = try store.write { db in
            try ["party", "authority", "legal_basis", "request", "reply"].flatMap { try db.columns(in: $0).map(\.name) }
        }
        #expect(!columns.contains { $0.hasSuffix("_ja") }, "\(columns)")
        #expect(try store.authority("JP-NPSC").head == Authority.Head(title: "Chairman", name: "Yamaoka"))
    }
}

import Foundation
import GRDB
import Testing
@testable import Comity
@testable import ComityCore

/// The register of letters once reply letters exist: a letter's follow-up is absent exactly for
/// the reply kinds, and a register from before them keeps every letter and its protections.
@Suite("Letter register: reply letters")
struct ReplyLetterRegisterTests {
    /// A register row; `followUp` nil stores NULL.
    static func insert(_ db: Database, _ number: String, sequence: Int, kind: String, followUp: Int64?) throws {
        try db.execute(sql: """
            INSERT INTO letter (number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date, classification, sha256, document)
            VALUES (?, 'JP-NPSC', 2011, ?, 'R-1', ?, ?, 'en', 'html', '2011-10-05', 'restricted', ?, 'letter')
            """, arguments: [number, sequence, followUp, kind, String(repeating: "a", count: 64)])
    }

    @Test("a register from before reply letters is rebuilt: its letters, indexes and triggers kept, the follow-up optional")
    func migration() throws {
        try Fixture.withDirectory { dir in
            var configuration = Configuration()
            // Register rows alone, without the records they refer to.
            configuration.foreignKeysEnabled = false
            let queue = try DatabaseQueue(path: dir.appendingPathComponent("old.sqlite").path, configuration: configuration)
            try Schema.migrator.migrate(queue, upTo: "v16-incoming")
            try queue.write { db in
                try Self.insert(db, "JP-NPSC/2011/0001", sequence: 1, kind: "reminder", followUp: 7)
                #expect(throws: DatabaseError.self) { try Self.insert(db, "JP-NPSC/2011/0002", sequence: 2, kind: "acknowledgement", followUp: nil) }
            }
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                let kept = try Row.fetchAll(db, sql: "SELECT number, kind, follow_up_id FROM letter")
                #expect(kept.map { [$0[0] as String, $0[1] as String, String($0[2] as Int64)] } == [["JP-NPSC/2011/0001", "reminder", "7"]])
                let objects = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'letter' AND type IN ('index', 'trigger')"))
                #expect(objects.isSuperset(of: ["letter_request", "letter_no_update", "letter_no_delete", "letter_no_replace"]))
                #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE letter SET document = 'forged'") }
                #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM letter") }

                // A reply letter has no follow-up; a step of the ladder must have one.
                try Self.insert(db, "JP-NPSC/2011/0002", sequence: 2, kind: "acknowledgement", followUp: nil)
                #expect(throws: DatabaseError.self) { try Self.insert(db, "JP-NPSC/2011/0003", sequence: 3, kind: "note-verbale", followUp: nil) }
                #expect(throws: DatabaseError.self) { try Self.insert(db, "JP-NPSC/2011/0003", sequence: 3, kind: "refusal", followUp: 8) }
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM letter") == 2)
            }
        }
    }

    @Test("a letter kind reads and writes its one raw value: the ladder's as before, the reply letters' beside them")
    func kinds() throws {
        #expect(LetterKind.allCases.map(\.rawValue) == EscalationStep.allCases.map(\.rawValue) + ReplyLetter.allCases.map(\.rawValue))
        #expect(Set(LetterKind.allCases.map(\.rawValue)).count == 10, "no raw value is shared")
        for kind in LetterKind.allCases {
            #expect(LetterKind(rawValue: kind.rawValue) == kind)
            let json = try JSONEncoder().encode([kind])
            #expect(String(decoding: json, as: UTF8.self) == "[\"\(kind.rawValue)\"]")
            #expect(try JSONDecoder().decode([LetterKind].self, from: json) == [kind])
        }
        #expect(LetterKind(rawValue: "interim-status") == nil)
        for kind in LetterKind.allCases { #expect(Phrasebook.english.title(kind) == kind.title, "the English letter and the desk name \(kind) alike") }
        #expect(ReplyLetter(recording: .partialResults) == .partialExecution && ReplyLetter(recording: .postponement) == nil)
    }
}

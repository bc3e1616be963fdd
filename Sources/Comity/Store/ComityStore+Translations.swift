import Foundation
import GRDB

/// Translations: the value of a field of a record in a language other than English, for the
/// letters written in it.
///
/// Each change is one 'corrected' event of the record, its field named `subject@zh-Hans`, with
/// the stored text before and after (nil: none), so the history shows it and a view "as
/// recorded" on a past day undoes it.
extension ComityStore {
    /// Records (a value) or clears (nil) the values of a record's fields in one language, in one
    /// transaction; a record above the clearance is refused by its identifier alone.
    @_spi(Worlds) public func translate(
        _ subject: Event.Subject, _ id: String, lang: String, _ values: [TranslatedField: [String]?], reason: String,
        clearance: Classification, by clerk: Clerk
    ) throws(ComityError) -> [Event] {
        let key = subject == .party ? id.uppercased() : id
        try checked { () throws(ValidationFailure) in
            try Self.checkReason(reason)
            if let problem = Translation.languageProblem(lang) { throw problem }
            guard !values.isEmpty else {
                throw ValidationFailure("give a value to record or a field to clear; a \(subject.rawValue) translates: \(subject.translatedFields.map(\.rawValue).joined(separator: ", "))")
            }
            for (field, value) in values { try Translation.check(subject, key, field, lang: lang, value) }
        }
        return try write { db in
            try Self.requireTranslatable(db, subject, key, clearance: clearance)
            var changes: [FieldChange] = []
            for field in subject.translatedFields {
                guard let value = values[field] else { continue }
                let old = try String.fetchOne(db.cachedStatement(sql: """
                    SELECT value FROM translation WHERE subject = ? AND subject_id = ? AND field = ? AND lang = ?
                    """), arguments: [subject.rawValue, key, field.rawValue, lang])
                let new = value.map { Self.storedTranslation($0, field) }
                guard old != new else { continue }
                if let new {
                    try db.cachedStatement(sql: """
                        INSERT INTO translation (subject, subject_id, field, lang, value) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO UPDATE SET value = excluded.value
                        """).execute(arguments: [subject.rawValue, key, field.rawValue, lang, new])
                } else {
                    try db.cachedStatement(sql: "DELETE FROM translation WHERE subject = ? AND subject_id = ? AND field = ? AND lang = ?")
                        .execute(arguments: [subject.rawValue, key, field.rawValue, lang])
                }
                changes.append(FieldChange(field: Translation.historyField(field, lang), old: old, new: new))
            }
            guard !changes.isEmpty else {
                throw ValidationFailure("nothing to change: \(subject.rawValue) \(key) already holds every \(lang) value given; give a new value or a field to clear")
            }
            return try Self.logCorrections(db, changes, subject, key, reason: reason, by: clerk)
        }
    }

    /// Writes translations as part of the records of a world being built, with no history of
    /// their own (like records that came in by import, they count as recorded from the start).
    @_spi(Worlds) public func seedTranslations(_ translations: [Translation]) throws(ComityError) {
        try checked { () throws(ValidationFailure) in for translation in translations { try translation.validate() } }
        try write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO translation (subject, subject_id, field, lang, value) VALUES (?, ?, ?, ?, ?)")
            for t in translations {
                try insert.execute(arguments: [t.subject.rawValue, t.subjectID, t.field.rawValue, t.lang, Self.storedTranslation(t.value, t.field)])
            }
        }
    }

    /// The translations of one record, every language; one above the clearance is refused by its identifier alone.
    func translations(of subject: Event.Subject, _ id: String, clearance: Classification) throws(ComityError) -> [Translation] {
        let key = subject == .party ? id.uppercased() : id
        return try read { db in
            try Self.requireTranslatable(db, subject, key, clearance: clearance)
            return try Self.translations(db, where: "subject = ? AND subject_id = ?", [subject.rawValue, key]).all
        }
    }

    /// Refuses a record that does not exist, or that is above the clearance, by its identifier alone.
    static func requireTranslatable(_ db: Database, _ subject: Event.Subject, _ id: String, clearance: Classification) throws {
        switch subject {
        case .party: _ = try party(db, id)
        case .authority: _ = try authority(db, id)
        case .basis: _ = try basis(db, id)
        case .case:
            if try caseFile(db, id).classification > clearance { throw aboveClearance("case", id, clearance) }
        case .request: _ = try requireWritable(db, id, clearance: clearance)
        case .engagement:
            guard try Engagement.fetchOne(db, key: id) != nil else {
                throw ComityError.notFound(kind: "engagement", id: id, hint: "see 'comity engagement list'")
            }
        case .reply, .outcome:
            guard let number = Int64(id) else {
                throw ValidationFailure("'\(printable(id))' is no \(subject.rawValue) number; a \(subject.rawValue) is named by the number its list shows")
            }
            if subject == .reply {
                _ = try onRequest(db, number, "reply", hint: "see 'comity reply list REF'", clearance: clearance,
                                  request: \Reply.requestReference, above: { $0.classification > clearance })
            } else {
                _ = try onRequest(db, number, "outcome", hint: "see 'comity engagement show ENGAGEMENT'", clearance: clearance,
                                  request: \EngagementOutcome.requestReference, above: { _ in false })
            }
        case .settings, .holidays, .database, .followUp, .user:
            throw ValidationFailure("a \(subject.rawValue) has nothing a letter quotes, so nothing to translate")
        }
    }

    /// A value as the table keeps it: a list as the items column keeps it, a text as it is.
    static func storedTranslation(_ value: [String], _ field: TranslatedField) -> String {
        field.isList ? JSONColumn.encode(value) : value.joined(separator: "\n")
    }

    /// The value a stored text holds, or nil when a list's text is no list.
    static func translationValue(_ text: String, _ field: TranslatedField) -> [String]? {
        guard field.isList else { return [text] }
        return StringList.parse(text)
    }

    /// The translations the rows matching `condition` hold; a row Comity cannot read is left out
    /// (`check` reports it).
    static func translations(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> Translations {
        var list: [Translation] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT subject, subject_id, field, lang, value FROM translation WHERE \(condition)
            """), arguments: arguments)
        while let row = try rows.next() {
            guard let subject = Event.Subject(rawValue: row[0]), let field = TranslatedField(rawValue: row[2]),
                  let value = translationValue(row[4], field) else { continue }
            list.append(Translation(subject, row[1], field, lang: row[3], value: value))
        }
        return Translations(list)
    }
}

extension ComityStore {
    /// `check`: every translation names a recorded record, a field of its kind, a language and a
    /// value Comity can read.
    static func checkTranslations(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT subject, subject_id, field, lang, value, CASE subject
                WHEN 'party' THEN EXISTS (SELECT 1 FROM party WHERE code = t.subject_id)
                WHEN 'authority' THEN EXISTS (SELECT 1 FROM authority WHERE id = t.subject_id)
                WHEN 'basis' THEN EXISTS (SELECT 1 FROM legal_basis WHERE id = t.subject_id)
                WHEN 'case' THEN EXISTS (SELECT 1 FROM case_file WHERE id = t.subject_id)
                WHEN 'request' THEN EXISTS (SELECT 1 FROM request WHERE reference = t.subject_id)
                WHEN 'reply' THEN EXISTS (SELECT 1 FROM reply WHERE CAST(id AS TEXT) = t.subject_id)
                WHEN 'engagement' THEN EXISTS (SELECT 1 FROM engagement WHERE id = t.subject_id)
                WHEN 'outcome' THEN EXISTS (SELECT 1 FROM engagement_outcome WHERE CAST(id AS TEXT) = t.subject_id)
                ELSE 0 END
            FROM translation t ORDER BY subject, subject_id, field, lang
            """)
        while let row = try rows.next() {
            let (subject, id, field, lang): (String, String, String, String) = (row[0], row[1], row[2], row[3])
            let what = "translation: the \(lang) \(field) of \(subject) \(id)"
            guard row[5] as Bool else {
                problems.append("\(what) names a \(subject) that is not recorded")
                continue
            }
            guard let kind = Event.Subject(rawValue: subject), let field = TranslatedField(rawValue: field),
                  let value = translationValue(row[4], field) else {
                problems.append("\(what) cannot be read: its field or value is not one Comity keeps")
                continue
            }
            for problem in Translation(kind, id, field, lang: lang, value: value).problems() { problems.append("\(what): \(problem.message)") }
        }
        return problems
    }
}

import GRDB

/// How a record an import writes over is told in its history: which record, from which file
/// and place, and the old and new value of each field that changed.
enum ImportCorrection {
    /// `title: "Old" → "New"`.
    static func change(_ field: String, from old: DatabaseValue, to new: DatabaseValue) -> String {
        "\(field): \(shown(old)) → \(shown(new))"
    }

    /// `case_file MHI-2011 replaced by the import of /srv/in/export.json (cases[0] (line 40)): title: "Old" → "New"`.
    static func note(record: String, file: String, location: String, changes: [String]) -> String {
        "\(record) replaced by the import of \(ExportRecord.shown(file)) (\(location)): " + changes.joined(separator: "; ")
    }

    /// A value as the note shows it: text in quotes with JSON's escapes, so any text reads back
    /// unambiguously; numbers as they are; an absent value as `null`.
    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "null"
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return quoted(text)
        case .blob(let data): return "\(data.count) bytes"
        }
    }

    static func quoted(_ text: String) -> String { Event.quoted(text) }
}

extension ImportedRecord {
    /// The history a change to the record belongs in; nil for the append-only tables.
    var subject: (type: Event.Subject, id: String, replyID: Int64?)? {
        switch self {
        case .party(let party): return (.party, party.code, nil)
        case .authority(let authority): return (.authority, authority.id, nil)
        case .basis(let basis): return (.basis, basis.id, nil)
        case .binding(let id, _): return (.basis, id, nil)
        case .caseFile(let item): return (.case, item.id, nil)
        case .request(let request): return (.request, request.reference, nil)
        case .reply(let reply): return (.request, reply.requestReference, reply.id)
        case .followUp(let followUp): return (.request, followUp.requestReference, nil)
        case .engagement(let engagement): return (.engagement, engagement.id, nil)
        case .outcome(let outcome): return (.request, outcome.requestReference, nil)
        case .setting: return (.settings, "settings", nil)
        case .holiday(let party, _): return (.holidays, party, nil)
        case .translation(let translation): return (translation.subject, translation.subjectID, nil)
        case .letter, .event: return nil
        }
    }
}

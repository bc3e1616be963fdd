import Comity

/// The `--…-ja` options of `add`, `edit` and `authority head`: shorthands for
/// `comity translate KIND ID --lang ja --FIELD …`.
enum JapaneseShorthand {
    /// The values given (`setting`, each field whose option was given) and the fields to clear,
    /// each held to the rules of a translation before the record it belongs to is written, so a
    /// bad value writes nothing.
    static func checked(_ subject: Event.Subject, _ id: String, setting given: [TranslatedField: String?],
                        clearing: Set<TranslatedField> = []) throws -> [TranslatedField: [String]?] {
        var values: [TranslatedField: [String]?] = [:]
        for case let (field, value?) in given { values.updateValue([value], forKey: field) }
        for field in clearing { values.updateValue(nil, forKey: field) }
        for (field, value) in values { try Translation.check(subject, id, field, lang: "ja", value) }
        return values
    }

    /// Records the Japanese values of a record just written or corrected.
    static func record(_ desk: Desk, _ subject: Event.Subject, _ id: String, _ values: [TranslatedField: [String]?], reason: String = "translation") throws -> [Event] {
        guard !values.isEmpty else { return [] }
        return try desk.translate(subject, id, lang: "ja", values, reason: reason)
    }
}

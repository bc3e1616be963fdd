/// The translations of the records a document names, answering "the value of field F of
/// record R in language L".
///
///     let translations = Translations([Translation(.request, "JP-MHI-2011-001", .subject, lang: "ja", text: "…")])
///     translations.text(.request, "JP-MHI-2011-001", .subject, in: "ja")  // "…"
public struct Translations: Sendable {
    struct Key: Hashable, Sendable {
        var subject: Event.Subject
        var id: String
        var field: TranslatedField
        var lang: String
    }

    private var values: [Key: [String]] = [:]

    public init(_ translations: some Sequence<Translation> = []) {
        for translation in translations { self[translation] = translation.value }
    }

    /// The value of a field in a language, nil when none is recorded.
    public func value(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, in lang: String) -> [String]? {
        values[Key(subject: subject, id: id, field: field, lang: lang)]
    }

    /// The one text of a field in a language, nil when none is recorded.
    public func text(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, in lang: String) -> String? {
        value(subject, id, field, in: lang).map { $0.joined(separator: "\n") }
    }

    /// Records (or with nil, removes) the value of `translation`'s field in its language.
    public subscript(_ translation: Translation) -> [String]? {
        get { value(translation.subject, translation.subjectID, translation.field, in: translation.lang) }
        set { values[Key(subject: translation.subject, id: translation.subjectID, field: translation.field, lang: translation.lang)] = newValue }
    }

    /// Every translation held, ordered by record, field and language.
    public var all: [Translation] {
        values.map { Translation($0.key.subject, $0.key.id, $0.key.field, lang: $0.key.lang, value: $0.value) }
            .sorted { ($0.subject.rawValue, $0.subjectID, $0.field.rawValue, $0.lang) < ($1.subject.rawValue, $1.subjectID, $1.field.rawValue, $1.lang) }
    }

    public var isEmpty: Bool { values.isEmpty }
}

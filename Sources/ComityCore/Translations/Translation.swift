/// One value of one field of one record in one language: the subject of request
/// JP-MHI-2011-001 in zh-Hans.
public struct Translation: Hashable, Codable, Sendable {
    public var subject: Event.Subject
    /// The record's identifier as the history names it (a reply's or outcome's number as text).
    public var subjectID: String
    public var field: TranslatedField
    /// A language tag: `ja`, `zh-Hans`.
    public var lang: String
    /// The text; for a list field (`items`) every entry, in order.
    public var value: [String]

    public init(_ subject: Event.Subject, _ subjectID: String, _ field: TranslatedField, lang: String, value: [String]) {
        self.subject = subject
        self.subjectID = subjectID
        self.field = field
        self.lang = lang
        self.value = value
    }

    public init(_ subject: Event.Subject, _ subjectID: String, _ field: TranslatedField, lang: String, text: String) {
        self.init(subject, subjectID, field, lang: lang, value: [text])
    }

    /// The one text of a field that is not a list.
    public var text: String { value.joined(separator: "\n") }

    /// The field and language as the history names a change of it: `subject@zh-Hans`.
    public var historyField: String { Self.historyField(field, lang) }

    public static func historyField(_ field: TranslatedField, _ lang: String) -> String { "\(field.rawValue)@\(lang)" }

    /// The field and language of a history field written by `historyField`, or nil for a column.
    public static func parseHistoryField(_ text: String) -> (TranslatedField, String)? {
        guard let at = text.firstIndex(of: "@"), let field = TranslatedField(rawValue: String(text[..<at])) else { return nil }
        return (field, String(text[text.index(after: at)...]))
    }
}

extension Translation {
    /// Every rule the translation breaks, as sentences naming the record, field and language.
    public func problems() -> [ValidationFailure] {
        var problems: [ValidationFailure] = []
        let what = "\(lang) \(field.noun) of \(subject.rawValue) \(subjectID)"
        if !subject.translatedFields.contains(field) {
            let fields = subject.translatedFields.map(\.rawValue).joined(separator: ", ")
            problems.append(ValidationFailure(
                "a \(subject.rawValue) has no translatable \(field.rawValue); its translatable fields are: \(fields.isEmpty ? "none" : fields)",
                field: "field"))
        }
        if let problem = Self.languageProblem(lang) { problems.append(problem) }
        if !field.isList && value.count != 1 {
            problems.append(ValidationFailure("the \(what) is one text, not a list", field: "value"))
        }
        let rule = TextRule("\(what)", column: "value", limit: field.limit)
        problems += value.compactMap { rule.problem(in: $0) }
        return problems
    }

    /// Throws the first rule the translation breaks.
    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    /// Throws the first rule a value to record (or, nil, a field to clear) breaks.
    public static func check(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, lang: String, _ value: [String]?) throws(ValidationFailure) {
        // A field to clear is checked with a stand-in value: only its record, field and language matter.
        try Translation(subject, id, field, lang: lang, value: value ?? (field.isList ? [] : ["-"])).validate()
    }

    /// Why `tag` is not a language tag Comity records translations under, or nil.
    ///
    /// English is the language values are recorded in, so it takes no translation.
    public static func languageProblem(_ tag: String) -> ValidationFailure? {
        guard LetterLanguage(rawValue: tag) != nil else {
            return ValidationFailure("'\(printable(tag))' is not a language tag; write one such as ja or zh-Hans", field: "lang")
        }
        if tag.lowercased() == "en" {
            return ValidationFailure("values are recorded in English (en) already; translate them into another language, such as ja or zh-Hans", field: "lang")
        }
        return nil
    }
}

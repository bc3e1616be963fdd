/// What the composers of both sorts of letter share: the request's facts, the letter's language,
/// and the user values the letter quotes, each in that language: in English as recorded, in any
/// other language as translated (`comity translate`), and missing when not translated.
protocol LetterWording {
    var facts: LetterFacts { get }
    var language: LetterLanguage { get }
    /// Every user value the letter quotes, in the order a clerk reads the letter.
    var quotedValues: [QuotedValue] { get }
}

/// One value a letter quotes: which field of which record, and its recorded (English) text.
struct QuotedValue {
    let subject: Event.Subject
    let id: String
    let field: TranslatedField
    let english: [String]
    /// The record as a sentence names it: "request JP-MHI-2011-001".
    let record: String
}

/// The values a letter quotes, each once, in the order they are added.
struct QuotedValues {
    private(set) var values: [QuotedValue] = []

    /// Adds a value unless it is empty, or quoted already.
    mutating func add(_ subject: Event.Subject, _ id: String?, _ field: TranslatedField, _ english: [String], _ record: String) {
        guard let id, !english.allSatisfy({ $0.isEmpty }) else { return }
        guard !values.contains(where: { $0.subject == subject && $0.id == id && $0.field == field }) else { return }
        values.append(QuotedValue(subject: subject, id: id, field: field, english: english, record: record))
    }

    /// Adds an authority's name.
    mutating func add(_ authority: Authority) {
        add(.authority, authority.id, .name, [authority.name], "authority \(authority.id)")
    }
}

extension LetterWording {
    /// The language tag of the letter; English values are the recorded ones.
    var tag: String { language.rawValue }
    var isEnglish: Bool { tag == "en" }

    /// A value in the letter's language: the recorded text in English, else its translation
    /// (empty when there is none, which `missing()` reports first).
    func localized(_ subject: Event.Subject, _ id: String?, _ field: TranslatedField, _ english: String?) -> String {
        guard !isEnglish else { return english ?? "" }
        guard let id else { return "" }
        return facts.translations.text(subject, id, field, in: tag) ?? ""
    }

    /// A list value (a request's items) in the letter's language.
    func localizedList(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, _ english: [String]) -> [String] {
        isEnglish ? english : facts.translations.value(subject, id, field, in: tag) ?? []
    }

    /// Each quoted value with no translation in the letter's language, with the command that records it.
    func missingTranslations() -> [String] {
        guard !isEnglish else { return [] }
        return quotedValues.filter { facts.translations.value($0.subject, $0.id, $0.field, in: tag) == nil }.map { value in
            let option = value.field.isList ? "--item … (once for each item)" : "--\(value.field.rawValue) …"
            return "the \(tag) \(value.field.noun) of \(value.record) (record it with 'comity translate \(value.subject.rawValue) \(value.id) --lang \(tag) \(option)')"
        }
    }

    /// A date as the templates take it: `iso` and `text` in the letter's language.
    func dateValue(_ date: CalendarDate, _ phrases: Phrasebook) -> TemplateValue {
        .object(["iso": .text(date.iso), "text": .text(phrases.date(date))])
    }
}

/// A letter composed and checked, ready to render: a step of the escalation ladder
/// (`LetterComposer`) or a reply letter (`ReplyLetterComposer`).
package protocol ComposedLetter {
    var letterKind: LetterKind { get }
    /// The sender whose register numbers the letter.
    var sender: Authority? { get }
    var classification: Classification { get }
    /// Every required value that is missing, as phrases a clerk can act on.
    func missing() -> [String]
    /// The values the letter's templates show, its words, dates and day counts (`daysLeftText`)
    /// from `phrases`.
    func context(number: String?, phrases: Phrasebook) -> [String: TemplateValue]
}

import ArgumentParser
import Comity

/// `comity translate KIND ID --lang TAG --FIELD VALUE …`: the values letters quote, in another language.
struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate", abstract: "Record, list or clear the values letters quote in another language.",
        discussion: """
            Values are recorded in English; a letter in any other language quotes each value in that language \
            and is refused, with the list of what is missing, until every one is translated. What each kind of \
            record translates: \(Event.Subject.translated.map { "\($0.rawValue) (\($0.translatedFields.map(\.rawValue).joined(separator: ", ")))" }.joined(separator: "; ")). \
            A reply or an outcome is named by its number. Each change stays in the record's history. \
            Example: comity translate request JP-MHI-2011-001 --lang zh-Hans --subject "…" --item "…" --item "…"
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var clearance: ClearanceOption
    @Argument(help: ArgumentHelp("The kind of record: \(Event.Subject.translated.map(\.rawValue).joined(separator: ", ")).")) var kind: String
    @Argument(help: "Its identifier (a reply's or outcome's number).") var id: String
    @Option(help: "The language, as a tag such as ja or zh-Hans.") var lang: String?
    @Option(help: "A party's formal name, or an authority's name.") var name: String?
    @Option(help: "An authority's city.") var city: String?
    @Option(help: "The title of an authority's head.") var headTitle: String?
    @Option(help: "The name of an authority's head.") var headName: String?
    @Option(help: "A legal basis's instrument.") var instrument: String?
    @Option(help: "A case's or engagement's title.") var title: String?
    @Option(help: "A request's subject.") var subject: String?
    @Option(name: .customLong("item"), help: "A request's item of assistance, in the order recorded; repeat for each.") var items: [String] = []
    @Option(help: "A reply's summary.") var summary: String?
    @Option(help: "Who raised a request at an engagement.") var raisedBy: String?
    @Option(help: "The counterpart's response at an engagement.") var response: String?
    @Option(help: "What the counterpart committed to at an engagement.") var commitment: String?
    @Option(name: .customLong("clear"), help: ArgumentHelp("Remove the translation of a field; repeat for each.", valueName: "field"))
    var clearing: [String] = []
    @Flag(help: "List the record's translations (those in --lang only, when it is given).") var list = false
    @Option(help: "Why, kept in the record's history.") var reason: String = "translation"

    func run() throws {
        guard let record = Event.Subject(rawValue: kind), !record.translatedFields.isEmpty else {
            throw ValidationFailure("'\(kind)' is no kind of record with values to translate; use one of: \(Event.Subject.translated.map(\.rawValue).joined(separator: ", "))")
        }
        var values: [TranslatedField: [String]?] = [:]
        let given: [(TranslatedField, [String]?)] = [
            (.name, name.map { [$0] }), (.city, city.map { [$0] }), (.headTitle, headTitle.map { [$0] }), (.headName, headName.map { [$0] }),
            (.instrument, instrument.map { [$0] }), (.title, title.map { [$0] }), (.subject, self.subject.map { [$0] }),
            (.items, items.isEmpty ? nil : items), (.summary, summary.map { [$0] }), (.raisedBy, raisedBy.map { [$0] }),
            (.response, response.map { [$0] }), (.commitment, commitment.map { [$0] }),
        ]
        for case let (field, value?) in given { values[field] = value }
        for name in clearing {
            let option = name == "item" ? "items" : name
            guard let field = TranslatedField(rawValue: option) else {
                throw ValidationFailure("--clear \(name) names no field; a \(record.rawValue) translates: \(Self.fields(of: record))")
            }
            if values[field] != nil { throw ValidationFailure("--\(name) and --clear \(name) contradict each other; give one of them") }
            values[field] = .some(nil)
        }
        for field in values.keys where !record.translatedFields.contains(field) {
            throw ValidationFailure("--\(field == .items ? "item" : field.rawValue) is no field of a \(record.rawValue); a \(record.rawValue) translates: \(Self.fields(of: record))")
        }
        let desk = try global.openDesk(clearance)
        if list {
            guard values.isEmpty else { throw ValidationFailure("--list shows translations; give it alone, or leave it out to record or clear them") }
            let shown = try desk.translations(of: record, id).filter { lang == nil || $0.lang == lang }
            Output.table(["FIELD", "LANG", "VALUE"], shown.flatMap { t in
                t.field.isList ? t.value.enumerated().map { ["\(t.field.rawValue)[\($0.offset + 1)]", t.lang, $0.element] } : [[t.field.rawValue, t.lang, t.text]]
            })
            return
        }
        guard let lang else { throw ValidationFailure("give the language with --lang, e.g. --lang ja or --lang zh-Hans") }
        guard !values.isEmpty else {
            throw ValidationFailure("nothing to record: give a value (a \(record.rawValue) translates: \(Self.fields(of: record))), --clear FIELD, or --list")
        }
        for event in try desk.translate(record, id, lang: lang, values, reason: reason) {
            Output.line("translated \(event.correctionSummary)")
        }
    }

    static func fields(of subject: Event.Subject) -> String {
        subject.translatedFields.map { $0 == .items ? "item" : $0.rawValue }.joined(separator: ", ")
    }
}

/// A value a clerk enters in English that a letter quotes, and that may therefore be recorded
/// in other languages too.
///
/// The one list of what can be translated is `Event.Subject.translatedFields`.
public enum TranslatedField: String, CaseIterable, Codable, Sendable {
    case name, city, headTitle = "head-title", headName = "head-name", instrument, title, subject, items, summary
    case raisedBy = "raised-by", response, commitment

    /// Whether the value is a list (a request's items), not one text.
    public var isList: Bool { self == .items }

    /// The field as sentences name it: "subject", "head's title".
    public var noun: String {
        switch self {
        case .name: "name"
        case .city: "city"
        case .headTitle: "head's title"
        case .headName: "head's name"
        case .instrument: "instrument"
        case .title: "title"
        case .subject: "subject"
        case .items: "items"
        case .summary: "summary"
        case .raisedBy: "who raised it"
        case .response: "response"
        case .commitment: "commitment"
        }
    }

    /// The most characters one translated text (or one item) holds.
    var limit: Int {
        switch self {
        case .summary, .response, .commitment: 4000
        case .items, .subject: 1000
        case .name, .instrument, .title: 300
        case .city, .headTitle, .headName, .raisedBy: 200
        }
    }
}

extension Event.Subject {
    /// The fields of this kind of record that letters quote, each translatable: a party's name is
    /// its formal name, an outcome's fields what a letter recalls of a meeting.
    public var translatedFields: [TranslatedField] {
        switch self {
        case .party: [.name]
        case .authority: [.name, .city, .headTitle, .headName]
        case .basis: [.instrument]
        case .case, .engagement: [.title]
        case .request: [.subject, .items]
        case .reply: [.summary]
        case .outcome: [.raisedBy, .response, .commitment]
        case .settings, .holidays, .database, .followUp, .user: []
        }
    }

    /// The kinds of record that have translatable fields.
    public static var translated: [Event.Subject] { allCases.filter { !$0.translatedFields.isEmpty } }
}

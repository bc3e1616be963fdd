import Comity

/// A field a correction may change, named as the option of `comity edit`: how its new value is
/// read (before anything is written, so a refusal names the value), and how an empty value
/// empties it when it is optional (`--clear`).
struct Correctable<Record>: Sendable {
    typealias Change = @Sendable (inout Record) -> Void
    let name: String
    let label: String
    let change: @Sendable (String) throws -> Change

    init<Value: Sendable>(_ name: String, _ label: String, _ path: WritableKeyPath<Record, Value> & Sendable,
                          _ parse: @escaping @Sendable (String) throws -> Value) {
        (self.name, self.label) = (name, label)
        change = { text in
            let value = try parse(text)
            return { $0[keyPath: path] = value }
        }
    }

    /// An optional field: an empty value empties it.
    init<Value: Sendable>(_ name: String, _ label: String, optional path: WritableKeyPath<Record, Value?> & Sendable,
                          _ parse: @escaping @Sendable (String) throws -> Value) {
        (self.name, self.label) = (name, label)
        change = { text in
            let value = text.isEmpty ? nil : try parse(text)
            return { $0[keyPath: path] = value }
        }
    }
}

/// The fields of requests, replies and follow-ups a correction may change, as
/// `comity edit request|reply|follow-up` offers them, read the same way.
enum Corrections {
    static let request: [Correctable<Comity.Request>] = [
        .init("case", "case", \.caseID) { $0 },
        .init("from", "sending authority", \.fromAuthority) { $0 },
        .init("to", "requested authority", \.toAuthority) { $0 },
        .init("channel", "channel", \.channel) { try Channel.parse($0, field: "channel") },
        .init("basis", "legal basis (empty: none)", optional: \.basisID) { $0 },
        .init("subject", "subject", \.subject) { $0 },
        .init("item", "items of assistance, one a line (replaces them all)", \.items) { lines($0) },
        .init("urgency", "urgency", \.urgency) { try Urgency.parse($0, field: "urgency") },
        .init("classification", "classification", \.classification) { try Classification.parse($0, field: "classification") },
        .init("sent", "sent date (empty: not sent)", optional: \.sentDate) { try date($0) },
        .init("their-ref", "their reference (empty: none)", optional: \.counterpartReference) { $0 },
        .init("preserved-until", "preserved until (empty: none)", optional: \.preservedUntil) { try date($0) },
        .init("note", "note", \.note) { $0 },
    ]

    static let reply: [Correctable<Reply>] = [
        .init("on", "date", \.date) { try date($0) },
        .init("kind", "kind", \.kind) { try ReplyKind.parse($0, field: "reply kind") },
        .init("summary", "summary", \.summary) { $0 },
        .init("from", "replying authority (empty: none)", optional: \.fromAuthority) { $0 },
        .init("promised", "promised date (empty: none)", optional: \.promisedDate) { try date($0) },
        .init("grounds", "refusal grounds, comma-separated", \.refusalGrounds) { text in
            try text.split(separator: ",").map { try RefusalGround.parse($0.trimmingCharacters(in: .whitespaces), field: "refusal ground") }
        },
        .init("classification", "classification", \.classification) { try Classification.parse($0, field: "classification") },
    ]

    static let followUp: [Correctable<FollowUp>] = [
        .init("on", "date sent", \.date) { try date($0) },
        .init("kind", "kind", \.kind) { try EscalationStep.parse($0, field: "follow-up kind") },
        .init("number", "its number", \.reference) { $0 },
        .init("resend", "the request was sent again (yes or no)", \.restartsClock) { try yesOrNo($0) },
        .init("note", "note", \.note) { $0 },
    ]

    static let party: [Correctable<Party>] = [
        .init("name", "short name", \.name) { $0 },
        .init("formal-name", "formal name used in letters", \.formalName) { $0 },
    ]

    static let authority: [Correctable<Authority>] = [
        .init("party", "state (ISO code)", \.party) { try Party.validCode($0) },
        .init("name", "full name", \.name) { $0 },
        .init("role", "role", \.role) { try AuthorityRole.parse($0, field: "role") },
        .init("city", "city (empty: none)", optional: \.city) { $0 },
        .init("posted-to", "posted to (empty: none)", optional: \.postedTo) { try Party.validCode($0) },
        .init("head-title", "title of its head (empty: none)", optional: \.head.title) { $0 },
        .init("head-name", "name of its head (empty: none)", optional: \.head.name) { $0 },
    ]

    static let basis: [Correctable<LegalBasis>] = [
        .init("instrument", "instrument's name", \.instrument) { $0 },
        .init("kind", "kind", \.kind) { try LegalBasisKind.parse($0, field: "kind") },
        .init("period", "response period, e.g. '30 calendar' (empty: none)", optional: \.responsePeriod) { try Period(parsing: $0) },
        .init("note", "note", \.note) { $0 },
    ]

    static let caseFile: [Correctable<Case>] = [
        .init("title", "title", \.title) { $0 },
        .init("lead", "lead authority", \.leadAuthority) { $0 },
        .init("offence", "offence", \.offence) { $0 },
        .init("incident", "incident began (empty: not known)", optional: \.incidentDate) { try RecordRoutes.reportedDate($0) },
        .init("discovered", "discovered", \.discoveryDate) { try RecordRoutes.reportedDate($0) },
        .init("limitation", "limitation period ends (empty: none)", optional: \.limitationDate) { try date($0) },
        .init("classification", "classification", \.classification) { try Classification.parse($0, field: "classification") },
        .init("note", "note", \.note) { $0 },
    ]

    static let engagement: [Correctable<Engagement>] = [
        .init("counterpart", "counterpart state", \.counterpart) { try Party.validCode($0) },
        .init("start", "first day", \.startDate) { try date($0) },
        .init("end", "last day", \.endDate) { try date($0) },
        .init("level", "level", \.level) { try EngagementLevel.parse($0, field: "level") },
        .init("title", "title", \.title) { $0 },
        .init("place", "place", \.place) { $0 },
        .init("note", "note", \.note) { $0 },
    ]

    static let outcome: [Correctable<EngagementOutcome>] = [
        .init("on", "day it came up", \.date) { try date($0) },
        .init("raised", "raised (yes or no)", \.raised) { try yesOrNo($0, "say whether the request was raised") },
        .init("by", "raised by", \.raisedBy) { $0 },
        .init("response", "their response", \.response) { $0 },
        .init("commitment", "their commitment", \.commitment) { $0 },
        .init("commitment-date", "commitment date (empty: none)", optional: \.commitmentDate) { try date($0) },
        .init("note", "note", \.note) { $0 },
    ]

    /// Reads `field`, `value` and `reason` from a correction form and makes the change through
    /// `edit`; a value refused by its reading or by the record's rules is placed beside the value.
    static func apply<Record>(_ form: FormFields, _ fields: [Correctable<Record>], kind: String,
                              _ edit: (String, @escaping @Sendable (inout Record) -> Void) throws -> [Event]) throws {
        let name = try form.required("field", "field to correct")
        let value = (form.value("value") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = try form.required("reason", "reason for the correction")
        let field = try Self.field(name, of: fields, kind: kind)
        do {
            _ = try edit(reason, try field.change(value))
        } catch let error as ValidationFailure {
            throw FieldError(field: "value", message: error.message)
        } catch let error as ComityError where [.invalid, .notFound].contains(error.category) {
            throw FieldError(field: "value", message: error.description)
        }
    }

    /// The correction form of one kind of record: which field, its new value, and why.
    static func form<Record>(_ id: String, action: String, title: String, _ fields: [Correctable<Record>],
                             targets: [FormView.Choice]? = nil) -> FormView {
        FormView(id: id, action: action, title: title, button: "Record the correction", fields: (targets.map { [
            FormView.Field(name: "target", label: "Record to correct", kind: .select($0)),
        ] } ?? []) + [
            .init(name: "field", label: "Field", kind: .select(fields.map { .init($0.name, $0.label == $0.name ? $0.name : "\($0.name): \($0.label)") })),
            .init(name: "value", label: "New value (empty empties an optional field)", kind: .textarea),
            .init(name: "reason", label: "Reason, kept in the history", required: true),
        ])
    }

    /// A date as the command line reads it, refused with its sentence.
    static func date(_ text: String) throws -> CalendarDate {
        do { return try CalendarDate(iso: text) } catch { throw ValidationFailure(error.description) }
    }

    static func yesOrNo(_ text: String, _ ask: String = "say whether the request itself was sent again") throws -> Bool {
        switch text.lowercased() {
        case "yes", "true", "on": return true
        case "no", "false", "off": return false
        default: throw ValidationFailure("'\(printable(text))' is not yes or no; \(ask)")
        }
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The field named `name` of `fields`, or the refusal listing those there are.
    static func field<Record>(_ name: String, of fields: [Correctable<Record>], kind: String) throws -> Correctable<Record> {
        guard let field = fields.first(where: { $0.name == name }) else {
            throw FieldError(field: "field", message: "'\(printable(name))' is not a field of \(article(kind)) \(kind) that can be corrected; choose one of \(fields.map(\.name).joined(separator: ", "))")
        }
        return field
    }
}

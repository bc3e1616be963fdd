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

    /// A date as the command line reads it, refused with its sentence.
    static func date(_ text: String) throws -> CalendarDate {
        do { return try CalendarDate(iso: text) } catch { throw ValidationFailure(error.description) }
    }

    static func yesOrNo(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "yes", "true", "on": return true
        case "no", "false", "off": return false
        default: throw ValidationFailure("'\(printable(text))' is not yes or no; say whether the request itself was sent again")
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

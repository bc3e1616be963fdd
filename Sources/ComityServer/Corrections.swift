import Comity

/// A field a correction may change, named as the option of `comity edit`: how its new value is
/// read, and how an empty value empties it when it is optional (`--clear`).
struct Correctable<Record>: Sendable {
    let name: String
    let label: String
    let set: @Sendable (inout Record, String) throws -> Void
    let clear: (@Sendable (inout Record) -> Void)?

    init(_ name: String, _ label: String, set: @escaping @Sendable (inout Record, String) throws -> Void) {
        (self.name, self.label, self.set, self.clear) = (name, label, set, nil)
    }

    /// An optional field: an empty value empties it.
    init<Value>(_ name: String, _ label: String, optional path: WritableKeyPath<Record, Value?> & Sendable,
                _ parse: @escaping @Sendable (String) throws -> Value) {
        (self.name, self.label) = (name, label)
        set = { record, text in record[keyPath: path] = try parse(text) }
        clear = { record in record[keyPath: path] = nil }
    }

    /// The change the value makes: an empty value clears an optional field, else it is read.
    func change(_ value: String) -> @Sendable (inout Record) throws -> Void {
        let set = set
        if value.isEmpty, let clear { return { clear(&$0) } }
        return { try set(&$0, value) }
    }
}

/// The fields of requests, replies and follow-ups a correction may change, as
/// `comity edit request|reply|follow-up` offers them, read the same way.
enum Corrections {
    static let request: [Correctable<Comity.Request>] = [
        .init("case", "case") { $0.caseID = $1 },
        .init("from", "sending authority") { $0.fromAuthority = $1 },
        .init("to", "requested authority") { $0.toAuthority = $1 },
        .init("channel", "channel") { $0.channel = try Channel.parse($1, field: "channel") },
        .init("basis", "legal basis (empty: none)", optional: \.basisID) { $0 },
        .init("subject", "subject") { $0.subject = $1 },
        .init("item", "items of assistance, one a line (replaces them all)") { $0.items = lines($1) },
        .init("urgency", "urgency") { $0.urgency = try Urgency.parse($1, field: "urgency") },
        .init("classification", "classification") { $0.classification = try Classification.parse($1, field: "classification") },
        .init("sent", "sent date (empty: not sent)", optional: \.sentDate) { try date($0) },
        .init("their-ref", "their reference (empty: none)", optional: \.counterpartReference) { $0 },
        .init("preserved-until", "preserved until (empty: none)", optional: \.preservedUntil) { try date($0) },
        .init("note", "note") { $0.note = $1 },
    ]

    static let reply: [Correctable<Reply>] = [
        .init("on", "date") { $0.date = try date($1) },
        .init("kind", "kind") { $0.kind = try ReplyKind.parse($1, field: "reply kind") },
        .init("summary", "summary") { $0.summary = $1 },
        .init("from", "replying authority (empty: none)", optional: \.fromAuthority) { $0 },
        .init("promised", "promised date (empty: none)", optional: \.promisedDate) { try date($0) },
        .init("grounds", "refusal grounds, comma-separated") { reply, text in
            reply.refusalGrounds = try text.split(separator: ",").map {
                try RefusalGround.parse($0.trimmingCharacters(in: .whitespaces), field: "refusal ground")
            }
        },
        .init("classification", "classification") { $0.classification = try Classification.parse($1, field: "classification") },
    ]

    static let followUp: [Correctable<FollowUp>] = [
        .init("on", "date sent") { $0.date = try date($1) },
        .init("kind", "kind") { $0.kind = try EscalationStep.parse($1, field: "follow-up kind") },
        .init("number", "its number") { $0.reference = $1 },
        .init("resend", "the request was sent again (yes or no)") { $0.restartsClock = try yesOrNo($1) },
        .init("note", "note") { $0.note = $1 },
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

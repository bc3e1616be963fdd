import Comity
import Foundation

/// The body of `POST /api/requests/REF/replies`: a JSON object with the keys of a reply as
/// `comity reply list --format json` shows them (`id` left out or null), plus the command's
/// `counterpartReference` (`--their-ref`) and `keepState` (`--keep-state`). Each fault is
/// refused in one sentence.
struct APIReplyBody {
    var reply: Reply
    var counterpartReference: String?
    var keepState: Bool

    static let keys = ["date", "kind", "summary", "fromAuthority", "promisedDate", "refusalGrounds", "classification",
                       "counterpartReference", "keepState", "requestReference", "id"]

    init(json data: Data, reference: String) throws(ValidationFailure) {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ValidationFailure("the body is not a JSON object; send the reply's keys (date, kind, summary, …) as one object with Content-Type application/json")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.keys.contains($0) }) {
            throw ValidationFailure("'\(printable(unknown))' is not a key of a reply; use \(Self.keys.dropLast(2).joined(separator: ", "))")
        }
        let fields = JSONFields(object: object)
        if !fields.isNull("id") { throw ValidationFailure("a new reply has no id yet; leave out 'id'", field: "id") }
        if let given = try fields.text("requestReference"), given != reference {
            throw ValidationFailure("the body names request \(printable(given)) but is sent to request \(printable(reference)); send it to that request's address", field: "requestReference")
        }
        var grounds: [RefusalGround] = []
        for ground in try fields.texts("refusalGrounds") { grounds.append(try RefusalGround.parse(ground, field: "refusal ground")) }
        reply = Reply(
            requestReference: reference, date: try fields.date("date", "date of the reply"), fromAuthority: try fields.text("fromAuthority"),
            kind: try ReplyKind.parse(try fields.required("kind", "kind of reply"), field: "reply kind"),
            summary: try fields.required("summary", "summary"), promisedDate: try fields.optionalDate("promisedDate", "promised date"),
            refusalGrounds: grounds,
            classification: try Classification.parse(try fields.text("classification") ?? "restricted", field: "classification"))
        counterpartReference = try fields.text("counterpartReference")
        keepState = try fields.flag("keepState")
    }
}

/// The values of a JSON object, read with one sentence for each fault.
struct JSONFields {
    let object: [String: Any]

    func isNull(_ key: String) -> Bool { object[key] == nil || object[key] is NSNull }

    /// A text value trimmed, nil when absent, null or blank.
    func text(_ key: String) throws(ValidationFailure) -> String? {
        guard !isNull(key) else { return nil }
        guard let text = object[key] as? String else { throw ValidationFailure("'\(key)' must be text", field: key) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func required(_ key: String, _ label: String) throws(ValidationFailure) -> String {
        guard let text = try text(key) else { throw ValidationFailure("give the \(label) ('\(key)')", field: key) }
        return text
    }

    func date(_ key: String, _ label: String) throws(ValidationFailure) -> CalendarDate {
        let text = try required(key, label)
        do { return try CalendarDate(iso: text) } catch {
            throw ValidationFailure("the \(label) '\(printable(text))' is not a date; write it as YYYY-MM-DD", field: key)
        }
    }

    func optionalDate(_ key: String, _ label: String) throws(ValidationFailure) -> CalendarDate? {
        try text(key) == nil ? nil : try date(key, label)
    }

    func texts(_ key: String) throws(ValidationFailure) -> [String] {
        guard !isNull(key) else { return [] }
        guard let list = object[key] as? [Any], list.allSatisfy({ $0 is String }) else {
            throw ValidationFailure("'\(key)' must be a list of text", field: key)
        }
        return list.compactMap { $0 as? String }
    }

    func flag(_ key: String) throws(ValidationFailure) -> Bool {
        guard !isNull(key) else { return false }
        guard let flag = object[key] as? Bool else { throw ValidationFailure("'\(key)' must be true or false", field: key) }
        return flag
    }
}

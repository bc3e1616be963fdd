import Comity

/// Template values and records as the plain dictionaries and arrays page templates read.
enum Plain {
    static func value(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): return text
        case .number(let number): return number
        case .flag(let flag): return flag
        case .list(let items): return items.map(Self.value)
        case .object(let fields): return fields.mapValues(Self.value)
        }
    }

    static func object(_ fields: [String: TemplateValue]) -> [String: Any] {
        fields.mapValues(Self.value)
    }

    /// An event as a line of a timeline or of the changes list; a note only where there is one.
    static func event(_ event: Event) -> [String: Any] {
        var what = event.action.rawValue
        if let from = event.fromState, let to = event.toState { what += ": \(from.rawValue) → \(to.rawValue)" }
        if let field = event.field { what += " \(field): \(event.oldValue ?? "—") → \(event.newValue ?? "—")" }
        return [
            "id": Int(event.id ?? 0), "date": event.date.iso, "recordedOn": event.recordedOn.iso, "actor": event.actor,
            "action": event.action.rawValue, "what": what, "note": event.note.isEmpty ? false as Any : event.note,
            "subject": event.subjectType.rawValue, "subjectID": event.subjectID,
        ]
    }
}

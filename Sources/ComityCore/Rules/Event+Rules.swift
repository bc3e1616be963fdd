extension Event {
    /// Every rule a recorded event breaks on its own, each with its field. `today` is the
    /// clerk's: the history records what has happened, on or before the day it was recorded.
    public func problems(today: CalendarDate) -> [ValidationFailure] {
        var check = RuleCheck()
        var named: String { id.map { "event \($0)" } ?? "the event" }
        check.handle(subjectID, "subject of an event", column: "subject_id")
        check.text(actor, Clerk.nameRule)
        check.text(note, Self.noteRule)
        check.text(field, Self.fieldRule)
        check.text(oldValue, Self.valueRule("old_value"))
        check.text(newValue, Self.valueRule("new_value"))
        check.require(action != .corrected || field != nil, "field", "\(named) records a correction but names no field; a correction names the column it changed")
        if date > today {
            check.require(false, "date", "\(named) is dated \(date.iso), after today (\(today.iso)); Comity records what has happened")
        } else if recordedOn > today {
            check.require(false, "recorded_on", "\(named) was recorded on \(recordedOn.iso), after today (\(today.iso)); Comity records what has happened")
        } else {
            check.require(date <= recordedOn, "date", "\(named) is dated \(date.iso), after it was recorded on \(recordedOn.iso); the history records what has happened")
        }
        return check.problems
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) { try problems(today: today).throwFirst() }

    /// Far above any note Comity writes (a correction quotes a request's old and new items).
    static let noteRule = TextRule("note of the event", column: "note", limit: 1 << 20, required: false)
    static let fieldRule = TextRule("field of a correction", column: "field", limit: 100, required: false)
    /// A corrected column's stored text, as long as any column Comity keeps.
    static func valueRule(_ column: String) -> TextRule {
        TextRule("value of a correction", column: column, limit: 1 << 20, required: false)
    }
}

extension Event.Action {
    /// Whether the event records what happened to its subject, in the order it happened (a
    /// move, a reply, a follow-up), rather than a correction of a record or data leaving or
    /// entering the database.
    public var isChronological: Bool {
        switch self {
        case .replaced, .exported, .imported, .corrected: return false
        default: return true
        }
    }

    /// The chronological actions, as an SQL list.
    package static let chronologicalSQL = allCases.filter(\.isChronological).map { "'\($0.rawValue)'" }.joined(separator: ", ")
}

extension Clerk {
    /// Every rule the clerk's name breaks, as the history records it.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.text(name, Self.nameRule)
        return check.problems
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    static let nameRule = TextRule("actor name", column: "actor", limit: 100)
}

/// One line of the append-only history: what changed, when, by whom.
public struct Event: Hashable, Codable, Sendable {
    /// What an event records.
    public enum Action: String, Codable, Sendable, CaseIterable {
        case created, moved, reply, rescheduled, followUp = "follow-up", settings, note
        /// Data left the database: an export, a calendar feed or a backup (an audit event).
        case exported
        /// An import wrote over a recorded record: the old and new value of each field it changed.
        case replaced
        /// Data entered the database from a file: an import (an audit event).
        case imported
        /// A clerk corrected one field of a record (`edit`): its column (`field`), the stored text
        /// before and after (`oldValue`, `newValue`), and the reason in the note.
        case corrected
    }

    /// What kind of record the event belongs to.
    public enum Subject: String, Codable, Sendable, CaseIterable {
        case party, authority, basis, `case`, request, engagement, settings, holidays
        /// The database as a whole (subject id "database"), e.g. what a whole export took.
        case database
        /// A reply (subject id: the reply's id), for corrections of it; it belongs to its request's history.
        case reply
        /// A follow-up (subject id: its id), for corrections of it; it belongs to its request's history.
        case followUp = "follow-up"
        /// What came of a request at an engagement (subject id: its id), for corrections of it;
        /// it belongs to its request's history.
        case outcome
        /// An account of the shared desk (subject id: its name): created, changed, disabled.
        case user
    }

    public var id: Int64?
    public var subjectType: Subject
    public var subjectID: String
    public var action: Action
    /// When it happened (the date the clerk gave).
    public var date: CalendarDate
    /// When it was recorded (the session's "today").
    public var recordedOn: CalendarDate
    public var actor: String
    public var fromState: RequestState?
    public var toState: RequestState?
    public var replyID: Int64?
    public var note: String
    /// The column a correction changed (its SQL name); nil for every other event.
    public var field: String?
    /// The column's stored text before a correction; nil when it was NULL.
    public var oldValue: String?
    /// The column's stored text after a correction; nil when it is NULL.
    public var newValue: String?

    public init(
        id: Int64? = nil, subjectType: Subject, subjectID: String, action: Action,
        date: CalendarDate, recordedOn: CalendarDate, actor: String,
        fromState: RequestState? = nil, toState: RequestState? = nil, replyID: Int64? = nil, note: String = "",
        field: String? = nil, oldValue: String? = nil, newValue: String? = nil
    ) {
        self.id = id
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.action = action
        self.date = date
        self.recordedOn = recordedOn
        self.actor = actor
        self.fromState = fromState
        self.toState = toState
        self.replyID = replyID
        self.note = note
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

/// Who is acting and what day it is: passed in, never read from the machine.
public struct Clerk: Sendable, Equatable {
    public var name: String
    public var today: CalendarDate
    public init(name: String, today: CalendarDate) {
        self.name = name
        self.today = today
    }
}

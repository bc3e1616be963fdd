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
    }

    /// What kind of record the event belongs to.
    public enum Subject: String, Codable, Sendable, CaseIterable {
        case party, authority, basis, `case`, request, engagement, settings, holidays
        /// The database as a whole (subject id "database"), e.g. what a whole export took.
        case database
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

    public init(
        id: Int64? = nil, subjectType: Subject, subjectID: String, action: Action,
        date: CalendarDate, recordedOn: CalendarDate, actor: String,
        fromState: RequestState? = nil, toState: RequestState? = nil, replyID: Int64? = nil, note: String = ""
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

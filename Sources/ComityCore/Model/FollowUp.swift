/// A step on the escalation ladder, from a working-level reminder to a leaders' summit.
public enum EscalationStep: String, Codable, Sendable, CaseIterable, Comparable {
    case reminder
    case noteVerbale = "note-verbale"
    case aideMemoire = "aide-memoire"
    case ministerial
    case talkingPoints = "talking-points"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The next rung up, or the top one.
    public var next: EscalationStep {
        let all = Self.allCases
        return all[min(all.firstIndex(of: self)! + 1, all.count - 1)]
    }

    /// What the step is, in a sentence fragment for reports.
    public var action: String {
        switch self {
        case .reminder: return "send a working-level reminder"
        case .noteVerbale: return "send a note verbale"
        case .aideMemoire: return "have the ambassador make a démarche, leaving an aide-mémoire"
        case .ministerial: return "send a ministerial letter"
        case .talkingPoints: return "raise it as a talking point at a leaders' meeting"
        }
    }

    public var title: String {
        switch self {
        case .reminder: return "Working-level reminder"
        case .noteVerbale: return "Note verbale"
        case .aideMemoire: return "Aide-mémoire"
        case .ministerial: return "Ministerial letter"
        case .talkingPoints: return "Talking points"
        }
    }
}

/// A follow-up we sent about a request: a letter, a démarche, a point raised at a meeting.
public struct FollowUp: Hashable, Codable, Sendable {
    public var id: Int64?
    public var requestReference: String
    public var date: CalendarDate
    public var kind: EscalationStep
    /// The letter's number, e.g. "NV-2011-0042", when it has one.
    public var reference: String
    /// A resend of the request itself restarts the response clock; ordinary reminders do not.
    public var restartsClock: Bool
    public var note: String

    public init(id: Int64? = nil, requestReference: String, date: CalendarDate, kind: EscalationStep, reference: String = "", restartsClock: Bool = false, note: String = "") {
        self.id = id
        self.requestReference = requestReference
        self.date = date
        self.kind = kind
        self.reference = reference
        self.restartsClock = restartsClock
        self.note = note
    }
}

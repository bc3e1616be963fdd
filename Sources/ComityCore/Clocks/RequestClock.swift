/// One of the clocks a request runs, with the reasoning behind its date.
public struct RequestClock: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case response, veryOverdue = "very-overdue", promise, followUp = "follow-up", limitation, preservation, engagement
    }

    public enum Status: String, Codable, Sendable {
        /// Counting towards a date still ahead.
        case running
        /// Past its date.
        case passed
        /// Stopped because the ball is with us.
        case stopped
        /// Met: the thing it waited for happened.
        case met
    }

    public var kind: Kind
    public var start: CalendarDate?
    public var due: CalendarDate?
    public var status: Status
    /// The rule in words: "30 calendar days from 2011-09-30 (day 0)".
    public var rule: String
    /// Every step of the count: days counted, weekends and holidays skipped, pauses.
    public var explanation: String
    /// Days from the as-of date to the due date (negative once passed).
    public var daysLeft: Int?

    public init(kind: Kind, start: CalendarDate?, due: CalendarDate?, status: Status, rule: String, explanation: String, daysLeft: Int?) {
        self.kind = kind
        self.start = start
        self.due = due
        self.status = status
        self.rule = rule
        self.explanation = explanation
        self.daysLeft = daysLeft
    }

    /// The title as a due item names it: "next follow-up".
    public var dueItemName: String {
        switch kind {
        case .response: return "response"
        case .veryOverdue: return "very overdue at"
        case .promise: return "promise"
        case .followUp: return "next follow-up"
        case .limitation: return "limitation"
        case .preservation: return "preservation expiry"
        case .engagement: return "next engagement"
        }
    }

    public var title: String {
        switch kind {
        case .response: return "Response"
        case .veryOverdue: return "Very overdue at"
        case .promise: return "Promise"
        case .followUp: return "Next follow-up"
        case .limitation: return "Limitation"
        case .preservation: return "Preservation expiry"
        case .engagement: return "Next engagement"
        }
    }
}

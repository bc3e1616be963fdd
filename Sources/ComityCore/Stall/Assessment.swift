/// The stall engine's view of one outstanding request as of a date.
///
/// A request is stalled when `category` is set; the pre-summit brief also lists
/// outstanding requests that are not (yet) stalled.
public struct Assessment: Codable, Sendable {
    public var reference: String
    public var caseID: String
    public var caseTitle: String
    public var subject: String
    public var counterpart: String
    public var counterpartName: String
    public var toAuthority: String
    public var toAuthorityName: String
    public var state: RequestState
    public var classification: Classification
    public var urgency: Urgency
    /// Which way the request goes: for one that came to us (`incoming`) every finding is about us.
    public var direction: Direction = .outgoing

    /// The main reason it is stalled; nil when it is not.
    public var category: StallCategory?
    /// Every reason that applies, main one first.
    public var categories: [StallCategory]
    public var ballWith: BallHolder
    public var severity: Severity?

    public var sentDate: CalendarDate
    public var daysSinceSent: Int
    public var lastReplyDate: CalendarDate?
    public var lastReplyKind: ReplyKind?
    public var daysSinceLastReply: Int?
    public var lastSubstantiveReplyDate: CalendarDate?
    /// Nil when there has never been a substantive reply.
    public var daysSinceLastSubstantiveReply: Int?
    public var replyCount: Int
    public var followUpsSent: Int
    public var lastFollowUp: FollowUp?

    public var responseDue: CalendarDate?
    public var nextDue: DueItem?
    public var hardLimit: DueItem?

    /// The next rung of the escalation ladder after what was already sent.
    public var ladderStep: EscalationStep?
    /// What we recommend doing next: a ladder step, a talking point, or our own homework.
    public var nextStep: String
    public var recommendedStep: EscalationStep?
    /// For a request that came to us: the reply letter its next step needs, if one does.
    public var replyLetter: ReplyLetter? = nil

    public var engagement: EngagementNote?
    /// The talking point a leader's brief raises for the request, drafted in English when it is
    /// read: a letter batch assesses many requests and reads none.
    public var talkingPoint: String {
        // A request that came to us is never one to "raise": the delegation needs a line on it.
        direction == .incoming ? TalkingPoint.defensiveLine(for: self)
            : TalkingPoint.draft(for: self, quoting: .recorded(self), phrases: .english)
    }

    public var clocks: [RequestClock]
    /// The last engagement at which the request was raised, which the next letter follows up.
    public var lastMeeting: MeetingRecord? = nil
    /// For a request that came to us: the counterpart's authority that sent it, and its name.
    public var fromAuthority: String? = nil
    public var fromAuthorityName: String? = nil

    /// A dated thing to watch.
    public struct DueItem: Codable, Sendable, Hashable {
        public var date: CalendarDate
        public var what: String
        public var daysLeft: Int
    }

    /// The engagement where the request can be raised.
    public struct EngagementNote: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var level: EngagementLevel
        public var place: String
        public var startDate: CalendarDate
        public var endDate: CalendarDate
        public var daysUntil: Int
    }

    public var isStalled: Bool { category != nil }
    /// Whether the response clock has passed: the one they run on our request, or ours on theirs.
    public var isOverdue: Bool { categories.contains(.overdue) || categories.contains(.veryOverdue) }
}

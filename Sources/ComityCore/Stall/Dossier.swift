/// Everything the stall engine knows about one request: the request, who it concerns,
/// and its replies, moves and follow-ups up to the as-of date.
public struct Dossier: Sendable {
    public var request: Request
    /// Which way the request goes: for one that came to us, the clocks run against us and the
    /// counterpart is the state it came from.
    public var direction: Direction
    public var caseTitle: String
    public var caseLimitation: CalendarDate?
    public var caseClassification: Classification
    /// The other state: the one the request went to, or came from.
    public var counterpart: Party
    public var toAuthorityName: String
    public var fromAuthorityName: String
    public var basisName: String?
    public var basisPeriod: Period?
    /// Replies dated on or before the as-of date, oldest first.
    public var replies: [Reply]
    /// State changes dated on or before the as-of date, oldest first.
    public var moves: [Move]
    /// Follow-ups dated on or before the as-of date, oldest first.
    public var followUps: [FollowUp]
    /// What came of it at engagements, dated on or before the as-of date, oldest first.
    public var meetings: [MeetingRecord]

    /// One state change.
    public struct Move: Hashable, Sendable {
        public var date: CalendarDate
        public var from: RequestState?
        public var to: RequestState
        public init(date: CalendarDate, from: RequestState?, to: RequestState) {
            self.date = date
            self.from = from
            self.to = to
        }
    }

    public init(
        request: Request, caseTitle: String, caseLimitation: CalendarDate?, caseClassification: Classification,
        counterpart: Party, toAuthorityName: String, fromAuthorityName: String, basisName: String?, basisPeriod: Period?,
        replies: [Reply], moves: [Move], followUps: [FollowUp], meetings: [MeetingRecord] = [], direction: Direction = .outgoing
    ) {
        self.request = request
        self.direction = direction
        self.caseTitle = caseTitle
        self.caseLimitation = caseLimitation
        self.caseClassification = caseClassification
        self.counterpart = counterpart
        self.toAuthorityName = toAuthorityName
        self.fromAuthorityName = fromAuthorityName
        self.basisName = basisName
        self.basisPeriod = basisPeriod
        self.replies = replies
        self.moves = moves
        self.followUps = followUps
        self.meetings = meetings
    }

    /// The last engagement at which the request was raised.
    public var lastRaised: MeetingRecord? { meetings.last { $0.outcome.raised } }

    /// The follow-ups sent to the counterpart, oldest first: an internal brief (talking points)
    /// goes to our own leader, so it climbs no rung of the ladder and starts no follow-up clock.
    public var letters: [FollowUp] { followUps.filter { $0.kind != .talkingPoints } }

    /// The state on the as-of date, replayed from the moves.
    public var state: RequestState { moves.last?.to ?? .drafted }

    /// When the request entered its current state.
    public var stateSince: CalendarDate? { moves.last?.date }

    /// The request's sent date, if it had been sent by the as-of date.
    public var sentDate: CalendarDate? {
        guard let sent = request.sentDate, moves.contains(where: { $0.to == .transmitted }) else { return nil }
        return sent
    }

    /// Periods during which the response clock stood still because the ball was with us.
    public func pauses(until asOf: CalendarDate) -> [Range<CalendarDate>] {
        var result: [Range<CalendarDate>] = []
        var stoppedOn: CalendarDate?
        for move in moves {
            if move.to == .supplementRequested, stoppedOn == nil {
                stoppedOn = move.date
            } else if move.to != .supplementRequested, let start = stoppedOn {
                result.append(start..<max(start, move.date))
                stoppedOn = nil
            }
        }
        if let start = stoppedOn { result.append(start..<max(start, asOf.adding(days: 1))) }
        return result
    }
}

/// How each counterpart answers our requests: per counterpart, channel and year of sending,
/// how many we sent, how fast they acknowledged and answered, how they answered, what is
/// overdue now and how much chasing a substantive reply took.
///
/// Definitions, all as of `asOf` (replies, moves and follow-ups dated later are not counted):
/// - **Year**: the year of the request's sent date; `from`/`to` select requests by sent date.
/// - **Acknowledgement**: the earliest of the first reply of any kind and the recorded move to
///   `acknowledged`. Any reply tells us the request arrived, even one that rejects its premise;
///   a move to acknowledged records an acknowledgement that came without a reply on file.
/// - **Substantive reply**: the first reply whose kind `isSubstantive` (interim status, partial
///   or full results, conditional offer, postponement, supplement request, refusal).
/// - **Days**: calendar days from the sent date (day 0) to that reply; requests without one yet
///   are left out of the percentiles and counted apart (`acknowledged`, `substantivelyAnswered`).
/// - **Percentiles**: nearest rank (`DayPercentiles`): the median and the 90th percentile are
///   days actually observed.
/// - **Shares**: non-committal, premise-rejected and refusal replies among all replies.
/// - **Overdue with them**: requests whose response clock has passed as the stall engine counts
///   it (`StallEngine.isResponseOverdue`): open, awaiting execution, past the response due date.
/// - **Follow-ups per substantive reply**: follow-ups sent to the counterpart (talking points,
///   an internal brief, are not) over substantive replies received.
/// - **Received** and **overdue with us** concern requests sent to us; Comity records none yet,
///   so they are 0 and `incomingRecorded` is false.
///
/// Requests above the reader's clearance are left out of every figure and counted in `withheld`.
public struct CounterpartRecord: Codable, Sendable {
    public var title: String
    public var asOf: CalendarDate
    public var scope: Scope
    /// One entry per counterpart, by code.
    public var counterparts: [Counterpart]
    /// The highest classification of any request, case or reply whose figures are included.
    public var classification: Classification
    /// Requests in scope left out because they are above the reader's clearance.
    public var withheld: Int
    /// Whether requests received from counterparts are recorded (not yet: received and overdue
    /// with us are 0 for that reason, not because none came).
    public var incomingRecorded: Bool
    /// "nearest-rank".
    public var percentileMethod: String
    /// "calendar".
    public var dayCount: String
    /// The ranges of days the charts of days to the first substantive reply use.
    public var buckets: [DayBucket]

    public static let defaultTitle = "Counterparts' record"

    /// Which requests the record covers.
    public struct Scope: Codable, Sendable, Hashable {
        public var counterpart: String?
        public var channel: Channel?
        /// Only requests sent on or after this day.
        public var from: CalendarDate?
        /// Only requests sent on or before this day.
        public var to: CalendarDate?

        public init(counterpart: String? = nil, channel: Channel? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
            self.counterpart = counterpart?.uppercased()
            self.channel = channel
            self.from = from
            self.to = to
        }

        /// Whether a request sent on `sent` through `channel` to `counterpart` is in scope (as of `asOf`).
        public func includes(sent: CalendarDate, channel: Channel, counterpart: String, asOf: CalendarDate) -> Bool {
            sent <= asOf && from.map { sent >= $0 } ?? true && to.map { sent <= $0 } ?? true
                && self.channel.map { $0 == channel } ?? true && self.counterpart.map { $0 == counterpart } ?? true
        }
    }

    /// One counterpart's figures over the whole scope, then by channel and year.
    public struct Counterpart: Codable, Sendable {
        public var code: String
        public var name: String
        public var total: Figures
        /// Of the requests sent, how many got their first substantive reply within each bucket's days.
        public var substantiveDays: [Int]
        /// Requests sent that have had no substantive reply by the as-of date.
        public var noSubstantiveReply: Int
        public var rows: [Row]
    }

    /// One channel and year of one counterpart.
    public struct Row: Codable, Sendable {
        public var channel: Channel
        public var year: Int
        public var figures: Figures
    }

    /// The figures of one group of requests.
    public struct Figures: Codable, Sendable, Hashable {
        public var sent = 0
        /// Requests received from the counterpart: 0 until incoming requests are recorded.
        public var received = 0
        /// Requests acknowledged by the as-of date.
        public var acknowledged = 0
        public var daysToAcknowledgementMedian: Int?
        public var daysToAcknowledgementP90: Int?
        /// Requests with a substantive reply by the as-of date.
        public var substantivelyAnswered = 0
        public var daysToSubstantiveReplyMedian: Int?
        public var daysToSubstantiveReplyP90: Int?
        public var replies = 0
        public var substantiveReplies = 0
        public var nonCommittalReplies = 0
        public var premiseRejectedReplies = 0
        public var refusals = 0
        /// Shares of all replies, rounded to three decimals; nil when there is no reply.
        public var nonCommittalShare: Double?
        public var premiseRejectedShare: Double?
        public var refusalShare: Double?
        /// Open requests whose response clock has passed (the ball with them).
        public var overdueWithThem = 0
        /// Requests received whose clock has passed with us: 0 until incoming requests are recorded.
        public var overdueWithUs = 0
        /// Follow-ups sent to the counterpart (not internal talking points).
        public var followUps = 0
        /// Follow-ups over substantive replies, rounded to two decimals; nil with no substantive reply.
        public var followUpsPerSubstantiveReply: Double?

        public init() {}
    }
}

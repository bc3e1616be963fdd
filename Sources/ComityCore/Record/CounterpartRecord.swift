/// How each counterpart and we answer each other: per counterpart, channel and year, how many
/// requests we sent them and they sent us, how fast each side acknowledged and answered, how
/// it answered, what is open and overdue now each way, and how much chasing a substantive
/// reply from them took.
///
/// Definitions, all as of `asOf` (replies, moves and follow-ups dated later are not counted):
/// - **Direction**: a request we sent (`sent`, answered by them: `theirs`) or one a
///   counterpart sent us (`received`, answered by us: `ours`), as `Dossier.direction` says
///   from the desk's state (the setting `our-state`; without it every request was sent).
/// - **Year**: the year of the request's sent date, or for one received, of the day it was
///   received; `from`/`to` select requests by that day.
/// - **Acknowledgement**: the earliest of the first reply of any kind and the recorded move to
///   `acknowledged`. Any reply tells the sender the request arrived, even one that rejects its
///   premise; a move to acknowledged records an acknowledgement that came without a reply on file.
/// - **Substantive reply**: the first reply whose kind `isSubstantive` (interim status, partial
///   or full results, conditional offer, postponement, supplement request, refusal).
/// - **Days**: calendar days from the sent (received) date, day 0, to that reply; requests
///   without one yet are left out of the percentiles and counted apart (`acknowledged`,
///   `substantivelyAnswered`).
/// - **Percentiles**: nearest rank (`DayPercentiles`): the median and the 90th percentile are
///   days actually observed.
/// - **Shares**: non-committal, premise-rejected and refusal replies among all replies of that side.
/// - **Open** and **overdue**: requests open on the day, and those whose response clock has
///   passed as the stall engine counts it (`StallEngine.isResponseOverdue`, on the calendar of
///   the state that owes the answer): with them for requests we sent, with us for those received.
/// - **Follow-ups per substantive reply**: follow-ups we sent the counterpart (talking points,
///   an internal brief, are not) over their substantive replies.
///
/// Requests above the reader's clearance are left out of every figure and counted in `withheld`.
public struct CounterpartRecord: Codable, Sendable {
    public var title: String
    public var asOf: CalendarDate
    public var scope: Scope
    /// The desk's own state; nil when none is recorded, and then every request counts as sent.
    public var ourState: String?
    /// One entry per counterpart, by code.
    public var counterparts: [Counterpart]
    /// The highest classification of any request, case or reply whose figures are included.
    public var classification: Classification
    /// Requests in scope left out because they are above the reader's clearance.
    public var withheld: Int
    /// "nearest-rank".
    public var percentileMethod: String
    /// "calendar".
    public var dayCount: String
    /// The ranges of days the charts use: days to a substantive reply, and the age of open requests.
    public var buckets: [DayBucket]

    public static let defaultTitle = "Counterparts' record"

    /// Which requests the record covers.
    public struct Scope: Codable, Sendable, Hashable {
        public var counterpart: String?
        public var channel: Channel?
        /// Only requests sent (received) on or after this day.
        public var from: CalendarDate?
        /// Only requests sent (received) on or before this day.
        public var to: CalendarDate?

        public init(counterpart: String? = nil, channel: Channel? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
            self.counterpart = counterpart?.uppercased()
            self.channel = channel
            self.from = from
            self.to = to
        }

        /// Whether a request sent (received) on `sent` through `channel`, to or from `counterpart`, is in scope (as of `asOf`).
        public func includes(sent: CalendarDate, channel: Channel, counterpart: String, asOf: CalendarDate) -> Bool {
            sent <= asOf && from.map { sent >= $0 } ?? true && to.map { sent <= $0 } ?? true
                && self.channel.map { $0 == channel } ?? true && self.counterpart.map { $0 == counterpart } ?? true
        }
    }

    /// One counterpart's figures over the whole scope, its charts' counts, then its figures by channel and year.
    public struct Counterpart: Codable, Sendable {
        public var code: String
        public var name: String
        public var total: Figures
        /// Days to their first substantive reply to the requests we sent.
        public var theirDays: Distribution
        /// Days to our first substantive reply to the requests they sent us.
        public var ourDays: Distribution
        /// Requests we sent that are open on the day, by days since sending, one count a bucket.
        public var openWithThemByAge: [Int]
        /// Requests they sent us that are open on the day, by days since receipt, one count a bucket.
        public var openWithUsByAge: [Int]
        public var rows: [Row]
    }

    /// How many requests of one direction got their first substantive reply within each
    /// bucket's days, and how many have had none by the day.
    public struct Distribution: Codable, Sendable, Hashable {
        public var buckets: [Int]
        public var noSubstantiveReply: Int
    }

    /// One channel and year of one counterpart.
    public struct Row: Codable, Sendable {
        public var channel: Channel
        public var year: Int
        public var figures: Figures
    }

    /// The figures of one group of requests, both ways.
    public struct Figures: Codable, Sendable, Hashable {
        /// Requests we sent the counterpart.
        public var sent = 0
        /// Requests the counterpart sent us.
        public var received = 0
        /// How the counterpart answered the requests we sent.
        public var theirs = Answers()
        /// How we answered the requests the counterpart sent us.
        public var ours = Answers()
        /// Follow-ups we sent the counterpart (not internal talking points).
        public var followUps = 0
        /// Follow-ups over their substantive replies, rounded to two decimals; nil with no substantive reply.
        public var followUpsPerSubstantiveReply: Double?

        public init() {}
    }

    /// How one side answered the requests the other sent it.
    public struct Answers: Codable, Sendable, Hashable {
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
        /// Requests open on the as-of date.
        public var open = 0
        /// Open requests whose response clock has passed: the answer is late.
        public var overdue = 0

        public init() {}
    }
}

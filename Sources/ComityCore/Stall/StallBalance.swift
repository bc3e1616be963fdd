/// What each side has open with the other, as a brief states it: the figures, and the sentence a
/// minister can use, built from them alone.
///
///     StallBalance(counterpartName: "China", theirsPending: 2, theirsOverdue: 0,
///                  oursOpen: 3, oursOverdue: 3, oursWithoutSubstantiveReply: 3,
///                  oldestWithoutSubstantiveReply: CalendarDate(iso: "2011-09-30")).sentence
///     // "China has 2 requests pending with us, both within time; it has given no substantive
///     //  reply to any of our 3 open requests since 2011."
public struct StallBalance: Codable, Sendable, Hashable {
    public var counterpartName: String
    /// Requests that came to us from the counterpart and are open with us.
    public var theirsPending: Int
    /// Of those, how many are past our response clock.
    public var theirsOverdue: Int
    /// Of those, how many we have given no substantive reply.
    public var theirsWithoutSubstantiveReply: Int = 0
    /// Our requests open with the counterpart.
    public var oursOpen: Int
    /// Of those, how many are past the counterpart's response clock.
    public var oursOverdue: Int
    /// Of ours, how many have had no substantive reply at all.
    public var oursWithoutSubstantiveReply: Int
    /// The day the oldest of those was sent.
    public var oldestWithoutSubstantiveReply: CalendarDate?

    public init(
        counterpartName: String, theirsPending: Int, theirsOverdue: Int, oursOpen: Int, oursOverdue: Int,
        oursWithoutSubstantiveReply: Int, oldestWithoutSubstantiveReply: CalendarDate?
    ) {
        self.counterpartName = counterpartName
        self.theirsPending = theirsPending
        self.theirsOverdue = theirsOverdue
        self.oursOpen = oursOpen
        self.oursOverdue = oursOverdue
        self.oursWithoutSubstantiveReply = oursWithoutSubstantiveReply
        self.oldestWithoutSubstantiveReply = oldestWithoutSubstantiveReply
    }

    /// The balance of the outstanding requests with one counterpart, each counted once.
    public init(counterpartName: String, findings: [Assessment]) {
        self = StallReport.Ledger(counterpart: "", counterpartName: counterpartName, findings: findings).balance
    }

    /// "China has 2 requests pending with us, both within time; it has given no substantive reply
    /// to 3 of our 4 open requests since 2011." Every clause is chosen by the counts: no number is
    /// ever written where a word says it better, and nothing is said that the figures do not show.
    public var sentence: String {
        "\(theirsClause); \(oursClause)."
    }

    /// What the counterpart has pending with us, and how it stands against our clock.
    var theirsClause: String {
        let n = theirsPending, late = theirsOverdue
        switch n {
        case 0: return "\(counterpartName) has no request pending with us"
        case 1: return "\(counterpartName) has 1 request pending with us, \(late == 1 ? "overdue" : "within time")"
        default:
            let all = n == 2 ? "both" : "all"
            let status = late == 0 ? "\(all) within time" : late == n ? "\(all) overdue" : "\(late) of them overdue"
            return "\(counterpartName) has \(n) requests pending with us, \(status)"
        }
    }

    /// How the counterpart has answered ours: substantively or not, since the year of the oldest unanswered.
    var oursClause: String {
        let open = oursOpen, silent = oursWithoutSubstantiveReply
        guard open > 0 else { return "we have none pending with it" }
        guard silent > 0, let oldest = oldestWithoutSubstantiveReply else {
            switch open {
            case 1: return "it has replied substantively to our one open request"
            case 2: return "it has replied substantively to both our open requests"
            default: return "it has replied substantively to all \(open) of our open requests"
            }
        }
        let which: String
        switch (silent, open) {
        case (1, 1): which = "our one open request"
        case (2, 2): which = "either of our 2 open requests"
        case _ where silent == open: which = "any of our \(open) open requests"
        default: which = "\(silent) of our \(open) open requests"
        }
        return "it has given no substantive reply to \(which) since \(oldest.year)"
    }
}

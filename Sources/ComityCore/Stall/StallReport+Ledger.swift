/// The ledger a pre-summit brief opens its findings with: both directions with the counterpart,
/// the balance in a sentence, and the open requests by age each way.
extension StallReport {
    public struct Ledger: Codable, Sendable {
        public var counterpart: String
        public var counterpartName: String
        public var balance: StallBalance
        /// `balance.sentence`, kept for readers of the JSON.
        public var balanceSentence: String
        /// The age ranges the open requests are counted in (`DayBucket.standard`).
        public var ageBuckets: [DayBucket]
        /// Our open requests by days since we sent them, one count a range.
        public var owedToUsByAge: [Int]
        /// The counterpart's open requests by days since we received them.
        public var owedByUsByAge: [Int]

        init(counterpart: String, counterpartName: String, balance: StallBalance, ageBuckets: [DayBucket], owedToUsByAge: [Int], owedByUsByAge: [Int]) {
            self.counterpart = counterpart
            self.counterpartName = counterpartName
            self.balance = balance
            balanceSentence = balance.sentence
            self.ageBuckets = ageBuckets
            self.owedToUsByAge = owedToUsByAge
            self.owedByUsByAge = owedByUsByAge
        }

        init(counterpart: String, counterpartName: String, findings: [Assessment]) {
            var tally = Tally()
            for a in findings { tally.add(.init(a)) }
            self = tally.ledger(counterpart: counterpart, counterpartName: counterpartName)
        }

        /// "What China owes us".
        public var owedToUsTitle: String { "What \(counterpartName) owes us" }
        /// "What we owe China".
        public var owedByUsTitle: String { "What we owe \(counterpartName)" }

        /// Counts findings one at a time into a ledger, in constant memory, so a brief streamed
        /// as JSON can end with it.
        public struct Tally: Sendable {
            private let buckets: [DayBucket]
            private var ours = Side(), theirs = Side()
            private var oldestUnanswered: CalendarDate?

            private struct Side {
                var open = 0, overdue = 0, unanswered = 0
                var byAge = [Int](repeating: 0, count: DayBucket.standard.count)
            }

            public init(buckets: [DayBucket] = DayBucket.standard) {
                self.buckets = buckets
                ours.byAge = [Int](repeating: 0, count: buckets.count)
                theirs.byAge = ours.byAge
            }

            public mutating func add(_ e: StallReport.Tally.Entry) {
                var side = e.direction == .incoming ? theirs : ours
                side.open += 1
                if e.overdue { side.overdue += 1 }
                if !e.answered {
                    side.unanswered += 1
                    if e.direction == .outgoing { oldestUnanswered = min(oldestUnanswered ?? e.sentDate, e.sentDate) }
                }
                if let i = buckets.firstIndex(where: { $0.contains(e.daysSinceSent) }) { side.byAge[i] += 1 }
                if e.direction == .incoming { theirs = side } else { ours = side }
            }

            public func ledger(counterpart: String, counterpartName: String) -> Ledger {
                var balance = StallBalance(
                    counterpartName: counterpartName, theirsPending: theirs.open, theirsOverdue: theirs.overdue, oursOpen: ours.open,
                    oursOverdue: ours.overdue, oursWithoutSubstantiveReply: ours.unanswered, oldestWithoutSubstantiveReply: oldestUnanswered)
                balance.theirsWithoutSubstantiveReply = theirs.unanswered
                return Ledger(
                    counterpart: counterpart, counterpartName: counterpartName, balance: balance, ageBuckets: buckets, owedToUsByAge: ours.byAge, owedByUsByAge: theirs.byAge)
            }
        }
    }

    /// The two parts of a counterpart's findings, titled: what it owes us, then what we owe it.
    static func sides(_ g: CounterpartGroup) -> [(title: String, findings: [Assessment], direction: Direction)] {
        [("What \(g.counterpartName) owes us", g.owedToUs, .outgoing), ("What we owe \(g.counterpartName)", g.owedByUs, .incoming)]
    }

    /// How a state stored for a request reads from our side: one that came to us is "received",
    /// not "transmitted", and "under assessment" once we acknowledged it.
    static func stateName(_ a: Assessment) -> String {
        guard a.direction == .incoming else { return a.state.rawValue }
        switch a.state {
        case .transmitted: return "received"
        case .acknowledged: return "under assessment"
        case .supplementRequested: return "further information asked of them"
        case .conditionsProposed: return "conditions proposed by us"
        case .postponed: return "postponed by us"
        default: return a.state.rawValue
        }
    }
}

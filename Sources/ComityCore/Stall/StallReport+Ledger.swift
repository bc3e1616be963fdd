/// The ledger a pre-summit brief opens its findings with: both directions with the counterpart,
/// the balance in a sentence, and the open requests by age each way.
extension StallReport {
    public struct Ledger: Codable, Sendable {
        public var counterpart: String
        public var counterpartName: String
        public var balance: StallBalance
        /// The age ranges the open requests are counted in (`DayBucket.standard`).
        public var ageBuckets: [DayBucket]
        /// Our open requests by days since we sent them, one count a range.
        public var owedToUsByAge: [Int]
        /// The counterpart's open requests by days since we received them.
        public var owedByUsByAge: [Int]

        init(counterpart: String, counterpartName: String, findings: [Assessment], buckets: [DayBucket] = DayBucket.standard) {
            self.counterpart = counterpart
            self.counterpartName = counterpartName
            balance = StallBalance(counterpartName: counterpartName, findings: findings)
            ageBuckets = buckets
            func ages(_ direction: Direction) -> [Int] {
                let days = findings.filter { $0.direction == direction }.map(\.daysSinceSent)
                return buckets.map { b in days.count(where: b.contains) }
            }
            owedToUsByAge = ages(.outgoing)
            owedByUsByAge = ages(.incoming)
        }

        /// "What China owes us".
        public var owedToUsTitle: String { "What \(counterpartName) owes us" }
        /// "What we owe China".
        public var owedByUsTitle: String { "What we owe \(counterpartName)" }
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

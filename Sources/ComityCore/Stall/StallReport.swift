/// Where each investigation is blocked, by whom, since when, and what to do next.
///
/// A plain report lists stalled requests; a pre-summit brief (built with an engagement)
/// lists every outstanding request with that engagement's counterpart. Findings are grouped by
/// counterpart, most severe first, each naming its case; `overview` leads with what matters.
public struct StallReport: Codable, Sendable {
    public var asOf: CalendarDate
    public var title: String
    public var scope: Scope
    public var engagement: Brief?
    public var groups: [CounterpartGroup]
    public var summary: Summary
    /// The one-page summary the report opens with.
    public var overview: Overview
    /// The highest classification of anything in the report.
    public var classification: Classification
    /// Items left out because they are above the reader's clearance.
    public var withheld: Int
    /// In a brief: both directions with the engagement's counterpart and the balance between them.
    public var ledger: Ledger?

    public struct Scope: Codable, Sendable {
        package init(counterpart: String? = nil, caseID: String? = nil, engagementID: String? = nil, asRecorded: CalendarDate? = nil) {
            self.asRecorded = asRecorded
            self.counterpart = counterpart
            self.caseID = caseID
            self.engagementID = engagementID
        }

        public var counterpart: String?
        public var caseID: String?
        public var engagementID: String?
        /// Only what had been recorded by the end of this day counts, with later corrections undone.
        public var asRecorded: CalendarDate?
    }

    /// The engagement a pre-summit brief prepares for.
    public struct Brief: Codable, Sendable {
        package init(id: String, title: String, level: EngagementLevel, place: String, counterpart: String, counterpartName: String, startDate: CalendarDate, endDate: CalendarDate, daysUntil: Int) {
            self.id = id
            self.title = title
            self.level = level
            self.place = place
            self.counterpart = counterpart
            self.counterpartName = counterpartName
            self.startDate = startDate
            self.endDate = endDate
            self.daysUntil = daysUntil
        }

        public var id: String
        public var title: String
        public var level: EngagementLevel
        public var place: String
        public var counterpart: String
        public var counterpartName: String
        public var startDate: CalendarDate
        public var endDate: CalendarDate
        public var daysUntil: Int
    }

    /// The findings with one counterpart, most severe first (in a brief, the oldest first).
    public struct CounterpartGroup: Codable, Sendable {
        public var counterpart: String
        public var counterpartName: String
        public var findings: [Assessment]

        /// What the counterpart owes us: the findings on requests we sent, in the group's order.
        public var owedToUs: [Assessment] { findings.filter { $0.direction == .outgoing } }
        /// What we owe the counterpart: the findings on requests that came to us.
        public var owedByUs: [Assessment] { findings.filter { $0.direction == .incoming } }
        /// Whether the group holds a request that came to us, so it is shown in two parts.
        public var isTwoWay: Bool { findings.contains { $0.direction == .incoming } }
    }

    public struct Summary: Codable, Sendable {
        public var outstanding: Int
        public var stalled: Int
        public var ballWithThem: Int
        public var ballWithUs: Int
        public var byCategory: [CategoryCount]
        /// The requests we sent: what the counterparts owe us.
        public var outgoing: DirectionCount
        /// The requests that came to us: what we owe them.
        public var incoming: DirectionCount
    }

    /// The findings of one direction: how many, how many stalled, how many past their response clock.
    public struct DirectionCount: Codable, Sendable, Hashable {
        public var outstanding = 0
        public var stalled = 0
        public var overdue = 0
    }

    public struct CategoryCount: Codable, Sendable, Hashable {
        public var category: StallCategory
        public var count: Int
    }

    /// "Stall report", or the brief's title when it prepares for an engagement.
    public static func title(for engagement: Brief?) -> String {
        engagement.map { "Pre-summit brief: \($0.title)" } ?? "Stall report"
    }

    public init(asOf: CalendarDate, scope: Scope, engagement: Brief?, assessments: [Assessment], withheld: Int = 0) {
        self.asOf = asOf
        self.scope = scope
        self.engagement = engagement
        self.withheld = withheld
        title = Self.title(for: engagement)
        var byCounterpart: [String: CounterpartGroup] = [:]
        for a in assessments {
            byCounterpart[a.counterpart, default: CounterpartGroup(counterpart: a.counterpart, counterpartName: a.counterpartName, findings: [])]
                .findings.append(a)
        }
        groups = byCounterpart.values.sorted { $0.counterpart < $1.counterpart }.map { group in
            var g = group
            // A brief is a ledger, read from the oldest request on; a stall report, from the worst.
            g.findings.sort(by: engagement == nil ? Self.moreSevere : Self.older)
            return g
        }
        overview = Overview(groups: groups, engagement: engagement)
        ledger = engagement.map { Ledger(counterpart: $0.counterpart, counterpartName: $0.counterpartName, findings: assessments) }
        var tally = Tally()
        for a in assessments { tally.add(a) }
        summary = tally.summary
        classification = tally.classification
    }
}

extension StallReport {
    /// Whether `a` comes before `b`: the more severe first, then the longer waiting, then by reference.
    public static func moreSevere(_ a: Assessment, _ b: Assessment) -> Bool {
        let (sa, sb) = (a.severity ?? .low, b.severity ?? .low)
        if sa != sb { return sa > sb }
        if a.isStalled != b.isStalled { return a.isStalled }
        if a.daysSinceSent != b.daysSinceSent { return a.daysSinceSent > b.daysSinceSent }
        return a.reference < b.reference
    }

    /// Whether `a` was sent (or received) before `b`, then by reference.
    public static func older(_ a: Assessment, _ b: Assessment) -> Bool {
        (a.sentDate, a.reference) < (b.sentDate, b.reference)
    }

    /// Counts findings one at a time, so a streamed report can end with its summary.
    public struct Tally: Sendable {
        private var outstanding = 0
        private var stalled = 0
        private var ballWithThem = 0
        private var ballWithUs = 0
        private var counts: [StallCategory: Int] = [:]
        private var outgoing = DirectionCount()
        private var incoming = DirectionCount()
        /// The highest classification seen.
        public private(set) var classification = Classification.unclassified

        public init() {}

        public mutating func add(_ a: Assessment) { add(Entry(a)) }

        public mutating func add(_ e: Entry) {
            outstanding += 1
            if e.category != nil { stalled += 1 }
            if e.ballWith == .them { ballWithThem += 1 } else { ballWithUs += 1 }
            if let c = e.category { counts[c, default: 0] += 1 }
            classification = max(classification, e.classification)
            let add = { (count: inout DirectionCount) in
                count.outstanding += 1
                if e.category != nil { count.stalled += 1 }
                if e.overdue { count.overdue += 1 }
            }
            if e.direction == .incoming { add(&incoming) } else { add(&outgoing) }
        }

        /// What the tally needs of one assessment: small enough to pass between threads cheaply.
        public struct Entry: Sendable {
            var category: StallCategory?
            var ballWith: BallHolder
            var classification: Classification
            var direction: Direction
            var overdue: Bool
            /// Whether a substantive reply was given (by them to ours, by us to theirs).
            var answered: Bool
            var sentDate: CalendarDate
            var daysSinceSent: Int

            public init(_ a: Assessment) {
                category = a.category
                ballWith = a.ballWith
                classification = a.classification
                direction = a.direction
                overdue = a.isOverdue
                answered = a.lastSubstantiveReplyDate != nil
                sentDate = a.sentDate
                daysSinceSent = a.daysSinceSent
            }
        }

        public var summary: Summary {
            Summary(
                outstanding: outstanding, stalled: stalled, ballWithThem: ballWithThem, ballWithUs: ballWithUs,
                byCategory: StallCategory.allCases.compactMap { c in counts[c].map { CategoryCount(category: c, count: $0) } },
                outgoing: outgoing, incoming: incoming)
        }
    }
}

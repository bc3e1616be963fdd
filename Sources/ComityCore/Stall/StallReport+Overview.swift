/// The page a stall report opens with: where the findings are, the worst of them, and the
/// meetings coming up at which they can be raised.
extension StallReport {
    public struct Overview: Codable, Sendable {
        /// How many findings to list as the most severe.
        public static let mostSevereCount = 10
        /// How many counterparts the summary page names; the rest are counted together.
        public static let leadingCounterpartCount = 12

        /// Counterparts with findings, the most findings first.
        public var counterparts: [CounterpartCount]
        /// The most severe findings of the whole report, most severe first.
        public var mostSevere: [Headline]
        /// Engagements in the look-ahead window of any finding, soonest first.
        public var engagements: [Assessment.EngagementNote]

        public struct CounterpartCount: Codable, Sendable, Hashable {
            public var counterpart: String
            public var counterpartName: String
            public var outstanding: Int
            public var stalled: Int
            public var byCategory: [CategoryCount]
        }

        /// One line of the most severe findings.
        public struct Headline: Codable, Sendable, Hashable {
            public var reference: String
            public var caseID: String
            public var counterpart: String
            public var counterpartName: String
            public var category: StallCategory?
            public var severity: Severity?
            public var daysSinceSent: Int
            /// Incoming: `daysSinceSent` counts the days since we received it.
            public var direction: Direction = .outgoing
        }

        init(groups: [CounterpartGroup], engagement: Brief?) {
            counterparts = groups.map { g in
                var counts: [StallCategory: Int] = [:]
                for a in g.findings { if let c = a.category { counts[c, default: 0] += 1 } }
                return CounterpartCount(
                    counterpart: g.counterpart, counterpartName: g.counterpartName, outstanding: g.findings.count,
                    stalled: g.findings.count { $0.isStalled },
                    byCategory: StallCategory.allCases.compactMap { c in counts[c].map { CategoryCount(category: c, count: $0) } })
            }
            .sorted { ($0.stalled, $0.outstanding, $1.counterpart) > ($1.stalled, $1.outstanding, $0.counterpart) }
            mostSevere = groups.flatMap(\.findings).filter(\.isStalled).sorted(by: StallReport.moreSevere)
                .prefix(Self.mostSevereCount).map { a in
                    Headline(reference: a.reference, caseID: a.caseID, counterpart: a.counterpart, counterpartName: a.counterpartName,
                             category: a.category, severity: a.severity, daysSinceSent: a.daysSinceSent, direction: a.direction)
                }
            var seen: [String: Assessment.EngagementNote] = [:]
            if let e = engagement {
                seen[e.id] = .init(id: e.id, title: e.title, level: e.level, place: e.place, startDate: e.startDate, endDate: e.endDate, daysUntil: e.daysUntil)
            }
            for a in groups.flatMap(\.findings) { if let e = a.engagement, seen[e.id] == nil { seen[e.id] = e } }
            engagements = seen.values.sorted { ($0.startDate, $0.id) < ($1.startDate, $1.id) }
        }
    }
}

import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// The counterparts' record on a small world whose every figure is worked out here from the
/// raw inputs (sent days, reply days and kinds, moves, follow-ups), not by the record's code.
@Suite("counterparts' record")
struct CounterpartRecordTests {
    /// One request of the hand-built world, as the test records it and reasons about it.
    struct Plan {
        var reference: String
        var to: String
        var channel: Channel
        var basis: String?
        var sentDay: Int
        var replies: [(day: Int, kind: ReplyKind)] = []
        var acknowledgedMoveDay: Int? = nil
        var followUps: [(day: Int, kind: EscalationStep)] = []
        var classification: Classification = .restricted
        var counterpart: String { to.hasPrefix("CN") ? "CN" : "US" }
        var year: Int { TestWorld.day(sentDay).year }
    }

    static let asOfDay = 500

    static let plans: [Plan] = [
        Plan(reference: "CN-1", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 0,
             replies: [(5, .acknowledgement), (20, .nonCommittal), (60, .partialResults)],
             followUps: [(40, .reminder), (50, .talkingPoints)]),
        Plan(reference: "CN-2", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 10,
             replies: [(12, .premiseRejected)], followUps: [(100, .reminder), (130, .noteVerbale)]),
        Plan(reference: "CN-3", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 20,
             replies: [(100, .refusal)], acknowledgedMoveDay: 25),
        Plan(reference: "CN-4", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 30,
             followUps: [(70, .reminder), (100, .noteVerbale), (110, .talkingPoints)]),
        Plan(reference: "CN-5", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 40,
             replies: [(41, .fullResults)]),
        // Sent the next year; its second reply comes after the as-of date and must not count.
        Plan(reference: "CN-6", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 400,
             replies: [(410, .nonCommittal), (510, .fullResults)]),
        Plan(reference: "CN-7", to: "CN-MPS", channel: .police, basis: nil, sentDay: 15,
             replies: [(18, .acknowledgement), (90, .supplementRequest)]),
        Plan(reference: "US-1", to: "US-DOJ", channel: .centralAuthority, basis: nil, sentDay: 0,
             replies: [(3, .acknowledgement)]),
        Plan(reference: "US-2", to: "US-DOJ", channel: .centralAuthority, basis: nil, sentDay: 5,
             replies: [(35, .interimStatus), (200, .nonCommittal)], followUps: [(120, .reminder)]),
        // Secret: in the figures at secret clearance, withheld and only counted at confidential.
        Plan(reference: "CN-S", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 50,
             replies: [(51, .refusal)], classification: .secret),
        // Sent after the as-of date: not in the record at all.
        Plan(reference: "CN-LATE", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 520),
    ]

    static func world() throws -> TestWorld {
        let world = try TestWorld()
        for plan in plans {
            let sent = TestWorld.day(plan.sentDay)
            try world.store.addRequest(
                Request(reference: plan.reference, caseID: "CASE-A", fromAuthority: "JP-NPSC", toAuthority: plan.to, channel: plan.channel,
                        basisID: plan.basis, subject: "Subject of \(plan.reference)", classification: plan.classification, sentDate: sent),
                by: world.clerk(sent))
            var events: [(Int, () throws -> Void)] = []
            for reply in plan.replies {
                events.append((reply.day, { try world.reply(plan.reference, on: TestWorld.day(reply.day), reply.kind) }))
            }
            if let day = plan.acknowledgedMoveDay {
                events.append((day, { try world.move(plan.reference, to: .acknowledged, on: TestWorld.day(day)) }))
            }
            for followUp in plan.followUps {
                events.append((followUp.day, { try world.followUp(plan.reference, on: TestWorld.day(followUp.day), followUp.kind) }))
            }
            for (_, record) in events.sorted(by: { $0.0 < $1.0 }) { try record() }
        }
        return world
    }

    // MARK: - Figures worked out from the plans

    /// The nearest-rank percentile, written out: the smallest value with at least p % of the values at or below it.
    static func percentile(_ p: Int, _ values: [Int]) -> Int? {
        let sorted = values.sorted()
        return sorted.first { v in sorted.filter { $0 <= v }.count * 100 >= p * sorted.count }
    }

    static func rounded(_ value: Double, _ places: Double) -> Double { (value * places).rounded() / places }

    /// The figures of `plans` as of `asOfDay`, worked out directly.
    static func expected(_ plans: [Plan]) -> CounterpartRecord.Figures {
        var f = CounterpartRecord.Figures()
        var ack: [Int] = []
        var answered: [Int] = []
        for plan in plans {
            f.sent += 1
            let replies = plan.replies.filter { $0.day <= asOfDay }
            let firstReply = replies.map(\.day).min()
            let candidates = [firstReply, plan.acknowledgedMoveDay].compactMap { $0 }
            if let day = candidates.min() { ack.append(day - plan.sentDay) }
            let substantive: Set<ReplyKind> = [.interimStatus, .supplementRequest, .partialResults, .fullResults, .postponement, .conditionalOffer, .refusal]
            if let day = replies.filter({ substantive.contains($0.kind) }).map(\.day).min() { answered.append(day - plan.sentDay) }
            f.replies += replies.count
            f.substantiveReplies += replies.filter { substantive.contains($0.kind) }.count
            f.nonCommittalReplies += replies.filter { $0.kind == .nonCommittal }.count
            f.premiseRejectedReplies += replies.filter { $0.kind == .premiseRejected }.count
            f.refusals += replies.filter { $0.kind == .refusal }.count
            f.followUps += plan.followUps.filter { $0.day <= asOfDay && $0.kind != .talkingPoints }.count
        }
        f.acknowledged = ack.count
        f.daysToAcknowledgementMedian = percentile(50, ack)
        f.daysToAcknowledgementP90 = percentile(90, ack)
        f.substantivelyAnswered = answered.count
        f.daysToSubstantiveReplyMedian = percentile(50, answered)
        f.daysToSubstantiveReplyP90 = percentile(90, answered)
        if f.replies > 0 {
            f.nonCommittalShare = rounded(Double(f.nonCommittalReplies) / Double(f.replies), 1000)
            f.premiseRejectedShare = rounded(Double(f.premiseRejectedReplies) / Double(f.replies), 1000)
            f.refusalShare = rounded(Double(f.refusals) / Double(f.replies), 1000)
        }
        if f.substantiveReplies > 0 {
            f.followUpsPerSubstantiveReply = rounded(Double(f.followUps) / Double(f.substantiveReplies), 100)
        }
        return f
    }

    /// How many of `references` the stall engine finds overdue or very overdue on the as-of date.
    static func overdue(_ world: TestWorld, _ references: [String], clearance: Classification = .secret) throws -> Int {
        try world.store.assessments(ComityStore.StallScope(asOf: TestWorld.day(asOfDay), clearance: clearance))
            .filter { references.contains($0.reference) && ($0.categories.contains(.overdue) || $0.categories.contains(.veryOverdue)) }
            .count
    }

    static func desk(_ world: TestWorld, _ clearance: Classification? = nil) throws -> Desk {
        try Desk.open(.sqlite(path: world.path), clerk: world.clerk(TestWorld.day(600)), clearance: clearance)
    }

    @Test("every figure of every counterpart, channel and year equals the one worked out from the inputs")
    func figures() throws {
        let world = try Self.world()
        let record = try Self.desk(world).counterpartRecord(asOf: TestWorld.day(Self.asOfDay))
        let inScope = Self.plans.filter { $0.sentDay <= Self.asOfDay }
        #expect(record.withheld == 0)
        #expect(record.classification == .secret)
        #expect(record.counterparts.map(\.code) == ["CN", "US"])
        var groupsSeen = 0
        for counterpart in record.counterparts {
            let mine = inScope.filter { $0.counterpart == counterpart.code }
            var total = Self.expected(mine)
            total.overdueWithThem = try Self.overdue(world, mine.map(\.reference))
            #expect(counterpart.total == total, "\(counterpart.code) total")
            let groups = Dictionary(grouping: mine) { "\($0.channel.rawValue) \($0.year)" }
            #expect(counterpart.rows.count == groups.count)
            for row in counterpart.rows {
                let plans = try #require(groups["\(row.channel.rawValue) \(row.year)"])
                var expected = Self.expected(plans)
                expected.overdueWithThem = try Self.overdue(world, plans.map(\.reference))
                #expect(row.figures == expected, "\(counterpart.code) \(row.channel.rawValue) \(row.year)")
                groupsSeen += 1
            }
            let answeredDays = mine.compactMap { plan -> Int? in
                plan.replies.filter { $0.day <= Self.asOfDay && $0.kind.isSubstantive }.map(\.day).min().map { $0 - plan.sentDay }
            }
            #expect(counterpart.noSubstantiveReply == mine.count - answeredDays.count)
            #expect(counterpart.substantiveDays == [0...30, 31...60, 61...90, 91...180, 181...365].map { r in answeredDays.filter { r.contains($0) }.count }
                    + [answeredDays.filter { $0 > 365 }.count])
        }
        #expect(groupsSeen == 4)
        // The stall engine finds some overdue here, so the comparison above is not of zeros.
        #expect(record.counterparts.map(\.total.overdueWithThem).reduce(0, +) > 0)
        // Requests received are not recorded: their figures are 0 and the record says why.
        #expect(!record.incomingRecorded)
        #expect(record.counterparts.allSatisfy { $0.total.received == 0 && $0.total.overdueWithUs == 0 })
        #expect(record.notes.contains { $0.contains("does not record requests received") })
    }

    @Test("the CN 2020 figures, spelled out: medians, 90th percentiles and shares by nearest rank")
    func spelledOut() throws {
        let world = try Self.world()
        let record = try Self.desk(world).counterpartRecord(counterpart: "cn", channel: .centralAuthority, asOf: TestWorld.day(Self.asOfDay))
        let row = try #require(record.counterparts.first?.rows.first { $0.year == 2020 })
        // CN-1, CN-2, CN-3, CN-4, CN-5, CN-S: acknowledged after 5, 2, 5 (the move), 1, 1 days; CN-4 never.
        #expect(row.figures.sent == 6)
        #expect(row.figures.acknowledged == 5)
        #expect(row.figures.daysToAcknowledgementMedian == 2)
        #expect(row.figures.daysToAcknowledgementP90 == 5)
        // Substantive replies after 60 (CN-1), 80 (CN-3), 1 (CN-5) and 1 (CN-S) days.
        #expect(row.figures.daysToSubstantiveReplyMedian == 1)
        #expect(row.figures.daysToSubstantiveReplyP90 == 80)
        // 7 replies: 1 non-committal, 1 premise rejected, 2 refusals.
        #expect(row.figures.nonCommittalShare == 0.143)
        #expect(row.figures.refusalShare == 0.286)
        // 5 follow-ups sent (talking points are not) over 4 substantive replies.
        #expect(row.figures.followUpsPerSubstantiveReply == 1.25)
        #expect(record.scope.counterpart == "CN")
    }

    @Test("a secret request's figures are left out under a confidential clearance, and counted")
    func clearance() throws {
        let world = try Self.world()
        let asOf = TestWorld.day(Self.asOfDay)
        let full = try Self.desk(world).counterpartRecord(asOf: asOf)
        let low = try Self.desk(world, .confidential).counterpartRecord(asOf: asOf)
        #expect(low.withheld == 1)
        #expect(low.classification == .restricted)
        #expect(low.notes.contains("1 request(s) above the reader's clearance are left out of every figure."))
        let visible = Self.plans.filter { $0.sentDay <= Self.asOfDay && $0.counterpart == "CN" && $0.classification != .secret }
        let cn = try #require(low.counterparts.first { $0.code == "CN" })
        var expected = Self.expected(visible)
        expected.overdueWithThem = try Self.overdue(world, visible.map(\.reference), clearance: .confidential)
        #expect(cn.total == expected)
        #expect(try #require(full.counterparts.first { $0.code == "CN" }).total.sent == cn.total.sent + 1)
        #expect(!low.text.contains("SECRET"))
        #expect(full.text.hasPrefix("SECRET\n"))
    }

    @Test("--from and --to select by sent date; a period that runs backwards is refused")
    func period() throws {
        let world = try Self.world()
        let desk = try Self.desk(world)
        let year = try desk.counterpartRecord(from: TestWorld.date("2021-01-01"), to: TestWorld.date("2021-12-31"), asOf: TestWorld.day(Self.asOfDay))
        #expect(year.counterparts.map(\.code) == ["CN"])
        #expect(year.counterparts.first?.total.sent == 1)
        #expect(throws: ComityError.self) {
            try desk.counterpartRecord(from: TestWorld.date("2021-01-01"), to: TestWorld.date("2020-01-01"))
        }
        let none = try desk.counterpartRecord(counterpart: "US", channel: .police, asOf: TestWorld.day(Self.asOfDay))
        #expect(none.counterparts.isEmpty)
        #expect(none.text.contains("No request we sent is in this scope."))
    }

    @Test("nearest rank: the value at rank ⌈p·n/100⌉")
    func nearestRank() {
        #expect(DayPercentiles.nearestRank(50, of: [3, 10, 40, 5]) == 5)
        #expect(DayPercentiles.nearestRank(90, of: (1...10).map { UInt16($0) }) == 9)
        #expect(DayPercentiles.nearestRank(90, of: (1...11).map { UInt16($0) }) == 10)
        #expect(DayPercentiles.nearestRank(50, of: [7]) == 7)
        #expect(DayPercentiles.nearestRank(50, of: []) == nil)
        #expect(CounterpartRecord.percent(1, of: 3) == "33.3%")
        #expect(CounterpartRecord.percent(2, of: 3) == "66.7%")
        #expect(CounterpartRecord.percent(0, of: 0) == nil)
    }
}

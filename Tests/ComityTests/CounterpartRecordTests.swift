import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// The counterparts' record on a small world of requests we sent and requests we received,
/// whose every figure is worked out here from the raw inputs (sent and received days, reply
/// days and kinds, moves, follow-ups), not by the record's code.
@Suite("counterparts' record")
struct CounterpartRecordTests {
    /// One request of the hand-built world, as the test records it and reasons about it.
    struct Plan {
        var reference: String
        /// The counterpart's authority: the one we sent it to, or for one received, the one it came from.
        var to: String
        var channel: Channel
        var basis: String?
        var sentDay: Int
        var replies: [(day: Int, kind: ReplyKind)] = []
        var acknowledgedMoveDay: Int? = nil
        var followUps: [(day: Int, kind: EscalationStep)] = []
        var classification: Classification = .restricted
        /// Received from `to` by JP-NPSC, its replies ours; else sent by JP-NPSC to `to`.
        var incoming = false
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
        // Received from China: we acknowledged after 2 days and sent part of the results after 170.
        Plan(reference: "IN-CN-1", to: "CN-MPS", channel: .centralAuthority, basis: "JP-CN-MLAT", sentDay: 30,
             replies: [(32, .acknowledgement), (200, .partialResults)], incoming: true),
        // No answer from us at all, on the channel's 30 days: overdue with us.
        Plan(reference: "IN-CN-2", to: "CN-MPS", channel: .centralAuthority, basis: nil, sentDay: 100, incoming: true),
        // Acknowledged by the move alone, then refused by us.
        Plan(reference: "IN-CN-3", to: "CN-MPS", channel: .centralAuthority, basis: nil, sentDay: 120,
             replies: [(150, .refusal)], acknowledgedMoveDay: 121, incoming: true),
        // Received the next year; we asked for more: the clock stands still, not overdue.
        Plan(reference: "IN-CN-4", to: "CN-MPS", channel: .centralAuthority, basis: nil, sentDay: 410,
             replies: [(411, .acknowledgement), (420, .supplementRequest)], incoming: true),
        // Through the diplomatic channel; a non-committal answer from us, and nothing since: overdue with us.
        Plan(reference: "IN-CN-5", to: "CN-MFA", channel: .diplomatic, basis: nil, sentDay: 300,
             replies: [(305, .nonCommittal)], incoming: true),
        Plan(reference: "IN-US-1", to: "US-DOJ", channel: .centralAuthority, basis: nil, sentDay: 50,
             replies: [(55, .fullResults)], incoming: true),
        // Received after the as-of date: not in the record.
        Plan(reference: "IN-CN-LATE", to: "CN-MPS", channel: .centralAuthority, basis: nil, sentDay: 505, incoming: true),
    ]

    static func world() throws -> TestWorld {
        let world = try TestWorld()
        try world.set(StoredSetting.ourStateKey, "JP")
        for plan in plans {
            let sent = TestWorld.day(plan.sentDay)
            try world.store.addRequest(
                Request(reference: plan.reference, caseID: "CASE-A", fromAuthority: plan.incoming ? plan.to : "JP-NPSC",
                        toAuthority: plan.incoming ? "JP-NPSC" : plan.to, channel: plan.channel,
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

    static let substantive: Set<ReplyKind> = [.interimStatus, .supplementRequest, .partialResults, .fullResults, .postponement, .conditionalOffer, .refusal]

    /// Whether a request is still open on the as-of date: no reply by then has closed it (full results, a refusal).
    static func isOpen(_ plan: Plan) -> Bool {
        !plan.replies.contains { $0.day <= asOfDay && ($0.kind == .fullResults || $0.kind == .refusal) }
    }

    /// The figures of `plans` as of `asOfDay`, worked out directly, both ways; the overdue
    /// counts are the stall engine's, filled in by the caller.
    static func expected(_ plans: [Plan]) -> CounterpartRecord.Figures {
        var f = CounterpartRecord.Figures()
        let sent = plans.filter { !$0.incoming }
        let received = plans.filter(\.incoming)
        f.sent = sent.count
        f.received = received.count
        f.theirs = answers(sent)
        f.ours = answers(received)
        f.followUps = sent.flatMap(\.followUps).filter { $0.day <= asOfDay && $0.kind != .talkingPoints }.count
        if f.theirs.substantiveReplies > 0 {
            f.followUpsPerSubstantiveReply = rounded(Double(f.followUps) / Double(f.theirs.substantiveReplies), 100)
        }
        return f
    }

    /// How the side that was sent `plans` answered them.
    static func answers(_ plans: [Plan]) -> CounterpartRecord.Answers {
        var a = CounterpartRecord.Answers()
        var ack: [Int] = []
        var answered: [Int] = []
        for plan in plans {
            let replies = plan.replies.filter { $0.day <= asOfDay }
            let firstReply = replies.map(\.day).min()
            let candidates = [firstReply, plan.acknowledgedMoveDay].compactMap { $0 }
            if let day = candidates.min() { ack.append(day - plan.sentDay) }
            if let day = replies.filter({ substantive.contains($0.kind) }).map(\.day).min() { answered.append(day - plan.sentDay) }
            a.replies += replies.count
            a.substantiveReplies += replies.filter { substantive.contains($0.kind) }.count
            a.nonCommittalReplies += replies.filter { $0.kind == .nonCommittal }.count
            a.premiseRejectedReplies += replies.filter { $0.kind == .premiseRejected }.count
            a.refusals += replies.filter { $0.kind == .refusal }.count
            if isOpen(plan) { a.open += 1 }
        }
        a.acknowledged = ack.count
        a.daysToAcknowledgementMedian = percentile(50, ack)
        a.daysToAcknowledgementP90 = percentile(90, ack)
        a.substantivelyAnswered = answered.count
        a.daysToSubstantiveReplyMedian = percentile(50, answered)
        a.daysToSubstantiveReplyP90 = percentile(90, answered)
        if a.replies > 0 {
            a.nonCommittalShare = rounded(Double(a.nonCommittalReplies) / Double(a.replies), 1000)
            a.premiseRejectedShare = rounded(Double(a.premiseRejectedReplies) / Double(a.replies), 1000)
            a.refusalShare = rounded(Double(a.refusals) / Double(a.replies), 1000)
        }
        return a
    }

    /// `expected(plans)` with each side's overdue count as the stall engine finds it.
    static func expected(_ world: TestWorld, _ plans: [Plan], clearance: Classification = .secret) throws -> CounterpartRecord.Figures {
        var f = expected(plans)
        f.theirs.overdue = try overdue(world, plans.filter { !$0.incoming }.map(\.reference), clearance: clearance)
        f.ours.overdue = try overdue(world, plans.filter(\.incoming).map(\.reference), clearance: clearance)
        return f
    }

    /// Counts a bucket of the standard ranges, for the charts.
    static func bucketed(_ days: [Int]) -> [Int] {
        [0...30, 31...60, 61...90, 91...180, 181...365].map { r in days.filter { r.contains($0) }.count } + [days.filter { $0 > 365 }.count]
    }

    /// Days to the first substantive reply of each of `plans` that has one by the as-of date.
    static func answeredDays(_ plans: [Plan]) -> [Int] {
        plans.compactMap { plan -> Int? in
            plan.replies.filter { $0.day <= asOfDay && substantive.contains($0.kind) }.map(\.day).min().map { $0 - plan.sentDay }
        }
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

    @Test("every figure of every counterpart, channel and year, both ways, equals the one worked out from the inputs")
    func figures() throws {
        let world = try Self.world()
        let record = try Self.desk(world).counterpartRecord(asOf: TestWorld.day(Self.asOfDay))
        let inScope = Self.plans.filter { $0.sentDay <= Self.asOfDay }
        #expect(record.withheld == 0)
        #expect(record.classification == .secret)
        #expect(record.ourState == "JP")
        #expect(record.counterparts.map(\.code) == ["CN", "US"])
        var groupsSeen = 0
        for counterpart in record.counterparts {
            let mine = inScope.filter { $0.counterpart == counterpart.code }
            #expect(counterpart.total == (try Self.expected(world, mine)), "\(counterpart.code) total")
            let groups = Dictionary(grouping: mine) { "\($0.channel.rawValue) \($0.year)" }
            #expect(counterpart.rows.count == groups.count)
            for row in counterpart.rows {
                let plans = try #require(groups["\(row.channel.rawValue) \(row.year)"])
                #expect(row.figures == (try Self.expected(world, plans)), "\(counterpart.code) \(row.channel.rawValue) \(row.year)")
                groupsSeen += 1
            }
            for (incoming, days) in [(false, counterpart.theirDays), (true, counterpart.ourDays)] {
                let side = mine.filter { $0.incoming == incoming }
                let answered = Self.answeredDays(side)
                #expect(days.noSubstantiveReply == side.count - answered.count, "\(counterpart.code) incoming \(incoming)")
                #expect(days.buckets == Self.bucketed(answered), "\(counterpart.code) incoming \(incoming)")
            }
            let ages = { (incoming: Bool) in Self.bucketed(mine.filter { $0.incoming == incoming && Self.isOpen($0) }.map { Self.asOfDay - $0.sentDay }) }
            #expect(counterpart.openWithThemByAge == ages(false))
            #expect(counterpart.openWithUsByAge == ages(true))
        }
        #expect(groupsSeen == 5)
        // The stall engine finds some overdue each way, and the world has answers each way, so
        // the comparisons above are not of zeros.
        let totals = record.counterparts.map(\.total)
        #expect(totals.map(\.theirs.overdue).reduce(0, +) > 0)
        #expect(totals.map(\.ours.overdue).reduce(0, +) == 3)
        #expect(totals.map(\.received).reduce(0, +) == 6)
        #expect(totals.map(\.ours.substantivelyAnswered).reduce(0, +) == 4)
        #expect(!record.notes.contains { $0.contains("our-state") })
    }

    @Test("a request received counts in the year it was received, and its figures are ours to them")
    func receivedSpelledOut() throws {
        let world = try Self.world()
        let record = try Self.desk(world).counterpartRecord(counterpart: "CN", channel: .centralAuthority, asOf: TestWorld.day(Self.asOfDay))
        let cn = try #require(record.counterparts.first)
        let y2020 = try #require(cn.rows.first { $0.year == 2020 }).figures
        let y2021 = try #require(cn.rows.first { $0.year == 2021 }).figures
        // IN-CN-1, -2, -3 received in 2020; IN-CN-4 on day 410, in 2021.
        #expect(y2020.received == 3)
        #expect(y2021.received == 1)
        // Acknowledged by us after 2 days (IN-CN-1) and 1 day (IN-CN-3, by the move); IN-CN-2 never.
        #expect(y2020.ours.acknowledged == 2)
        #expect(y2020.ours.daysToAcknowledgementMedian == 1)
        #expect(y2020.ours.daysToAcknowledgementP90 == 2)
        // Our substantive replies after 170 (IN-CN-1) and 30 (IN-CN-3) days.
        #expect(y2020.ours.daysToSubstantiveReplyMedian == 30)
        #expect(y2020.ours.daysToSubstantiveReplyP90 == 170)
        #expect(y2020.ours.refusalShare == 0.333)
        // IN-CN-1 (partly executed) and IN-CN-2 are open and overdue: IN-CN-1 470 days on the
        // treaty's year, IN-CN-2 400 days on the channel's 30.
        #expect(y2020.ours.open == 2)
        #expect(y2020.ours.overdue == 2)
        // We asked for more on IN-CN-4: open, but the clock stands still.
        #expect(y2021.ours.open == 1)
        #expect(y2021.ours.overdue == 0)
        // Follow-ups are ours only: none on requests received.
        #expect(y2020.followUps == 5)
        let text = record.text
        #expect(text.contains("Received: 4 requests; we acknowledged 3"))
        #expect(text.contains("3 open, 2 overdue with us"))
    }

    @Test("without the desk's state every request counts as sent, and the record says so")
    func withoutOurState() throws {
        let world = try TestWorld()
        try world.send("CN-1", on: TestWorld.day(0))
        let record = try Self.desk(world).counterpartRecord(asOf: TestWorld.day(10))
        #expect(record.ourState == nil)
        #expect(record.counterparts.first?.total.sent == 1)
        #expect(record.counterparts.first?.total.received == 0)
        // A side with requests and no answer yet is told in words, with no percentile.
        #expect(record.text.contains("  Sent: 1 request; none acknowledged; no substantive reply; no reply; 1 open, 0 overdue with them; 0 follow-up(s), no substantive reply to set them against.\n  Received: 0 requests.\n"))
        #expect(record.notes.contains("This desk's own state is not recorded (the setting our-state), so every request counts as one we sent and none as received."))
    }

    @Test("the CN 2020 figures, spelled out: medians, 90th percentiles and shares by nearest rank")
    func spelledOut() throws {
        let world = try Self.world()
        let record = try Self.desk(world).counterpartRecord(counterpart: "cn", channel: .centralAuthority, asOf: TestWorld.day(Self.asOfDay))
        let row = try #require(record.counterparts.first?.rows.first { $0.year == 2020 })
        // CN-1, CN-2, CN-3, CN-4, CN-5, CN-S: acknowledged after 5, 2, 5 (the move), 1, 1 days; CN-4 never.
        #expect(row.figures.sent == 6)
        #expect(row.figures.theirs.acknowledged == 5)
        #expect(row.figures.theirs.daysToAcknowledgementMedian == 2)
        #expect(row.figures.theirs.daysToAcknowledgementP90 == 5)
        // Substantive replies after 60 (CN-1), 80 (CN-3), 1 (CN-5) and 1 (CN-S) days.
        #expect(row.figures.theirs.daysToSubstantiveReplyMedian == 1)
        #expect(row.figures.theirs.daysToSubstantiveReplyP90 == 80)
        // 7 replies: 1 non-committal, 1 premise rejected, 2 refusals.
        #expect(row.figures.theirs.nonCommittalShare == 0.143)
        #expect(row.figures.theirs.refusalShare == 0.286)
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
        #expect(cn.total == (try Self.expected(world, visible, clearance: .confidential)))
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
        // IN-CN-4, received on day 410, is of 2021 too.
        #expect(year.counterparts.first?.total.received == 1)
        #expect(throws: ComityError.self) {
            try desk.counterpartRecord(from: TestWorld.date("2021-01-01"), to: TestWorld.date("2020-01-01"))
        }
        let none = try desk.counterpartRecord(counterpart: "US", channel: .police, asOf: TestWorld.day(Self.asOfDay))
        #expect(none.counterparts.isEmpty)
        #expect(none.text.contains("No request sent or received is in this scope."))
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

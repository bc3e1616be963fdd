import Testing
@testable import ComityCore

/// The balance sentence of a brief, clause by clause, for every count it can be given.
@Suite("the balance in a sentence")
struct StallBalanceTests {
    private static func balance(
        theirs: Int = 0, late: Int = 0, ours: Int = 0, silent: Int = 0, oldest: String? = "2011-09-30"
    ) throws -> StallBalance {
        StallBalance(
            counterpartName: "China", theirsPending: theirs, theirsOverdue: late, oursOpen: ours, oursOverdue: 0,
            oursWithoutSubstantiveReply: silent, oldestWithoutSubstantiveReply: silent == 0 ? nil : try oldest.map(CalendarDate.init(iso:)))
    }

    @Test("the issue's example reads as the issue wrote it")
    func example() throws {
        #expect(try Self.balance(theirs: 2, late: 0, ours: 3, silent: 3).sentence
            == "China has 2 requests pending with us, both within time; it has given no substantive reply to any of our 3 open requests since 2011.")
    }

    @Test("what they have pending with us: none, one, two, many; within time, overdue, or some of each", arguments: [
        (0, 0, "China has no request pending with us"),
        (1, 0, "China has 1 request pending with us, within time"),
        (1, 1, "China has 1 request pending with us, overdue"),
        (2, 0, "China has 2 requests pending with us, both within time"),
        (2, 1, "China has 2 requests pending with us, 1 of them overdue"),
        (2, 2, "China has 2 requests pending with us, both overdue"),
        (5, 0, "China has 5 requests pending with us, all within time"),
        (5, 1, "China has 5 requests pending with us, 1 of them overdue"),
        (5, 3, "China has 5 requests pending with us, 3 of them overdue"),
        (5, 5, "China has 5 requests pending with us, all overdue"),
    ])
    func theirs(pending: Int, overdue: Int, clause: String) throws {
        let sentence = try Self.balance(theirs: pending, late: overdue).sentence
        #expect(sentence == clause + "; we have none pending with it.")
    }

    @Test("what we have open with them: none, all answered, none answered, some answered; since the oldest unanswered's year", arguments: [
        (0, 0, "we have none pending with it"),
        (1, 0, "it has replied substantively to our one open request"),
        (2, 0, "it has replied substantively to both our open requests"),
        (4, 0, "it has replied substantively to all 4 of our open requests"),
        (1, 1, "it has given no substantive reply to our one open request since 2011"),
        (2, 1, "it has given no substantive reply to 1 of our 2 open requests since 2011"),
        (2, 2, "it has given no substantive reply to either of our 2 open requests since 2011"),
        (3, 3, "it has given no substantive reply to any of our 3 open requests since 2011"),
        (5, 1, "it has given no substantive reply to 1 of our 5 open requests since 2011"),
        (5, 3, "it has given no substantive reply to 3 of our 5 open requests since 2011"),
    ])
    func ours(open: Int, unanswered: Int, clause: String) throws {
        let sentence = try Self.balance(ours: open, silent: unanswered).sentence
        #expect(sentence == "China has no request pending with us; " + clause + ".")
    }

    @Test("'since' names the year of the oldest request without a substantive reply")
    func sinceYear() throws {
        #expect(try Self.balance(ours: 2, silent: 1, oldest: "2015-06-01").sentence.hasSuffix("since 2015."))
    }

    @Test("counted from findings: each direction apart, overdue from the response clock, unanswered from substantive replies")
    func fromFindings() throws {
        func finding(_ reference: String, _ direction: Direction, sent: String, overdue: Bool, substantive: String?) throws -> Assessment {
            Assessment(
                reference: reference, caseID: "C", caseTitle: "Case", subject: "Logs", counterpart: "CN", counterpartName: "China",
                toAuthority: "X", toAuthorityName: "X", state: .acknowledged, classification: .restricted, urgency: .routine,
                direction: direction, category: overdue ? .overdue : nil, categories: overdue ? [.overdue] : [], ballWith: direction == .incoming ? .us : .them,
                severity: nil, sentDate: try CalendarDate(iso: sent), daysSinceSent: 10, lastReplyDate: nil, lastReplyKind: nil,
                daysSinceLastReply: nil, lastSubstantiveReplyDate: try substantive.map(CalendarDate.init(iso:)), daysSinceLastSubstantiveReply: nil,
                replyCount: 0, followUpsSent: 0, lastFollowUp: nil, responseDue: nil, nextDue: nil, hardLimit: nil, ladderStep: nil,
                nextStep: "", recommendedStep: nil, engagement: nil, clocks: [])
        }
        let findings = [
            try finding("O-1", .outgoing, sent: "2013-02-01", overdue: true, substantive: nil),
            try finding("O-2", .outgoing, sent: "2011-09-30", overdue: false, substantive: "2011-12-01"),
            try finding("O-3", .outgoing, sent: "2012-05-05", overdue: false, substantive: nil),
            try finding("I-1", .incoming, sent: "2011-10-03", overdue: true, substantive: nil),
        ]
        let b = StallBalance(counterpartName: "China", findings: findings)
        #expect(b.theirsPending == 1)
        #expect(b.theirsOverdue == 1)
        #expect(b.theirsWithoutSubstantiveReply == 1)
        #expect(b.oursOpen == 3)
        #expect(b.oursOverdue == 1)
        #expect(b.oursWithoutSubstantiveReply == 2)
        // O-2, the oldest of ours, was answered: the year is that of O-3, the oldest unanswered.
        #expect(b.oldestWithoutSubstantiveReply == (try CalendarDate(iso: "2012-05-05")))
        #expect(b.sentence == "China has 1 request pending with us, overdue; it has given no substantive reply to 2 of our 3 open requests since 2012.")
    }
}

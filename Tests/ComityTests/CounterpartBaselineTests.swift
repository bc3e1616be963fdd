import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// The benchmark's floor, `Benchmarks/baseline-counterparts.sql`, gives the same figures as
/// `report counterparts` on a synthetic world with requests both ways: every count, percentile,
/// share, ratio and age, all but the overdue counts, which need the response clocks. The
/// benchmark compares the two for speed; this keeps them comparable. The world has 700
/// requests, or COMITY_BASELINE_REQUESTS (e.g. 10000 for the check before a benchmark run).
@Suite("the counterparts' record and its sqlite3 baseline")
struct CounterpartBaselineTests {
    static let sqlite3 = URL(fileURLWithPath: "/usr/bin/sqlite3")
    static let sql = CounterpartRecordGoldenTests.repository.appendingPathComponent("Benchmarks/baseline-counterparts.sql")

    /// One group of the baseline's answer: (counterpart, channel, year).
    struct Key: Hashable { var party: String, channel: String, year: String }

    /// What the baseline says of one side of one group.
    struct Side {
        var count = 0
        var ack: [Int] = []
        var substantive: [Int] = []
        var openAges: [Int] = []
        var kinds: [String: Int] = [:]
    }

    /// `sqlite3 DB SQL`, its standard output.
    static func run(_ database: String, _ sql: String) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: sqlite3.path), "sqlite3 is needed (installed by .ci/run)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("comity-baseline-\(UUID().uuidString).txt")
        #expect(FileManager.default.createFile(atPath: output.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = sqlite3
        process.arguments = [database, sql]
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed on the baseline")
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }

    static func days(_ list: Substring) -> [Int] {
        list.isEmpty ? [] : list.split(separator: ",").map { Int(Double($0)!) }
    }

    /// The figures of one side, worked out from the baseline's lists and counts.
    static func answers(_ side: Side) -> CounterpartRecord.Answers {
        let substantiveKinds: Set<String> = ["interim-status", "supplement-request", "partial-results", "full-results", "postponement", "conditional-offer", "refusal"]
        var a = CounterpartRecord.Answers()
        a.acknowledged = side.ack.count
        a.daysToAcknowledgementMedian = CounterpartRecordTests.percentile(50, side.ack)
        a.daysToAcknowledgementP90 = CounterpartRecordTests.percentile(90, side.ack)
        a.substantivelyAnswered = side.substantive.count
        a.daysToSubstantiveReplyMedian = CounterpartRecordTests.percentile(50, side.substantive)
        a.daysToSubstantiveReplyP90 = CounterpartRecordTests.percentile(90, side.substantive)
        a.replies = side.kinds.values.reduce(0, +)
        a.substantiveReplies = side.kinds.filter { substantiveKinds.contains($0.key) }.values.reduce(0, +)
        a.nonCommittalReplies = side.kinds["non-committal"] ?? 0
        a.premiseRejectedReplies = side.kinds["premise-rejected"] ?? 0
        a.refusals = side.kinds["refusal"] ?? 0
        if a.replies > 0 {
            a.nonCommittalShare = CounterpartRecordTests.rounded(Double(a.nonCommittalReplies) / Double(a.replies), 1000)
            a.premiseRejectedShare = CounterpartRecordTests.rounded(Double(a.premiseRejectedReplies) / Double(a.replies), 1000)
            a.refusalShare = CounterpartRecordTests.rounded(Double(a.refusals) / Double(a.replies), 1000)
        }
        a.open = side.openAges.count
        return a
    }

    @Test("every figure but the overdue counts is the same from Comity and from the sqlite3 baseline, both ways")
    func sameFigures() throws {
        let requests = ProcessInfo.processInfo.environment["COMITY_BASELINE_REQUESTS"].flatMap(Int.init) ?? 700
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: requests)
        let today = SyntheticWorldTests.today
        let sql = try String(contentsOf: Self.sql, encoding: .utf8).replacingOccurrences(of: ":today", with: "'\(today.iso)'")
        let output = try Self.run(store.path, sql)

        var sides: [Key: [Bool: Side]] = [:]
        var followUps: [Key: Int] = [:]
        for line in output.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false)
            let key = Key(party: String(f[0]), channel: String(f[1]), year: String(f[2]))
            switch f.count {
            case 8:
                var side = sides[key, default: [:]][f[3] == "1", default: Side()]
                side.count = Int(f[4])!
                side.ack = Self.days(f[5])
                side.substantive = Self.days(f[6])
                side.openAges = Self.days(f[7])
                sides[key, default: [:]][f[3] == "1"] = side
            case 6:
                sides[key, default: [:]][f[3] == "1", default: Side()].kinds[String(f[4])] = Int(f[5])!
            case 4:
                followUps[key] = Int(f[3])!
            default:
                Issue.record("an unexpected line from the baseline: \(line)")
            }
        }

        let desk = try Desk.open(.sqlite(path: store.path), clerk: Clerk(name: "Tester", today: today), clearance: .secret)
        let record = try desk.counterpartRecord(asOf: today)
        #expect(record.withheld == 0)
        var compared = 0
        var receivedSeen = 0
        for c in record.counterparts {
            var openWithThem = [Int](repeating: 0, count: 6)
            var openWithUs = [Int](repeating: 0, count: 6)
            for row in c.rows {
                let key = Key(party: c.code, channel: row.channel.rawValue, year: String(row.year))
                let baseline = try #require(sides[key], "the baseline has no group \(key)")
                var expected = CounterpartRecord.Figures()
                expected.sent = baseline[false]?.count ?? 0
                expected.received = baseline[true]?.count ?? 0
                expected.theirs = Self.answers(baseline[false] ?? Side())
                expected.ours = Self.answers(baseline[true] ?? Side())
                expected.followUps = followUps[key] ?? 0
                if expected.theirs.substantiveReplies > 0 {
                    expected.followUpsPerSubstantiveReply = CounterpartRecordTests.rounded(Double(expected.followUps) / Double(expected.theirs.substantiveReplies), 100)
                }
                var actual = row.figures
                actual.theirs.overdue = 0
                actual.ours.overdue = 0
                #expect(actual == expected, "\(key)")
                let ages = { (incoming: Bool) in CounterpartRecordTests.bucketed(baseline[incoming]?.openAges ?? []) }
                for i in 0..<6 { openWithThem[i] += ages(false)[i]; openWithUs[i] += ages(true)[i] }
                sides[key] = nil
                compared += 1
                receivedSeen += expected.received
            }
            #expect(c.openWithThemByAge == openWithThem, "\(c.code)")
            #expect(c.openWithUsByAge == openWithUs, "\(c.code)")
        }
        #expect(sides.isEmpty, "groups only the baseline has: \(sides.keys.prefix(5))")
        #expect(compared > 50)
        #expect(receivedSeen > requests / 20)
    }
}

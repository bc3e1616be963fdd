import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The stall query's SQL pre-filter and positional readers against the pure engine fed with
/// dossiers built the plain way: every request of a synthetic world, read whole, with its
/// replies, moves and follow-ups up to the as-of date. The two must find the same stalled
/// requests and assess them identically, whatever the date, scope or clearance.
@Suite("stall query against the pure engine")
struct StallPrefilterTests {
    /// Assessments of every request, from dossiers built without the pre-filter.
    static func plainAssessments(_ store: ComityStore, asOf: CalendarDate, counterpart: String? = nil, clearance: Classification = .secret) throws -> [Assessment] {
        try store.read { db in
            let context = try StallContext(db, asOf: asOf)
            let cases = Dictionary(uniqueKeysWithValues: try Case.fetchAll(db).map { ($0.id, $0) })
            let authorities = Dictionary(uniqueKeysWithValues: try Authority.fetchAll(db).map { ($0.id, $0) })
            let replies = Dictionary(grouping: try Reply.order(Column("date"), Column("id")).fetchAll(db).filter { $0.date <= asOf }, by: \.requestReference)
            let followUps = Dictionary(grouping: try FollowUp.order(Column("date"), Column("id")).fetchAll(db).filter { $0.date <= asOf }, by: \.requestReference)
            let moves = Dictionary(grouping: try Event.filter(Column("subject_type") == "request" && Column("action") == "moved")
                .order(Column("id")).fetchAll(db).filter { $0.date <= asOf }, by: \.subjectID)
            var found: [Assessment] = []
            for request in try Request.order(Column("reference")).fetchAll(db) {
                let to = try #require(authorities[request.toAuthority])
                let from = try #require(authorities[request.fromAuthority])
                // A request that came to the desk's state is about the state it came from, on our calendar.
                let incoming = context.ours != nil && to.party == context.ours
                let other = incoming ? from.party : to.party
                if let counterpart, other != counterpart { continue }
                let caseFile = try #require(cases[request.caseID])
                let theirReplies = replies[request.reference] ?? []
                // Withheld as the report withholds: the request, its case or a reply by the date above the clearance.
                if request.classification > clearance || caseFile.classification > clearance
                    || theirReplies.contains(where: { $0.classification > clearance }) { continue }
                let basis = try request.basisID.flatMap { try context.basis($0) }
                let dossier = Dossier(
                    request: request, caseTitle: caseFile.title, caseLimitation: caseFile.limitationDate,
                    caseClassification: caseFile.classification, counterpart: try context.party(other),
                    toAuthorityName: to.name, fromAuthorityName: from.name,
                    basisName: basis?.instrument, basisPeriod: basis?.period,
                    replies: theirReplies,
                    moves: (moves[request.reference] ?? []).map { Dossier.Move(date: $0.date, from: $0.fromState, to: try! #require($0.toState)) },
                    followUps: followUps[request.reference] ?? [], direction: incoming ? .incoming : .outgoing)
                guard let assessment = StallEngine.assess(
                    dossier, asOf: asOf, settings: try context.settings(request.channel), calendar: try context.calendar(incoming ? to.party : other),
                    engagements: try context.upcomingEngagements(other)), assessment.isStalled else { continue }
                found.append(assessment)
            }
            return found
        }
    }

    static func encoded(_ assessments: [Assessment]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try assessments.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }

    @Test("the same stalled requests, assessed the same, on every date, scope and clearance")
    func prefilterMatchesEngine() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "world.sqlite", requests: 800, seed: 11)
        let today = SyntheticWorldTests.today
        var compared = 0
        for asOf in [today, today.adding(days: -20), today.adding(days: -365), try CalendarDate(iso: "2020-06-30")] {
            for (counterpart, clearance) in [(String?.none, Classification.secret), ("CN", .secret), (nil, .confidential), (nil, .unclassified)] {
                let plain = try Self.plainAssessments(store, asOf: asOf, counterpart: counterpart, clearance: clearance)
                let fast = try store.assessments(ComityStore.StallScope(asOf: asOf, counterpart: counterpart, clearance: clearance))
                #expect(fast.map(\.reference) == plain.map(\.reference), "\(asOf.iso) \(counterpart ?? "all") \(clearance)")
                // Replies reach the fast path without their summaries, which no assessment reads.
                #expect(try Self.encoded(fast) == Self.encoded(plain), "\(asOf.iso) \(counterpart ?? "all") \(clearance)")
                compared += plain.count
            }
        }
        // The world must give the comparison something to compare.
        #expect(compared > 200, "only \(compared) stalled requests compared")
    }
}

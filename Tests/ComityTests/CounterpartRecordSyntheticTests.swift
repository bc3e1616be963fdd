import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// The counterparts' record on a synthetic world of every channel and many counterparts, with
/// requests both ways: its overdue with them and with us are the stall engine's overdue, today
/// and a year back, and every request sent or received is either in a figure or withheld.
@Suite("counterparts' record on a synthetic world")
struct CounterpartRecordSyntheticTests {
    @Test("overdue per counterpart and direction equals the stall report's overdue and very overdue findings; sent plus received plus withheld is every request",
          arguments: [Classification.secret, .restricted])
    func sameAsStallEngine(clearance: Classification) throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 700)
        let desk = try Desk.open(.sqlite(path: store.path), clerk: Clerk(name: "Tester", today: SyntheticWorldTests.today), clearance: clearance)
        let requests = try store.requests()
        for asOf in [SyntheticWorldTests.today, SyntheticWorldTests.today.adding(days: -365)] {
            let record = try desk.counterpartRecord(asOf: asOf)
            var stallOverdue: [String: Int] = [:]
            for a in try store.assessments(ComityStore.StallScope(asOf: asOf, clearance: clearance))
            where a.categories.contains(.overdue) || a.categories.contains(.veryOverdue) {
                stallOverdue["\(a.counterpart) \(a.direction.rawValue)", default: 0] += 1
            }
            var recordOverdue: [String: Int] = [:]
            for c in record.counterparts {
                recordOverdue["\(c.code) outgoing"] = c.total.theirs.overdue
                recordOverdue["\(c.code) incoming"] = c.total.ours.overdue
            }
            #expect(recordOverdue.filter { $0.value > 0 } == stallOverdue, "as of \(asOf.iso)")
            #expect(record.counterparts.map(\.total.theirs.overdue).reduce(0, +) > 10)
            #expect(record.counterparts.map(\.total.ours.overdue).reduce(0, +) > 0)
            let sent = requests.filter { ($0.sentDate.map { $0 <= asOf }) ?? false }.count
            let received = record.counterparts.map(\.total.received).reduce(0, +)
            #expect(record.counterparts.map(\.total.sent).reduce(0, +) + received + record.withheld == sent)
            // About one request in ten comes to us.
            #expect(received * 20 > sent && received * 6 < sent, "\(received) received of \(sent)")
            #expect((record.withheld > 0) == (clearance == .restricted))
            #expect(record.counterparts.count > 5)
            // Each counterpart's total is the sum of its rows.
            for c in record.counterparts {
                #expect(c.rows.map(\.figures.sent).reduce(0, +) == c.total.sent)
                #expect(c.rows.map(\.figures.received).reduce(0, +) == c.total.received)
                #expect(c.rows.map(\.figures.theirs.replies).reduce(0, +) == c.total.theirs.replies)
                #expect(c.rows.map(\.figures.ours.replies).reduce(0, +) == c.total.ours.replies)
                #expect(c.theirDays.buckets.reduce(0, +) + c.theirDays.noSubstantiveReply == c.total.sent)
                #expect(c.ourDays.buckets.reduce(0, +) + c.ourDays.noSubstantiveReply == c.total.received)
                #expect(c.openWithThemByAge.reduce(0, +) == c.total.theirs.open)
                #expect(c.openWithUsByAge.reduce(0, +) == c.total.ours.open)
            }
        }
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore

/// The counterparts' record on a synthetic world of every channel and many counterparts: its
/// "overdue with them" is the stall engine's overdue, today and a year back, and every request
/// sent is either in a figure or withheld.
@Suite("counterparts' record on a synthetic world")
struct CounterpartRecordSyntheticTests {
    @Test("overdue per counterpart equals the stall report's overdue and very overdue findings; sent plus withheld is every request sent",
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
                stallOverdue[a.counterpart, default: 0] += 1
            }
            let recordOverdue = Dictionary(uniqueKeysWithValues: record.counterparts.map { ($0.code, $0.total.overdueWithThem) })
                .filter { $0.value > 0 }
            #expect(recordOverdue == stallOverdue, "as of \(asOf.iso)")
            #expect(recordOverdue.values.reduce(0, +) > 10)
            let sent = requests.filter { ($0.sentDate.map { $0 <= asOf }) ?? false }.count
            #expect(record.counterparts.map(\.total.sent).reduce(0, +) + record.withheld == sent)
            #expect((record.withheld > 0) == (clearance == .restricted))
            #expect(record.counterparts.count > 5)
            // Each counterpart's total is the sum of its rows.
            for c in record.counterparts {
                #expect(c.rows.map(\.figures.sent).reduce(0, +) == c.total.sent)
                #expect(c.rows.map(\.figures.replies).reduce(0, +) == c.total.replies)
                #expect(c.substantiveDays.reduce(0, +) + c.noSubstantiveReply == c.total.sent)
            }
        }
    }
}

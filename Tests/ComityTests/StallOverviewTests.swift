import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The stall report leads with what matters: a summary, then findings by counterpart, most severe first.
@Suite("Stall report summary and order")
struct StallOverviewTests {
    @Test("findings come by counterpart, most severe first; the summary lists the worst ten, the counterparts by findings, the engagements ahead")
    func orderAndSummary() throws {
        let dir = try SyntheticWorldTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try SyntheticWorldTests.world(dir, "w.sqlite", requests: 800)
        let report = try store.stallReport(asOf: SyntheticWorldTests.today)
        let all = report.groups.flatMap(\.findings)
        try #require(all.count > StallReport.Overview.mostSevereCount && report.groups.count > StallReport.Overview.leadingCounterpartCount)

        #expect(report.groups.map(\.counterpart) == report.groups.map(\.counterpart).sorted())
        for group in report.groups {
            #expect(group.findings.allSatisfy { $0.counterpart == group.counterpart })
            let severities = group.findings.map { $0.severity ?? .low }
            #expect(severities == severities.sorted(by: >), "\(group.counterpart): most severe first")
        }
        let worst = all.filter(\.isStalled).sorted(by: StallReport.moreSevere).prefix(StallReport.Overview.mostSevereCount)
        #expect(report.overview.mostSevere.map(\.reference) == worst.map(\.reference))
        #expect(report.overview.mostSevere.first?.severity == all.compactMap(\.severity).max())

        let counts = report.overview.counterparts
        #expect(counts.map(\.stalled) == counts.map(\.stalled).sorted(by: >))
        #expect(counts.map(\.outstanding).reduce(0, +) == all.count)
        #expect(Set(counts.map(\.counterpart)) == Set(report.groups.map(\.counterpart)))

        let ahead = report.overview.engagements
        #expect(!ahead.isEmpty)
        #expect(ahead.map(\.startDate) == ahead.map(\.startDate).sorted())
        #expect(Set(ahead.map(\.id)) == Set(all.compactMap(\.engagement?.id)))

        // The text leads the same way: the summary's lists come before the first finding.
        let text = report.text
        let body = try #require(text.range(of: "\n\(report.groups[0].counterpartName) (\(report.groups[0].counterpart))\n"))
        #expect(try #require(text.range(of: "Most severe:")).lowerBound < body.lowerBound)
        #expect(try #require(text.range(of: "Engagements ahead:")).lowerBound < body.lowerBound)
        #expect(text.contains("\(report.groups.count - StallReport.Overview.leadingCounterpartCount) other counterparts"))
    }
}

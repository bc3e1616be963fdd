import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Round trips on a world much larger than the demo: many cases, requests in every state
/// the replies lead to, follow-ups and settings.
@Suite("Interchange on a large synthetic world")
struct InterchangeScaleTests {
    static let requests = 400

    /// A deterministic world: the demo plus `requests` requests to China with replies and follow-ups.
    static func world(_ dir: URL) throws -> ComityStore {
        let store = try InterchangeTests.demo(dir)
        let clerk = Clerk(name: "synth", today: Fixture.day("2024-12-31"))
        let kinds: [ReplyKind] = [.acknowledgement, .nonCommittal, .interimStatus, .supplementRequest, .partialResults, .postponement, .refusal]
        for c in 0..<20 {
            try store.addCase(Case(
                id: "SYN-\(c)", title: "Synthetic case \(c) «\(c % 3 == 0 ? "漢字" : "x, y; z")»", leadAuthority: "JP-TMPD",
                offence: "Unauthorised access", incidentDate: Fixture.day("2012-01-0\(c % 9 + 1)"),
                discoveryDate: Fixture.day("2012-02-0\(c % 9 + 1)"), classification: c % 2 == 0 ? .restricted : .confidential), by: clerk)
        }
        for n in 0..<requests {
            let sent = CalendarDate(dayNumber: Fixture.day("2013-01-01").dayNumber + n * 7)
            let reference = "SYN-R-\(String(format: "%04d", n))"
            try store.addRequest(Request(
                reference: reference, caseID: "SYN-\(n % 20)", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
                channel: .centralAuthority, basisID: "JP-CN-MLAT", subject: "Synthetic request \(n): \"logs\" & servers",
                items: ["Preserve logs \(n)", "Identify operator \(n)"], urgency: n % 5 == 0 ? .urgent : .routine,
                sentDate: sent), by: clerk)
            if n % 4 != 0 {
                try store.addReply(Reply(
                    requestReference: reference, date: sent.adding(days: 10 + n % 30), fromAuthority: "CN-MPS",
                    kind: kinds[n % kinds.count], summary: "Reply \(n); line two\nand a tab\t.",
                    refusalGrounds: kinds[n % kinds.count] == .refusal ? [.sovereignty] : []), by: clerk)
            }
            if n % 3 == 0, try store.request(reference).state.isOpen {
                try store.addFollowUp(FollowUp(requestReference: reference, date: sent.adding(days: 60), kind: .reminder,
                                               reference: "REM-\(n)"), by: clerk)
            }
        }
        try store.setSetting("no-ack-days", to: "14", channel: .centralAuthority, by: clerk)
        return store
    }

    @Test("JSON, CSV and XML round trips on 400 synthetic requests are byte-identical", arguments: ["json", "csv", "xml"])
    func roundTrip(format: String) throws {
        try Fixture.withDirectory { dir in
            let store = try Self.world(dir)
            #expect(try store.requests().count == Self.requests + 4)
            // The world was recorded up to 2024-12-31: it is imported on that day.
            try InterchangeTests.assertRoundTrip(store, in: dir, format: format, by: Clerk(name: "Sato", today: Fixture.day("2024-12-31")))
        }
    }

    @Test("the progress meter draws only when the figure changes, and ends at 100 %")
    func progressMeter() {
        var meter = ProgressMeter(label: "importing", total: 200, width: 10)
        #expect(meter.update(0) == "\rimporting [----------]   0% 0/200")
        #expect(meter.update(1) == nil, "0 % again: nothing to redraw")
        #expect(meter.update(100) == "\rimporting [#####-----]  50% 100/200")
        #expect(meter.update(500) == "\rimporting [##########] 100% 200/200")
        #expect(meter.finish.hasPrefix("\r") && meter.finish.hasSuffix("\r"))
    }
}

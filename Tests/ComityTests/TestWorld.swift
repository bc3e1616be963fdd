import Foundation
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// A throwaway Comity database for one stall test, built through the public store API.
///
/// It holds Japan, China and the United States, a few authorities of each, the
/// Japan–China treaty and one case (`CASE-A`, led by Japan's National Public Safety
/// Commission). Histories are written day by day with `TestWorld.day(n)`, counted from
/// Monday 6 January 2020, so a threshold reads as arithmetic: a request sent on day 0
/// with no reply is "no acknowledgement" on day 21 and not on day 20.
///
/// The treaty's response period is a year by default, so that the response clock stays
/// out of the way of the category under test; pass `treatyPeriod` or send with
/// `basis: nil` (the channel's default, 30 calendar days) to test the clock itself.
/// The folder is removed when the world is released.
final class TestWorld {
    static let day0 = date("2020-01-06")

    /// `day0` plus `n` days.
    static func day(_ n: Int) -> CalendarDate { day0.adding(days: n) }

    /// A date literal; only for the fixed dates the tests spell out.
    static func date(_ iso: String) -> CalendarDate {
        do { return try CalendarDate(iso: iso) } catch { preconditionFailure("bad date literal \(iso): \(error)") }
    }

    let folder: URL
    let store: ComityStore
    var path: String { store.path }

    init(treatyPeriod: Period? = Period(days: 365, unit: .calendar)) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-stall-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        store = try ComityStore.create(at: folder.appendingPathComponent("world.sqlite").path)
        let setup = clerk(Self.date("2019-12-01"))
        for party in [
            Party(code: "JP", name: "Japan", formalName: "Japan"),
            Party(code: "CN", name: "China", formalName: "People's Republic of China"),
            Party(code: "US", name: "United States", formalName: "United States of America"),
        ] { try store.addParty(party, by: setup) }
        for authority in [
            Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority),
            Authority(id: "JP-NPA", party: "JP", name: "National Police Agency", role: .police),
            Authority(id: "JP-MOJ", party: "JP", name: "Ministry of Justice of Japan", role: .centralAuthority),
            Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security", role: .centralAuthority),
            Authority(id: "CN-MFA", party: "CN", name: "Ministry of Foreign Affairs", role: .foreignMinistry),
            Authority(id: "US-DOJ", party: "US", name: "Department of Justice", role: .centralAuthority),
        ] { try store.addAuthority(authority, by: setup) }
        try addBasis("JP-CN-MLAT", period: treatyPeriod, parties: ["JP", "CN"])
        try addCase("CASE-A", title: "Intrusion into a test company", lead: "JP-NPSC")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func clerk(_ today: CalendarDate) -> Clerk { Clerk(name: "Tester", today: today) }

    func addBasis(_ id: String, period: Period?, parties: [String], from: CalendarDate = TestWorld.date("2008-11-23")) throws {
        try store.addBasis(
            LegalBasis(id: id, instrument: "Instrument \(id)", kind: .bilateralTreaty, responsePeriod: period,
                       parties: parties.map { .init(party: $0, from: from) }),
            by: clerk(Self.date("2019-12-01")))
    }

    func addCase(_ id: String, title: String = "A test case", lead: String = "JP-NPSC", limitation: CalendarDate? = nil,
                 discovered: CalendarDate = TestWorld.date("2011-01-03")) throws {
        try store.addCase(
            Case(id: id, title: title, leadAuthority: lead, offence: "Unauthorised computer access",
                 incidentDate: discovered, discoveryDate: discovered, limitationDate: limitation, classification: .restricted),
            by: clerk(discovered))
    }

    /// Records a request as sent on `date`.
    func send(
        _ reference: String, on date: CalendarDate, from: String = "JP-NPSC", to: String = "CN-MPS", case caseID: String = "CASE-A",
        channel: Channel = .centralAuthority, basis: String? = "JP-CN-MLAT", urgency: Urgency = .routine,
        subject: String = "Tracing the source of the intrusion", items: [String] = ["Identify the servers"],
        preservedUntil: CalendarDate? = nil
    ) throws {
        try store.addRequest(
            Request(reference: reference, caseID: caseID, fromAuthority: from, toAuthority: to, channel: channel, basisID: basis,
                    subject: subject, items: items, urgency: urgency, sentDate: date, preservedUntil: preservedUntil),
            by: clerk(date))
    }

    func reply(_ reference: String, on date: CalendarDate, _ kind: ReplyKind, promised: CalendarDate? = nil, keepState: Bool = false) throws {
        try store.addReply(
            Reply(requestReference: reference, date: date, kind: kind, summary: "A \(kind.phrase)", promisedDate: promised),
            keepState: keepState, by: clerk(date))
    }

    func move(_ reference: String, to state: RequestState, on date: CalendarDate) throws {
        try store.move(reference, to: state, on: date, by: clerk(date))
    }

    func followUp(_ reference: String, on date: CalendarDate, _ kind: EscalationStep, resend: Bool = false) throws {
        try store.addFollowUp(FollowUp(requestReference: reference, date: date, kind: kind, restartsClock: resend), by: clerk(date))
    }

    func engagement(
        _ id: String, with counterpart: String = "CN", start: CalendarDate, end: CalendarDate? = nil,
        level: EngagementLevel = .leaders, title: String = "Summit in Beijing", place: String = "Beijing"
    ) throws {
        try store.addEngagement(
            Engagement(id: id, counterpart: counterpart, startDate: start, endDate: end ?? start, level: level, title: title, place: place),
            by: clerk(Self.date("2019-12-01")))
    }

    func set(_ key: String, _ value: String, for channel: Channel? = nil) throws {
        try store.setSetting(key, to: value, channel: channel, by: clerk(Self.date("2019-12-01")))
    }

    /// The assessment of one request as of a date, stalled or not; nil when it was not outstanding.
    func assessment(_ reference: String, asOf: CalendarDate) throws -> Assessment? {
        try store.assessments(ComityStore.StallScope(asOf: asOf, includeNotStalled: true)).first { $0.reference == reference }
    }

    /// Every reason `reference` is stalled as of `asOf` (empty when it is not, or not outstanding).
    func categories(_ reference: String, asOf: CalendarDate) throws -> [StallCategory] {
        try assessment(reference, asOf: asOf)?.categories ?? []
    }

    /// The stalled requests as of a date, as a plain stall query returns them.
    func stalled(asOf: CalendarDate) throws -> [Assessment] {
        try store.assessments(ComityStore.StallScope(asOf: asOf))
    }
}

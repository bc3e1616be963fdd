import Comity
import Hummingbird

/// The dashboard: stalled requests by counterpart and severity, what changed since the person
/// last looked, and the engagements ahead with their countdown.
struct DashboardRoutes {
    let desk: DeskService
    let boards = DashboardCache()

    func add(to router: Router<DeskContext>) {
        router.get("/") { _, context -> Response in
            let pages = desk.pages
            let identity = try context.requireSignedIn()
            let (changes, key) = try await desk.withDesk(context) { desk in
                (try desk.changesSinceLastLook(limit: 40), DashboardCache.Key(clearance: desk.clearance, today: desk.clerk.today))
            }
            let required = await desk.writes.required(for: identity.user.name)
            let board = try await boards.board(for: key, required: required, newest: changes.newest) {
                try await desk.withReportingDesk(context) { desk in
                    let version = try desk.changesSinceLastLook(limit: 0).newest
                    let report = try desk.stallReport(asOf: key.today)
                    let values = Self.values(report, changes: [], today: key.today)
                    return .init(version: version, board: .init(values: values, mark: report.classification))
                }
            }
            let html = try await desk.withDesk(context) { desk in
                try desk.markChangesSeen(changes)
                var values = board.values
                values["changes"] = changes.events.map(Plain.event)
                values["hasChanges"] = !changes.events.isEmpty
                return try pages.render("dashboard", Layout.context(
                    title: "Dashboard", signedIn: identity, mark: board.mark, extra: values))
            }
            return Responses.html(html)
        }
    }

    /// "3 requests outstanding, 1 stalled; the ball is with them for 2 and with us for 1."
    static func summaryLine(_ summary: StallReport.Summary) -> String {
        let outstanding = summary.outstanding == 1 ? "1 request outstanding" : "\(summary.outstanding) requests outstanding"
        guard summary.outstanding > 0 else { return "No request is outstanding." }
        return "\(outstanding), \(summary.stalled) stalled; the ball is with them for \(summary.ballWithThem) and with us for \(summary.ballWithUs)."
    }

    static func values(_ report: StallReport, changes: [Event], today: CalendarDate) -> [String: Any] {
        let context = report.templateContext
        let severities = Severity.allCases.reversed()
        let rows: [[String: Any]] = report.groups.compactMap { group in
            let stalled = group.findings.filter(\.isStalled)
            guard !stalled.isEmpty else { return nil }
            var row: [String: Any] = ["code": group.counterpart, "name": group.counterpartName, "stalled": stalled.count]
            row["severities"] = severities.map { severity in
                ["severity": severity.rawValue, "count": stalled.filter { $0.severity == severity }.count] as [String: Any]
            }
            row["requests"] = stalled.prefix(8).map { a in
                ["reference": a.reference, "subject": a.subject, "severity": a.severity?.rawValue ?? "",
                 "category": a.category?.title ?? "", "nextStep": a.nextStep, "daysSinceSent": a.daysSinceSent,
                 "incoming": a.direction == .incoming] as [String: Any]
            }
            row["more"] = stalled.count > 8 ? stalled.count - 8 : false
            return row
        }
        return [
            "asOf": today.iso,
            "summaryLine": Self.summaryLine(report.summary),
            "overview": Plain.value(context["overview"] ?? .flag(false)),
            "severityNames": severities.map(\.rawValue),
            "byCounterpart": rows,
            "hasStalled": !rows.isEmpty,
            "withheld": report.withheld > 0 ? report.withheld : false,
            "today": today.iso,
            "changes": changes.map(Plain.event),
            "hasChanges": !changes.isEmpty,
        ]
    }
}

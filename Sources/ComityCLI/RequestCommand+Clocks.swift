import ArgumentParser
import Comity

extension RequestCommand.List {
    func listStalled() throws {
        if let counterpart { _ = try Party.validCode(counterpart) }
        let desk = try global.openDesk(clearance)
        let date = asOf ?? desk.clerk.today
        let withheld: Int
        switch list.format {
        case .json:
            let stalled = try desk.stalled(asOf: date, counterpart: counterpart, caseID: caseID)
            try Output.json(stalled.shown)
            withheld = stalled.withheld
        case .text:
            var table = TextTable(headers: ["REFERENCE", "TO", "CATEGORY", "SEVERITY", "BALL", "SENT", "DAYS", "NEXT STEP"])
            // Rows are made where the requests are assessed, on every core.
            withheld = try desk.forEachStalled(asOf: date, counterpart: counterpart, caseID: caseID, map: { a in
                [a.reference, a.counterpart, a.category?.rawValue ?? "-", a.severity?.rawValue ?? "-", a.ballWith.rawValue,
                 a.sentDate.iso, String(a.daysSinceSent), a.nextStep]
            }) { table.rows.append($0) }
            Output.write(table.rendered)
        }
        if withheld > 0 { Output.noteLine("\(withheld) stalled request(s) above your clearance withheld") }
    }
}

extension RequestCommand.Show {
    func showClocks() throws {
        let desk = try global.openDesk(clearance)
        let date = asOf ?? asRecorded.day ?? desk.clerk.today
        let assessment = try desk.clocks(of: reference, asOf: date, asRecorded: asRecorded.day)
        switch list.format {
        case .json: try Output.json(assessment.clocks)
        case .text:
            let recorded = asRecorded.day.map { ", as recorded at the end of \($0.iso)" } ?? ""
            Output.line("clocks of \(reference) as of \(date.iso)\(recorded) (state \(assessment.state.name(for: assessment.direction)), ball with \(assessment.ballWith.rawValue)):")
            for clock in assessment.clocks {
                let due = clock.due.map { d in
                    "\(d.iso)" + (clock.daysLeft.map { $0 >= 0 ? " (in \(dayCount($0)))" : " (passed \(dayCount(-$0)) ago)" } ?? "")
                } ?? "none"
                Output.write("\n\(clock.title): \(due) [\(clock.status.rawValue)]\n")
                Output.line("  rule: \(clock.rule)")
                if let start = clock.start { Output.line("  start: \(start.iso)") }
                Output.line("  how: \(clock.explanation)")
            }
        }
    }
}

extension RequestCommand {
    struct FollowUpCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "follow-up",
            abstract: "Record a follow-up sent outside Comity (a letter, a démarche, a point raised at a meeting).",
            discussion: "Letters produced with 'comity letter --issue' are recorded automatically. --resend records that the request itself was sent again, which restarts its response clock; ordinary reminders do not.")
        @OptionGroup var global: GlobalOptions
        @Argument var reference: String
        @Option(help: "When it was sent.", transform: DateArgument.parse) var on: CalendarDate
        @Option(help: ArgumentHelp("\(EscalationStep.choices).")) var kind: String = "reminder"
        @Option(name: .customLong("number"), help: "Its number, e.g. 'NV-2011-0042'.") var number: String = ""
        @Flag(help: "The request itself was sent again: restart the response clock.") var resend = false
        @Option var note: String = ""

        func run() throws {
            let followUp = FollowUp(
                requestReference: reference, date: on, kind: try EscalationStep.parse(kind, field: "follow-up kind"),
                reference: number, restartsClock: resend, note: note)
            let stored = try global.openDesk().addFollowUp(followUp)
            Output.line("recorded follow-up \(stored.id ?? 0) (\(stored.kind.rawValue)) to \(reference) on \(on.iso)")
        }
    }
}

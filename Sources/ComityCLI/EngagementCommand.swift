import ArgumentParser
import Comity

struct EngagementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engagement", abstract: "Meetings and summits with counterparts.",
        subcommands: [Add.self, List.self, Show.self, Reschedule.self, Outcome.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a meeting or summit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short handle, e.g. NODA-BEIJING-2011.") var id: String
        @Option(help: "The counterpart state (ISO code).") var counterpart: String
        @Option(transform: DateArgument.parse) var start: CalendarDate
        @Option(help: "Last day (default: the start).", transform: DateArgument.parse) var end: CalendarDate?
        @Option(help: ArgumentHelp("\(EngagementLevel.choices).")) var level: String
        @Option var title: String
        @Option var place: String = ""
        @Option var note: String = ""

        func run() throws {
            let engagement = Engagement(
                id: id, counterpart: try Party.validCode(counterpart), startDate: start, endDate: end ?? start,
                level: try EngagementLevel.parse(level, field: "level"), title: title, place: place, note: note)
            try global.openDesk().addEngagement(engagement)
            Output.line("recorded engagement \(id) (\(title))")
        }
    }

    struct Reschedule: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a meeting to new dates; the change is kept in its history.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(transform: DateArgument.parse) var start: CalendarDate
        @Option(help: "Last day (default: the start).", transform: DateArgument.parse) var end: CalendarDate?
        @Option var note: String = ""

        func run() throws {
            try global.openDesk().reschedule(id, start: start, end: end ?? start, note: note)
            Output.write("rescheduled \(id) to \(start.iso)\((end.map { "–\($0.iso)" }) ?? "")\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List engagements.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Option var counterpart: String?

        func run() throws {
            let items = try global.openDesk().engagements(counterpart: counterpart)
            switch list.format {
            case .json: try Output.json(items)
            case .text:
                Output.table(["ID", "WITH", "START", "END", "LEVEL", "TITLE"], items.map { e in
                    [e.id, e.counterpart, e.startDate.iso, e.endDate.iso, e.level.rawValue, e.title]
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one engagement.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var id: String

        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let desk = try global.openDesk(clearance)
            let e = try desk.engagement(id)
            let (outcomes, withheld) = try desk.outcomes(at: id)
            switch list.format {
            case .json: try Output.json(Detail(engagement: e, outcomes: outcomes, withheld: withheld))
            case .text:
                Output.fields([
                    ("id", e.id), ("with", e.counterpart), ("start", e.startDate.iso), ("end", e.endDate.iso),
                    ("level", e.level.rawValue), ("title", e.title), ("place", e.place.isEmpty ? nil : e.place),
                    ("note", e.note.isEmpty ? nil : e.note),
                ])
                if !outcomes.isEmpty {
                    Output.write("\n")
                    EngagementCommand.outcomeTable(outcomes, first: "REQUEST") { $0.requestReference }
                }
                if withheld > 0 { Output.write("\n\(withheld) outcome(s) withheld: above the clearance\n") }
            }
        }

        /// The engagement's own fields, as before, with `outcomes` and `withheld` added when there are any.
        struct Detail: Encodable {
            var engagement: Engagement
            var outcomes: [EngagementOutcome]
            var withheld: Int

            enum Keys: String, CodingKey { case outcomes, withheld }

            func encode(to encoder: any Encoder) throws {
                try engagement.encode(to: encoder)
                var container = encoder.container(keyedBy: Keys.self)
                if !outcomes.isEmpty { try container.encode(outcomes, forKey: .outcomes) }
                if withheld > 0 { try container.encode(withheld, forKey: .withheld) }
            }
        }
    }

    struct Outcome: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what came of a request at an engagement.",
            discussion: "comity engagement outcome NODA-BEIJING-2011 JP-MHI-2011-001 --raised --by 'Prime Minister Noda' --response none --on 2011-12-26")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The engagement.") var engagement: String
        @Argument(help: "The request.") var reference: String
        @Flag(help: "Whether the request was raised.") var raised: RaisedFlag
        @Option(help: "Who raised it, e.g. 'Prime Minister Noda'.") var by: String = ""
        @Option(help: "The counterpart's response in its own words ('none' when it gave none).") var response: String = ""
        @Option(help: "What the counterpart committed to.") var commitment: String = ""
        @Option(help: "The date the commitment is to be kept by: a promise clock.", transform: DateArgument.parse) var commitmentDate: CalendarDate?
        @Option(help: "The day of the engagement it came up (default: its last day).", transform: DateArgument.parse) var on: CalendarDate?
        @Option var note: String = ""
        @OptionGroup var clearance: ClearanceOption

        enum RaisedFlag: EnumerableFlag {
            case raised, notRaised
        }

        func run() throws {
            let desk = try global.openDesk(clearance)
            let date = try on ?? desk.engagement(engagement).endDate
            let outcome = EngagementOutcome(
                engagementID: engagement, requestReference: reference, date: date, raised: raised == .raised, raisedBy: by,
                response: response, commitment: commitment, commitmentDate: commitmentDate, note: note)
            try desk.addOutcome(outcome)
            Output.line("recorded the outcome of \(reference) at \(engagement): \(raised == .raised ? "raised by \(by)" : "not raised")")
        }
    }

    /// The outcomes as a table, led by the engagement or the request.
    static func outcomeTable(_ outcomes: [EngagementOutcome], first: String, _ lead: (EngagementOutcome) -> String) {
        Output.table([first, "DATE", "RAISED", "BY", "RESPONSE", "COMMITMENT"], outcomes.map { o in
            [lead(o), o.date.iso, o.raised ? "yes" : "no", o.raisedBy.isEmpty ? "-" : o.raisedBy, o.response.isEmpty ? "-" : o.response,
             o.commitment.isEmpty ? "-" : o.commitment + (o.commitmentDate.map { " (by \($0.iso))" } ?? "")]
        })
    }
}

import ArgumentParser
import Comity

struct EngagementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engagement", abstract: "Meetings and summits with counterparts.",
        subcommands: [Add.self, List.self, Show.self, Reschedule.self])

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
            Output.write("recorded engagement \(id) (\(title))\n")
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

        func run() throws {
            let e = try global.openDesk().engagement(id)
            switch list.format {
            case .json: try Output.json(e)
            case .text:
                Output.fields([
                    ("id", e.id), ("with", e.counterpart), ("start", e.startDate.iso), ("end", e.endDate.iso),
                    ("level", e.level.rawValue), ("title", e.title), ("place", e.place.isEmpty ? nil : e.place),
                    ("note", e.note.isEmpty ? nil : e.note),
                ])
            }
        }
    }
}

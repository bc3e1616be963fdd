import ArgumentParser
import Comity

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Our investigations.", subcommands: [Add.self, List.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an investigation.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short handle, e.g. MHI-2011.") var id: String
        @Option var title: String
        @Option(help: "The authority leading the investigation.") var lead: String
        @Option var offence: String
        @Option(help: ArgumentHelp("When the incident began, as precisely as the source gives it: 2011-08-11, 2011-08 or 2011.", valueName: "date"),
                transform: DateArgument.reported) var incident: ReportedDate?
        @Option(help: ArgumentHelp("When it was discovered: 2011-08-11, 2011-08 or 2011.", valueName: "date"),
                transform: DateArgument.reported) var discovered: ReportedDate
        @Option(help: "When the limitation period runs out.", transform: DateArgument.parse) var limitation: CalendarDate?
        @Option(help: ArgumentHelp("\(Classification.choices).")) var classification: String = "restricted"
        @Option var note: String = ""

        func run() throws {
            let item = Case(
                id: id, title: title, leadAuthority: lead, offence: offence, incident: incident,
                discovered: discovered, limitationDate: limitation,
                classification: try Classification.parse(classification, field: "classification"), note: note)
            try global.openDesk().addCase(item)
            Output.line("recorded case \(item.id) (\(item.title))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List investigations.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let (cases, withheld) = try global.openDesk(clearance).cases()
            defer { if withheld > 0 { Output.noteLine("\(withheld) case(s) above your clearance withheld") } }
            switch list.format {
            case .json: try Output.json(cases)
            case .text:
                Output.table(["ID", "DISCOVERED", "LIMITATION", "LEAD", "CLASS", "TITLE"], cases.map { c in
                    [c.id, c.discoveryDate.iso, c.limitationDate?.iso ?? "-", c.leadAuthority, c.classification.rawValue, c.title]
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an investigation and its requests.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var id: String
        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let (c, requests, withheld) = try global.openDesk(clearance).caseFile(id)
            defer { if withheld > 0 { Output.noteLine("\(withheld) request(s) above your clearance withheld") } }
            switch list.format {
            case .json: try Output.json(CaseDetail(case: c, requests: requests))
            case .text:
                Output.fields([
                    ("id", c.id), ("title", c.title), ("lead", c.leadAuthority), ("offence", c.offence),
                    ("incident", c.incidentDate?.iso ?? "not known"), ("discovered", c.discoveryDate.iso),
                    ("limitation", c.limitationDate?.iso), ("classification", c.classification.rawValue),
                    ("note", c.note.isEmpty ? nil : c.note),
                ])
                if !requests.isEmpty {
                    Output.write("\n")
                    Output.table(["REQUEST", "TO", "SENT", "STATE", "SUBJECT"], requests.map { r in
                        [r.reference, r.toAuthority, r.sentDate?.iso ?? "-", r.state.rawValue, r.subject]
                    })
                }
            }
        }
    }

}

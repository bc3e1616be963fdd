import ArgumentParser
import Comity
import Foundation

extension ReportCommand {
    /// `comity report counterparts`: how each counterpart has answered our requests, and how we answered theirs.
    struct Counterparts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How each counterpart answers our requests and how we answer theirs, per channel and year.",
            discussion: """
                Both ways: requests we sent and requests we received, each with days to acknowledgement and to the \
                first substantive reply (median and 90th percentile, nearest rank, calendar days), shares of \
                non-committal, premise-rejected and refused replies, and requests open and overdue now (with them, \
                with us); follow-ups per substantive reply for the requests we sent. A request counts in the year it \
                was sent, or received.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only requests to or from this state (ISO code).") var counterpart: String?
        @Option(help: ArgumentHelp("Only this channel: \(Channel.choices).")) var channel: String?
        @Option(help: "Only requests sent or received on or after this day.", transform: DateArgument.parse) var from: CalendarDate?
        @Option(help: "Only requests sent or received on or before this day.", transform: DateArgument.parse) var to: CalendarDate?
        @Option(help: "The date to report as of (default: today).", transform: DateArgument.parse) var asOf: CalendarDate?
        @Option(help: "Output format: text, json, csv, xml or html.") var format: RecordFormat = .text
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var clearance: ClearanceOption
        @OptionGroup var templates: TemplateOptions

        func run() throws {
            if let counterpart { _ = try Party.validCode(counterpart) }
            let channel = try self.channel.map { try Channel.parse($0, field: "channel") }
            let desk = try global.openDesk(clearance)
            let record = try desk.counterpartRecord(counterpart: counterpart, channel: channel, from: from, to: to, asOf: asOf)
            if format == .json {
                // Written as it is encoded, a counterpart at a time.
                if let out {
                    try DocumentFile.stream(to: out, sparing: desk.files) { sink in try record.writeJSON(to: sink) }
                    Output.noteLine("wrote \(out)")
                } else {
                    try record.writeJSON { bytes in try Output.send(Data(bytes)) }
                }
                return
            }
            let document: String
            switch format {
            case .text: document = record.text
            case .json: return
            case .csv: document = record.csv
            case .xml: document = try templates.renderer().render(record, as: .xml)
            case .html: document = try templates.renderer().render(record, as: .html)
            }
            try DocumentOutput.emit(document, to: out, sparing: desk)
        }
    }
}

/// `--format` of the counterparts' record.
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, xml, html
}

import ArgumentParser
import Comity
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports on outstanding requests.", subcommands: [Stall.self, Counterparts.self])

    struct Stall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where each investigation is blocked, by whom, for how long, and what to do next.",
            discussion: "With --before ENGAGEMENT it is a pre-summit brief: every outstanding request with that engagement's counterpart, most severe first, with talking points.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The date to report as of (default: today).", transform: DateArgument.parse) var asOf: CalendarDate?
        @Option(help: "Only requests to this state (ISO code).") var counterpart: String?
        @Option(name: .customLong("case"), help: "Only this case's requests.") var caseID: String?
        @Option(help: "Prepare a brief for this engagement (its id).") var before: String?
        @Option(help: "Output format: text, json, xml or html.") var format: DocumentFormat = .text
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var asRecorded: AsRecordedOption
        @OptionGroup var clearance: ClearanceOption
        @OptionGroup var templates: TemplateOptions

        func run() throws {
            if let counterpart { _ = try Party.validCode(counterpart) }
            let desk = try global.openDesk(clearance)
            let date = asOf ?? asRecorded.day ?? desk.clerk.today
            let recorded = asRecorded.day
            if format == .json {
                // Streamed: a report over a million requests is written as it is computed.
                if let out {
                    try DocumentFile.stream(to: out, sparing: desk.files) { sink in
                        try desk.writeStallListing(asOf: date, counterpart: counterpart, caseID: caseID, before: before, asRecorded: recorded, to: sink)
                    }
                    Output.noteLine("wrote \(out)")
                } else {
                    try desk.writeStallListing(asOf: date, counterpart: counterpart, caseID: caseID, before: before, asRecorded: recorded) { bytes in
                        try Output.send(Data(bytes))
                    }
                }
                return
            }
            let report = try desk.stallReport(asOf: date, counterpart: counterpart, caseID: caseID, before: before, asRecorded: recorded)
            let document = format == .text ? report.text : try templates.renderer().render(report, as: format.kind!)
            try DocumentOutput.emit(document, to: out, sparing: desk)
        }
    }
}

/// `--format` of rendered documents.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, xml, html

    var kind: DocumentKind? {
        switch self {
        case .xml: return .xml
        case .html: return .html
        default: return nil
        }
    }
}

/// Writes a finished document to a file (atomically, owner-only), a pipe or device, or standard
/// output; never over the files of the database.
enum DocumentOutput {
    static func emit(_ document: String, to path: String?, sparing desk: Desk) throws {
        guard let path else { return Output.write(document) }
        try DocumentFile.write(document, to: path, sparing: desk.files)
        Output.noteLine("wrote \(path)")
    }

    /// Writes an export to a file or standard output and records it in the history.
    static func emitAudited(_ document: String, to path: String?, record: ExportRecord, desk: Desk) throws {
        try audited(record, desk: desk) { () throws(ComityError) in
            guard let path else {
                try Output.send(document)
                return []
            }
            return [try DocumentFile.stage(document, for: path, sparing: desk.files)]
        }
        if let path { Output.noteLine("wrote \(path)") }
    }

    /// Records an export in the history and writes its files in one transaction: files are
    /// staged (written whole under hidden names) before the commit and put in place after it;
    /// a pipe or device, like standard output, is written before the commit.
    /// A file that cannot be written records nothing; a crash before the commit leaves no
    /// export in place, so no data leaves without its audit event.
    static func audited(_ record: ExportRecord, desk: Desk, undo: () -> Void = {},
                        stage: () throws(ComityError) -> [DocumentFile.Staged]) throws {
        var staged: [DocumentFile.Staged] = []
        do {
            try desk.recordExport(record) { () throws(ComityError) in staged = try stage() }
        } catch {
            staged.forEach { $0.discard() }
            undo()
            throw error
        }
        for file in staged {
            do { try file.place() } catch {
                throw ComityError.output("the export is recorded in the history, but \(error.description)")
            }
        }
    }

    /// The path as the audit trail records it: absolute, so it says where the data went.
    static func absolute(_ path: String?) -> String? {
        path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}

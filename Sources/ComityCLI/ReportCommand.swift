import ArgumentParser
import Comity
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports on outstanding requests.", subcommands: [Stall.self])

    struct Stall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where each investigation is blocked, by whom, for how long, and what to do next.",
            discussion: "With --before ENGAGEMENT it is a pre-summit brief: every outstanding request with that engagement's counterpart, grouped by case, with talking points.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The date to report as of (default: today).", transform: DateArgument.parse) var asOf: CalendarDate?
        @Option(help: "Only requests to this state (ISO code).") var counterpart: String?
        @Option(name: .customLong("case"), help: "Only this case's requests.") var caseID: String?
        @Option(help: "Prepare a brief for this engagement (its id).") var before: String?
        @Option(help: "Output format: text, json, xml or html.") var format: DocumentFormat = .text
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var templates: TemplateOptions

        func run() throws {
            let clerk = try global.clerk()
            if let counterpart { _ = try Party.validCode(counterpart) }
            let store = try global.openStore()
            let report = try store.stallReport(asOf: asOf ?? clerk.today, counterpart: counterpart, caseID: caseID, before: before)
            let document: String
            switch format {
            case .text: document = report.text
            case .json: document = try JSONDocument.encode(report)
            case .xml, .html: document = try templates.renderer().render(report, as: format.kind!)
            }
            try DocumentOutput.emit(document, to: out)
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

/// Writes a finished document to a file (atomically, owner-only) or standard output.
enum DocumentOutput {
    static func emit(_ document: String, to path: String?) throws {
        guard let path else { return Output.write(document) }
        try DocumentFile.write(document, to: path)
        Output.note("wrote \(path)\n")
    }

    /// Writes an export and records it in the history, in one transaction: if the document
    /// cannot be written, no event is recorded; if the event cannot be committed, the file is removed.
    static func emitAudited(_ document: String, to path: String?, record: ExportRecord, store: ComityStore, by clerk: Clerk) throws {
        var written = false
        do {
            try store.recordExport(record, by: clerk) { () throws(ComityError) in
                if let path { try DocumentFile.write(document, to: path) } else { try Output.send(document) }
                written = true
            }
        } catch {
            if written, let path { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
        if let path { Output.note("wrote \(path)\n") }
    }

    /// The path as the audit trail records it: absolute, so it says where the data went.
    static func absolute(_ path: String?) -> String? {
        path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}

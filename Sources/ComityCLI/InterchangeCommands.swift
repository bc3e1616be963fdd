import ArgumentParser
import Comity
import Foundation

/// `comity backup PATH`: a consistent copy while others may be writing.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database to a new file, safely while others write.",
        discussion: "Uses SQLite's online backup. PATH must not exist; it is created readable by the owner only.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The new file.", valueName: "path")) var path: String

    func run() throws {
        let desk = try global.openDesk()
        try desk.backup(to: path)
        Output.line("backed up \(desk.path) to \(path)")
    }
}

/// `comity check`: SQLite's checks and Comity's invariants.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the database: integrity, foreign keys, histories, letter numbers, history triggers.",
        discussion: "Lists every problem found and exits 65 when there is any; prints an 'ok:' summary otherwise.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let desk = try global.openDesk(repairingClearance: true)
        let report = try desk.check()
        if report.isSound, try desk.ourState() == nil {
            Output.noteLine("note: this database does not say whose desk it is, so the direction of its cases and requests is not checked; \(StoredSetting.ourStateHint)")
        }
        if report.isSound { return Output.write(report.summary + "\n") }
        Output.write(report.problems.map { Sanitised.text($0, limit: 2000) + "\n" }.joined())
        throw ComityError.invalid("check found \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); see the list on standard output")
    }
}

/// `comity calendar`: an iCalendar feed of engagements and deadlines.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Write an iCalendar (.ics) feed of engagements and request deadlines.",
        discussion: """
            All-day events with stable UIDs, a SEQUENCE that counts the recorded changes that can move each one's date \
            and a LAST-MODIFIED from the history, so importing the feed again updates the calendar, a moved deadline \
            included, instead of duplicating it. Each event carries the mark of what it names (CLASS and the first line \
            of its description); one above the clearance is left out.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only dates on or after this day.", transform: DateArgument.parse) var from: CalendarDate?
    @Option(help: "Only dates on or before this day.", transform: DateArgument.parse) var to: CalendarDate?
    @Option(help: "Only this counterpart state (ISO code).") var counterpart: String?
    @Option(help: ArgumentHelp("The .ics file to write.", valueName: "file")) var out: String
    @OptionGroup var clearance: ClearanceOption

    func run() throws {
        let code = try counterpart.map { try Party.validCode($0) }
        let desk = try global.openDesk(clearance)
        let feed = try desk.calendarFeed(from: from, to: to, counterpart: code)
        let record = ExportRecord(kind: .calendar, format: "ics", counterpart: code, from: from, to: to,
                                  records: feed.entries.count, destination: DocumentOutput.absolute(out),
                                  clearance: desk.clearance, withheld: feed.withheld)
        try DocumentOutput.emitAudited(feed.ics, to: out, record: record, desk: desk)
    }
}

/// `--format` of exports.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv, xml
}

/// `comity export`: the whole database as JSON, CSV or XML.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the database (or a case's or counterpart's part) as JSON, CSV or XML.",
        discussion: "CSV writes one file per table into the folder given by --out. 'comity import' reads any of the three back.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "json, csv (a folder of files) or xml.") var format: ExportFormat = .json
    @Option(help: ArgumentHelp("File (or folder, for csv) to write; default standard output.", valueName: "path")) var out: String?
    @Option(name: .customLong("case"), help: "Only this case's requests and what hangs on them.") var caseID: String?
    @Option(help: "Only requests to this state (ISO code).") var counterpart: String?
    @OptionGroup var clearance: ClearanceOption

    func run() throws {
        let code = try counterpart.map { try Party.validCode($0) }
        if format == .csv && out == nil { throw ValidationFailure("--format csv writes one file per table: give a folder with --out") }
        let desk = try global.openDesk(clearance)
        let scope = desk.exportScope(caseID: caseID, counterpart: code)
        let record = { (tally: ExportTally) in
            ExportRecord(kind: .export, format: format.rawValue, caseID: caseID, counterpart: code, records: tally.records,
                         destination: DocumentOutput.absolute(out), clearance: scope.clearance, withheld: tally.withheld)
        }
        // A file is staged; a pipe or device, like standard output, is written as the rows come.
        if out != nil { try desk.checkExportCanBeRecorded(record(ExportTally(records: 0, withheld: 0, classification: .unclassified))) }
        var stream: StagedFileStream?
        if let out, format != .csv { stream = try StagedFileStream(for: out, sparing: desk.files) }
        if out == nil || stream?.isDirect == true {
            // Standard output cannot be withdrawn: it is written inside the transaction that records it.
            switch format {
            case .json:
                var writer = InterchangeJSONWriter { bytes in try Self.send(bytes, to: stream) }
                _ = try desk.writeExportRecorded(scope, into: &writer, record: record)
            case .xml, .csv: // csv without --out was refused above
                var writer = InterchangeXMLWriter { bytes in try Self.send(bytes, to: stream) }
                _ = try desk.writeExportRecorded(scope, into: &writer, record: record)
            }
            if let out, let stream {
                _ = try stream.finish()
                Output.noteLine("wrote \(out)")
            }
            return
        }
        guard let out else { return }
        // Written whole under hidden names while the database is read, put in place once recorded.
        let meter = TerminalProgress(label: "exporting")
        let staged: [DocumentFile.Staged]
        let tally: ExportTally
        var createdFolder = false
        switch format {
        case .json, .xml:
            guard let stream else { return }
            if format == .json {
                var writer = InterchangeJSONWriter(sink: stream.write)
                tally = try desk.writeExport(scope, into: &writer, progress: meter.update)
            } else {
                var writer = InterchangeXMLWriter(sink: stream.write)
                tally = try desk.writeExport(scope, into: &writer, progress: meter.update)
            }
            staged = [try stream.finish()]
        case .csv:
            var writer = try InterchangeCSVWriter(folder: out, sparing: desk.files)
            createdFolder = writer.createdFolder
            do { tally = try desk.writeExport(scope, into: &writer, progress: meter.update) } catch {
                writer.abandon()
                throw error
            }
            staged = writer.files
        }
        meter.finish()
        try DocumentOutput.audited(record(tally), desk: desk, undo: {
            staged.forEach { $0.discard() }
            if createdFolder { try? FileManager.default.removeItem(atPath: out) }
        }) { () throws(ComityError) in staged }
        Output.noteLine("wrote \(out)")
    }

    /// Writes export bytes to a pipe or device, or else to standard output.
    private static func send(_ bytes: [UInt8], to stream: StagedFileStream?) throws(ComityError) {
        if let stream { try stream.write(bytes) } else { try Output.send(Data(bytes)) }
    }
}

/// `comity import`: reads an export back, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import an export (JSON file, XML file or CSV folder), all or nothing.",
        discussion: """
            Records are matched by key: identical ones are skipped, conflicting ones refused unless --replace \
            (the history and the letter register are never replaced). Every problem is listed with its file, \
            record and field, and nothing is written unless there are none.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The export: a .json or .xml file, or a folder of .csv files.", valueName: "path")) var path: String
    @Flag(help: "Check and report what would change, writing nothing.") var dryRun = false
    @Flag(help: "Overwrite records that differ from the file.") var replace = false
    @Option(help: ArgumentHelp("Refuse files (or CSV folders) larger than this many megabytes.", valueName: "MB"))
    var maxSize: Int = InterchangeFile.defaultLimit >> 20
    @OptionGroup var clearance: ClearanceOption
    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        guard (1...4096).contains(maxSize) else { throw ValidationError("--max-size must be from 1 to 4096 megabytes") }
    }

    func run() throws {
        let desk = try global.openDesk(clearance)
        do {
            let meter = TerminalProgress(label: dryRun ? "checking" : "importing")
            defer { meter.finish() }
            let summary = try desk.importFile(path, limit: maxSize << 20, replace: replace, dryRun: dryRun, schemaPath: { () throws(ComityError) in
                do { return try templates.folder() + "/schemas/export.xsd" } catch { throw .document("\(error)") }
            }, progress: meter.update)
            Output.write(summary.text + "\n")
        } catch let refused as ImportRefused {
            // One problem is one line; several are listed first, one per line, then summed up.
            if refused.problems.count == 1 {
                throw ComityError.invalid("import refused, nothing was written: \(refused.problems[0].description)")
            }
            let lines = refused.problems.map { Sanitised.text($0.description, limit: 2000) + "\n" }.joined()
            Output.note(lines)
            throw ComityError.invalid("import refused: \(refused.problems.count) problems (listed above); nothing was written")
        }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal; quiet otherwise.
final class TerminalProgress {
    private var meter: ProgressMeter?
    private let label: String
    private let enabled = isatty(FileHandle.standardError.fileDescriptor) == 1

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total >= 1_000 else { return }
        if meter == nil { meter = ProgressMeter(label: label, total: total) }
        if let line = meter?.update(done) { Output.note(line) }
    }

    func finish() {
        if let meter { Output.note(meter.finish) }
    }
}

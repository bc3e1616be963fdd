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
        let store = try global.openStore()
        try store.backup(to: path)
        Output.write("backed up \(store.path) to \(path)\n")
    }
}

/// `comity check`: SQLite's checks and Comity's invariants.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the database: integrity, foreign keys, histories, letter numbers, history triggers.",
        discussion: "Lists every problem found and exits 65 when there is any; prints an 'ok:' summary otherwise.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let report = try global.openStore().check()
        if report.isSound { return Output.write(report.summary + "\n") }
        Output.write(report.problems.map { Sanitised.text($0, limit: 2000) + "\n" }.joined())
        throw ComityError.invalid("check found \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); see the list on standard output")
    }
}

/// `comity calendar`: an iCalendar feed of engagements and deadlines.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Write an iCalendar (.ics) feed of engagements and request deadlines.",
        discussion: "All-day events with stable UIDs, so importing the feed again updates the calendar instead of duplicating it.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only dates on or after this day.", transform: DateArgument.parse) var from: CalendarDate?
    @Option(help: "Only dates on or before this day.", transform: DateArgument.parse) var to: CalendarDate?
    @Option(help: "Only this counterpart state (ISO code).") var counterpart: String?
    @Option(help: ArgumentHelp("The .ics file to write.", valueName: "file")) var out: String

    func run() throws {
        let clerk = try global.clerk()
        if let counterpart { _ = try Party.validCode(counterpart) }
        let feed = try global.openStore().calendarFeed(today: clerk.today, from: from, to: to, counterpart: counterpart)
        try DocumentOutput.emit(feed.ics, to: out)
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

    func run() throws {
        if let counterpart { _ = try Party.validCode(counterpart) }
        let meter = TerminalProgress(label: "exporting")
        let tables = try global.openStore().exportTables(caseID: caseID, counterpart: counterpart, progress: meter.update)
        meter.finish()
        switch format {
        case .json: try DocumentOutput.emit(InterchangeJSON.encode(tables), to: out)
        case .xml: try DocumentOutput.emit(InterchangeXML.encode(tables), to: out)
        case .csv:
            guard let out else { throw ValidationFailure("--format csv writes one file per table: give a folder with --out") }
            try InterchangeCSV.write(tables, to: out)
            FileHandle.standardError.write(Data("wrote \(out)\n".utf8))
        }
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
    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let store = try global.openStore()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationFailure("cannot read \(path): no such file or folder; check the path")
        }
        let dataset: InterchangeDataset
        if isDirectory.boolValue {
            dataset = try InterchangeCSV.read(folder: path)
        } else {
            let text = try InputFile.read(path, limit: 256 << 20)
            if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<") {
                dataset = try InterchangeXML.decode(text, file: path, schemaPath: try templates.folder() + "/schemas/export.xsd")
            } else {
                dataset = InterchangeJSON.decode(text, file: path)
            }
        }
        do {
            let meter = TerminalProgress(label: dryRun ? "checking" : "importing")
            defer { meter.finish() }
            let summary = try store.importDataset(dataset, replace: replace, dryRun: dryRun, progress: meter.update)
            Output.write(summary.text + "\n")
        } catch let refused as ComityStore.ImportRefused {
            let lines = refused.problems.map { Sanitised.text($0.description, limit: 2000) + "\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
            throw ComityError.invalid("import refused: \(refused.problems.count) problem\(refused.problems.count == 1 ? "" : "s") (listed above); nothing was written")
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
        if let line = meter?.update(done) { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        if let meter { FileHandle.standardError.write(Data(meter.finish.utf8)) }
    }
}

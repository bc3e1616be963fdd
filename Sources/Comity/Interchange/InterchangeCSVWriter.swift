import Foundation

/// Writes the CSV export into a folder as it is read: a file per table, a file per letter in
/// `letters/` and the note of the export's mark, each staged under a hidden name until the
/// caller places them all.
public final class InterchangeCSVWriter: InterchangeWriter {
    public typealias Failure = ComityError

    public let folder: String
    /// The folder did not exist and was made for the export (owner-only).
    public let createdFolder: Bool
    /// The files written so far, ready to be placed.
    public private(set) var files: [DocumentFile.Staged] = []
    private var note = ""
    private var classification = Classification.unclassified
    private var current: (stream: StagedFileStream, out: InterchangeOutput<ComityError>, layout: CSVTableLayout)?
    /// The letters' folder was made for the export.
    private var createdLetters = false
    /// The letters' folder exists, cleared of files a killed export left.
    private var lettersReady = false
    private let database: DatabaseFiles?

    /// Uses `folder`, creating it if it does not exist; a file of that name is refused, and so is
    /// a file of the database `sparing` names. Staged files a killed export left in it are removed.
    public init(folder: String, sparing database: DatabaseFiles? = nil) throws(ComityError) {
        self.folder = folder
        self.database = database
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .invalid("\(folder) is a file; --format csv needs a folder for --out") }
            createdFolder = false
            DocumentFile.Staging.removeLeftovers(in: folder)
        } else {
            let failure = OwnerOnlyFile.createFolder(folder)
            guard failure == 0 else {
                throw .invalid("cannot create the folder \(folder): \(OwnerOnlyFile.reason(failure))")
            }
            createdFolder = true
        }
    }

    public func begin(classification: Classification, withheld: Int) throws(ComityError) {
        note = InterchangeCSV.marking(classification, withheld: withheld)
        self.classification = classification
    }

    public func table(_ table: InterchangeTable, columns: [InterchangeColumn]) throws(ComityError) {
        try finishTable()
        let stream = try StagedFileStream(for: path("\(table.label).csv"), sparing: database, tidy: false)
        let out = InterchangeOutput<ComityError>(sink: stream.write)
        out.append(InterchangeCSV.headerLine(columns, marked: classification))
        current = (stream, out, CSVTableLayout(table: table, columns: columns))
    }

    public func row(_ values: [InterchangeValue]) throws(ComityError) {
        guard let line = current?.layout.line(values) else { return }
        current?.out.append(line.text)
        if let file = line.file { try writeLetter(file.document, named: file.name) }
        try current?.out.flushIfFull()
    }

    /// Writes a letter's document at `letters/<name>`, making the folder (owner-only) for the first.
    private func writeLetter(_ document: String, named name: String) throws(ComityError) {
        let letters = path(CSVTableLayout.lettersFolder)
        if !lettersReady {
            lettersReady = true
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: letters, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw .invalid("\(letters) is a file; the CSV export writes the letters into a folder of that name, so move the file away") }
                DocumentFile.Staging.removeLeftovers(in: letters)
            } else {
                let failure = OwnerOnlyFile.createFolder(letters)
                guard failure == 0 else { throw .invalid("cannot create the folder \(letters): \(OwnerOnlyFile.reason(failure))") }
                createdLetters = true
            }
        }
        let stream = try StagedFileStream(for: (letters as NSString).appendingPathComponent(name), sparing: database, tidy: false)
        try stream.write(Array(document.utf8))
        files.append(try stream.finish())
    }

    public func end() throws(ComityError) {
        try finishTable()
        let marking = try StagedFileStream(for: path(InterchangeCSV.markingFile), sparing: database, tidy: false)
        try marking.write(Array(note.utf8))
        files.append(try marking.finish())
    }

    /// Removes every file written, and the folder if it was made for them.
    public func abandon() {
        current?.stream.abandon()
        current = nil
        files.forEach { $0.discard() }
        files = []
        if createdLetters { try? FileManager.default.removeItem(atPath: path(CSVTableLayout.lettersFolder)) }
        if createdFolder { try? FileManager.default.removeItem(atPath: folder) }
    }

    private func finishTable() throws(ComityError) {
        guard let table = current else { return }
        current = nil
        try table.out.flush()
        files.append(try table.stream.finish())
    }

    private func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
}

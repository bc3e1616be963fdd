import Foundation

/// The CSV export: a folder with one UTF-8 file per table, headers in words, ISO dates.
///
/// Every file opens with its mark on a line of its own (`RESTRICTED`: the highest record the
/// export holds), then the header row. An empty cell is an absent value; in a required text
/// column it is empty text. Text is written so a spreadsheet never runs it, lists one item per
/// line, and each letter's document as a file in `letters/` (`CSVTableLayout`, `CSVCellText`).
public enum InterchangeCSV {
    /// "formal_name" → "formal name": what a spreadsheet user sees in the header row.
    static func header(_ column: String) -> String { column.replacingOccurrences(of: "_", with: " ") }

    /// The text of one table's file: a byte order mark (spreadsheets need it to see UTF-8), the
    /// mark of the export, the header, CRLF lines. Letters' documents are named, not written.
    public static func encode(_ data: InterchangeTableData, marked classification: Classification) -> String {
        var layout = CSVTableLayout(table: data.table, columns: data.columns)
        return ([headerLine(data.columns, marked: classification)] + data.rows.map { layout.line($0).text }).joined()
    }

    /// The byte order mark, the mark on a line of its own and the header row, in words.
    static func headerLine(_ columns: [InterchangeColumn], marked classification: Classification) -> String {
        "\u{FEFF}" + classification.markEnglish + "\r\n" + columns.map { cell(header($0.name)) }.joined(separator: ",") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The name of the note beside the tables that carries the export's mark; not a .csv, so
    /// an import passes over it.
    public static let markingFile = "classification.txt"

    /// The note: the mark of the highest record exported, and how many were withheld for clearance.
    public static func marking(_ tables: [InterchangeTableData], withheld: Int) -> String {
        marking(InterchangeExport.classification(of: tables), withheld: withheld)
    }

    static func marking(_ classification: Classification, withheld: Int) -> String {
        "\(classification.markEnglish)\r\nclassification: \(classification.rawValue)\r\n"
            + "withheld: \(withheld) record(s) above the reader's clearance\r\n"
    }

    /// Writes `<label>.csv` for every table into `folder`, creating it (owner-only) if needed.
    public static func write(_ tables: [InterchangeTableData], to folder: String, withheld: Int = 0) throws(ComityError) {
        let staged = try stage(tables, in: folder, withheld: withheld)
        for file in staged.files { try file.place() }
    }

    /// Writes every table's file under a hidden name in `folder` (created owner-only if
    /// needed), ready to be put in place; on failure nothing is left, not even a folder made for it.
    public static func stage(_ tables: [InterchangeTableData], in folder: String, withheld: Int = 0) throws(ComityError) -> (files: [DocumentFile.Staged], createdFolder: Bool) {
        var writer = try InterchangeCSVWriter(folder: folder)
        do {
            try writer.write(tables, withheld: withheld)
        } catch {
            writer.abandon()
            throw error
        }
        return (writer.files, writer.createdFolder)
    }

    /// Reads every `<label>.csv` in `folder`, together at most `limit` bytes; problems in the
    /// files are collected, never thrown. A folder without any `.csv` file is refused.
    public static func read(folder: String, limit: Int = InterchangeFile.defaultLimit) throws(ComityError) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: folder)
        dataset.emptyCellsAreBlank = true
        dataset.format = "csv"
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted() } catch {
            throw .invalid("cannot read the folder \(folder); check its permissions")
        }
        let files = names.filter { $0.hasSuffix(".csv") }
        let letters = (folder as NSString).appendingPathComponent(CSVTableLayout.lettersFolder)
        guard !files.isEmpty else {
            throw .invalid("the folder \(folder) holds no .csv files; give the folder 'comity export --format csv' wrote, or a .json or .xml export")
        }
        let total = files.reduce(0) { sum, name in
            sum + InterchangeFile.size(of: (folder as NSString).appendingPathComponent(name))
        } + ((try? FileManager.default.contentsOfDirectory(atPath: letters)) ?? []).reduce(0) { sum, name in
            sum + InterchangeFile.size(of: (letters as NSString).appendingPathComponent(name))
        }
        guard total <= limit else { throw InterchangeFile.tooLarge(folder, size: total, limit: limit) }
        var left = limit
        for name in files {
            let path = (folder as NSString).appendingPathComponent(name)
            let label = String(name.dropLast(4))
            guard let table = InterchangeTable.labelled(label) else {
                dataset.problems.append(InterchangeProblem(file: path, location: "file",
                    message: "not a table Comity exports; expected one of \(InterchangeTable.all.map { "\($0.label).csv" }.joined(separator: ", "))"))
                continue
            }
            let text: String
            do {
                text = try InterchangeFile.text(path, limit: limit)
            } catch {
                let message = error.description
                dataset.problems.append(InterchangeProblem(file: path, location: "file",
                                                           message: message.hasPrefix(path + " ") ? String(message.dropFirst(path.count + 1)) : message))
                continue
            }
            left -= text.utf8.count
            dataset.records[table.label] = records(text, table: table, file: path, folder: folder, limit: &left, into: &dataset.problems)
        }
        return dataset
    }

    /// Reads the text of one table's file (`<label>.csv`) without touching the file system,
    /// so a single file can be checked, and the parser exercised, on its own (a letter's
    /// document is then the path its cell names).
    public static func decode(_ text: String, table: InterchangeTable, file: String) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: file)
        dataset.emptyCellsAreBlank = true
        dataset.format = "csv"
        var limit = 0
        dataset.records[table.label] = records(text, table: table, file: file, folder: nil, limit: &limit, into: &dataset.problems)
        return dataset
    }

    /// Parses RFC 4180 text into records located by the line each starts on, as the database
    /// holds them (`CSVTableLayout.restore`). A first line of one cell is the file's mark.
    static func records(_ text: String, table: InterchangeTable, file: String, folder: String?, limit: inout Int,
                        into problems: inout [InterchangeProblem]) -> [InterchangeRecord] {
        let parsed = parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: file, problems: &problems)
        var rows = parsed.rows[...]
        let unclosed = parsed.unclosed
        if let first = rows.first, first.cells.count == 1 {
            let marks = Classification.allCases.map(\.markEnglish)
            guard marks.contains(first.cells[0]) else {
                problems.append(InterchangeProblem(file: file, location: "line \(first.line)",
                    message: "'\(printable(first.cells[0]))' is not a classification mark; the first line is the file's mark (\(marks.joined(separator: ", "))) and the next the header"))
                return []
            }
            rows.removeFirst()
        }
        guard let head = rows.first else {
            problems.append(InterchangeProblem(file: file, location: "line 1", message: "no header row; the first line names the columns"))
            return []
        }
        let columns = head.cells.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_").lowercased() }
        var records: [InterchangeRecord] = []
        for row in rows.dropFirst() where !(row.cells.count == 1 && row.cells[0].isEmpty) {
            let location = "line \(row.line)"
            // The rest of the file went into the unclosed cell; that problem is reported already.
            if row.line == unclosed { continue }
            if row.cells.count != columns.count {
                problems.append(InterchangeProblem(file: file, location: location,
                    message: "has \(row.cells.count) cells but the header names \(columns.count) columns"))
                continue
            }
            var record = InterchangeRecord(location: location, fields: zip(columns, row.cells).map { name, cell in
                (name, cell.isEmpty ? InterchangeValue.null : .text(cell))
            }, file: file)
            CSVTableLayout.restore(&record, table: table, folder: folder, limit: &limit, problems: &problems)
            records.append(record)
        }
        return records
    }

    /// The rows with the line each starts on, and the line of a quoted cell never closed, if any.
    private static func parse(_ text: String, file: String, problems: inout [InterchangeProblem]) -> (rows: [(line: Int, cells: [String])], unclosed: Int?) {
        var rows: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); cell.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where cell.isEmpty: quoted = true
            case ",": cells.append(cell); cell = ""
            case "\r" where scalars.first == "\n": continue
            case "\n", "\r":
                cells.append(cell); cell = ""
                rows.append((rowLine, cells)); cells = []
                line += 1; rowLine = line
            default: cell.unicodeScalars.append(scalar)
            }
        }
        if quoted {
            problems.append(InterchangeProblem(file: file, location: "line \(rowLine)", message: "a quoted cell is never closed; add the closing \""))
        }
        if !cell.isEmpty || !cells.isEmpty { cells.append(cell); rows.append((rowLine, cells)) }
        return (rows, quoted ? rowLine : nil)
    }
}

import Foundation

/// The CSV export: a folder with one UTF-8 file per table, headers in words, ISO dates.
///
/// An empty cell is an absent value; in a required text column it is empty text.
public enum InterchangeCSV {
    /// "formal_name" → "formal name": what a spreadsheet user sees in the header row.
    static func header(_ column: String) -> String { column.replacingOccurrences(of: "_", with: " ") }

    /// The text of one table's file: a byte order mark (spreadsheets need it to see UTF-8), CRLF lines.
    public static func encode(_ data: InterchangeTableData) -> String {
        var lines = [data.columns.map { cell(header($0.name)) }.joined(separator: ",")]
        for row in data.rows {
            lines.append(row.map { value in
                switch value {
                case .null, .invalid: return ""
                case .integer(let number): return String(number)
                case .text(let text): return cell(text)
                }
            }.joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Writes `<label>.csv` for every table into `folder`, creating it (owner-only) if needed.
    public static func write(_ tables: [InterchangeTableData], to folder: String) throws(ComityError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .invalid("\(folder) is a file; --format csv needs a folder for --out") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .invalid("cannot create the folder \(folder): check that its parent exists and is writable")
            }
        }
        for data in tables {
            try DocumentFile.write(encode(data), to: (folder as NSString).appendingPathComponent("\(data.table.label).csv"))
        }
    }

    /// Reads every `<label>.csv` in `folder`; problems are collected, never thrown.
    public static func read(folder: String) throws(ComityError) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: folder)
        dataset.emptyCellsAreBlank = true
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted() } catch {
            throw .invalid("cannot read the folder \(folder); check its permissions")
        }
        for name in names where name.hasSuffix(".csv") {
            let path = (folder as NSString).appendingPathComponent(name)
            let label = String(name.dropLast(4))
            guard let table = InterchangeTable.labelled(label) else {
                dataset.problems.append(InterchangeProblem(file: path, location: "file",
                    message: "not a table Comity exports; expected one of \(InterchangeTable.all.map { "\($0.label).csv" }.joined(separator: ", "))"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                dataset.problems.append(InterchangeProblem(file: path, location: "file", message: "not readable as UTF-8 text; save it as CSV UTF-8"))
                continue
            }
            dataset.records[table.label] = records(text, file: path, into: &dataset.problems)
        }
        return dataset
    }

    /// Reads the text of one table's file (`<label>.csv`) without touching the file system,
    /// so a single file can be checked, and the parser exercised, on its own.
    public static func decode(_ text: String, table: InterchangeTable, file: String) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: file)
        dataset.emptyCellsAreBlank = true
        dataset.records[table.label] = records(text, file: file, into: &dataset.problems)
        return dataset
    }

    /// Parses RFC 4180 text into records located by the line each starts on.
    static func records(_ text: String, file: String, into problems: inout [InterchangeProblem]) -> [InterchangeRecord] {
        let rows = parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: file, problems: &problems)
        guard let head = rows.first else {
            problems.append(InterchangeProblem(file: file, location: "line 1", message: "no header row; the first line names the columns"))
            return []
        }
        let columns = head.cells.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_").lowercased() }
        var records: [InterchangeRecord] = []
        for row in rows.dropFirst() where !(row.cells.count == 1 && row.cells[0].isEmpty) {
            let location = "line \(row.line)"
            if row.cells.count != columns.count {
                problems.append(InterchangeProblem(file: file, location: location,
                    message: "has \(row.cells.count) cells but the header names \(columns.count) columns"))
                continue
            }
            records.append(InterchangeRecord(location: location, fields: zip(columns, row.cells).map { name, cell in
                (name, cell.isEmpty ? InterchangeValue.null : .text(cell))
            }, file: file))
        }
        return records
    }

    private static func parse(_ text: String, file: String, problems: inout [InterchangeProblem]) -> [(line: Int, cells: [String])] {
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
        return rows
    }
}

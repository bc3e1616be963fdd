import ComityRender
import Foundation

/// What each column of a table becomes in its CSV file, and back: text neutralised for
/// spreadsheets (`CSVCellText`), lists one item per line, and a letter's document a file of its
/// own in `letters/` beside the tables, its path in the cell.
///
/// Generic over tables: a table Comity adds later gets the same treatment of its text cells.
struct CSVTableLayout {
    /// Columns that hold a JSON list of texts in the database, by table.
    static let listColumns: [String: Set<String>] = ["request": ["items"], "reply": ["refusal_grounds"]]
    /// The folder beside the tables that holds the letters' documents.
    static let lettersFolder = "letters"

    let table: InterchangeTable
    let columns: [InterchangeColumn]
    private let lists: Set<Int>
    /// The letter register's document, number, format and SHA-256 columns, when the table is the register.
    private let letter: (document: Int, number: Int, format: Int, sha256: Int)?
    /// File names given so far, so two letters never share one.
    private var names: Set<String> = []

    init(table: InterchangeTable, columns: [InterchangeColumn]) {
        self.table = table
        self.columns = columns
        let listed = Self.listColumns[table.name] ?? []
        lists = Set(columns.indices.filter { listed.contains(columns[$0].name) })
        func index(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
        if table.name == "letter", let document = index("document"), let number = index("number"), let format = index("format"),
           let sha256 = index("sha256") {
            letter = (document, number, format, sha256)
        } else {
            letter = nil
        }
    }

    /// One row as CSV text (CRLF included), and the letter document it names, to be written
    /// at `letters/<name>` beside the tables.
    mutating func line(_ values: [InterchangeValue]) -> (text: String, file: (name: String, document: String)?) {
        var file: (name: String, document: String)?
        let cells = values.enumerated().map { index, value -> String in
            switch value {
            case .null, .invalid: return ""
            case .integer(let number): return String(number)
            case .text(var text):
                if let letter, index == letter.document {
                    let name = fileName(number: values[letter.number], format: values[letter.format])
                    file = (name, text)
                    text = Self.lettersFolder + "/" + name
                } else if lists.contains(index) {
                    text = StringList.parse(text).map(CSVCellText.listCell) ?? text
                }
                return InterchangeCSV.cell(CSVCellText.neutralised(text))
            }
        }
        return (cells.joined(separator: ",") + "\r\n", file)
    }

    /// A name for a letter's file made of its register number and format, with any character
    /// that is not a letter, digit, `.`, `-` or `_` written `_`, unique within the export.
    private mutating func fileName(number: InterchangeValue, format: InterchangeValue) -> String {
        func safe(_ value: InterchangeValue) -> String {
            guard case .text(let text) = value, !text.isEmpty else { return "letter" }
            let kept = String(String.UnicodeScalarView(text.unicodeScalars.prefix(100).map {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_"
            }))
            return kept.hasPrefix(".") ? "_" + kept.dropFirst() : kept
        }
        let stem = safe(number), ext = safe(format)
        var name = "\(stem).\(ext)"
        var count = 1
        while names.contains(name) {
            count += 1
            name = "\(stem)-\(count).\(ext)"
        }
        names.insert(name)
        return name
    }

    /// A record read from the file as the database holds it: the quote of a neutralised cell
    /// taken off, a list cell back to its JSON list, a letter's document read from its file
    /// in `folder` (nil: left as the path) and checked against the register's SHA-256.
    static func restore(_ record: inout InterchangeRecord, table: InterchangeTable, folder: String?, limit: inout Int,
                        problems: inout [InterchangeProblem]) {
        let listed = listColumns[table.name] ?? []
        var documentIndex: Int?
        for index in record.fields.indices {
            let name = record.fields[index].name
            // An empty list is an empty cell.
            if listed.contains(name), record.fields[index].value == .null { record.fields[index].value = .text("[]"); continue }
            guard case .text(let cell) = record.fields[index].value else { continue }
            var text = CSVCellText.restored(cell)
            if listed.contains(name) {
                if let items = CSVCellText.items(text) { text = JSONColumn.encode(items) } else {
                    problems.append(InterchangeProblem(file: record.file ?? "", location: record.location, field: name,
                        message: "is not a list: write one item per line (a backslash as \\\\, a line break inside an item as \\n), or a JSON list such as [\"a\", \"b\"]"))
                }
            }
            if table.name == "letter" && name == "document" { documentIndex = index }
            record.fields[index].value = .text(text)
        }
        guard let folder, let index = documentIndex, case .text(let path) = record.fields[index].value else { return }
        let file = record.file ?? folder
        func refuse(_ message: String) {
            problems.append(InterchangeProblem(file: file, location: record.location, field: "document", message: message))
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == lettersFolder, !parts[1].isEmpty, parts[1] != ".", parts[1] != "..", !parts[1].contains("\\") else {
            return refuse("is '\(printable(path))', not the path of a letter's file; write letters/ and the file's name, as the export does")
        }
        let full = (folder as NSString).appendingPathComponent(path)
        let document: String
        do {
            document = try InterchangeFile.text(full, limit: max(limit, 0))
        } catch {
            return refuse(error.description)
        }
        limit -= document.utf8.count
        let digest = DocumentDigest.sha256(document)
        if let sha = record.fields.first(where: { $0.name == "sha256" }), case .text(let expected) = sha.value, expected != digest {
            return refuse("\(path) does not match the SHA-256 the register holds for this letter (its file holds \(digest)); put back the file the export wrote")
        }
        record.fields[index].value = .text(document)
    }
}

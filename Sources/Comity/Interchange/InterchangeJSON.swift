import Foundation

/// The JSON export: one object per table, one record per line, keys in column order.
public enum InterchangeJSON {
    public static let formatName = "comity-export"
    public static let version = 1

    /// The whole export as text; the same database always gives the same bytes. The header
    /// carries the classification of the highest record and the number withheld for clearance.
    public static func encode(_ tables: [InterchangeTableData], withheld: Int = 0) -> String {
        let classification = InterchangeExport.classification(of: tables)
        var out = "{\n  \"format\": \"\(formatName)\",\n  \"version\": \(version),"
        out += "\n  \"classification\": \(string(classification.rawValue)),\n  \"withheld\": \(withheld),\n  \"tables\": {"
        for (index, data) in tables.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    \(string(data.table.label)): ["
            for (rowIndex, row) in data.rows.enumerated() {
                out += rowIndex == 0 ? "\n      {" : ",\n      {"
                out += zip(data.columns, row).map { column, value in "\(string(column.name)): \(literal(value))" }.joined(separator: ", ")
                out += "}"
            }
            out += data.rows.isEmpty ? "]" : "\n    ]"
        }
        out += "\n  }\n}\n"
        return out
    }

    static func literal(_ value: InterchangeValue) -> String {
        switch value {
        case .null, .invalid: return "null"
        case .integer(let number): return String(number)
        case .text(let text): return string(text)
        }
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private struct File: Decodable {
        var format: String?
        var version: Int?
        var classification: String?
        var withheld: Int?
        var tables: [String: [[String: InterchangeValue]]]?
    }

    /// Reads an export; structural problems go into the dataset's problems, never thrown.
    public static func decode(_ text: String, file: String) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: file)
        if let line = lineBeyondDepth(text, limit: maximumDepth) {
            dataset.problems.append(InterchangeProblem(file: file, location: "line \(line)",
                message: "lists and objects are nested more than \(maximumDepth) deep, and a Comity export nests 4; this is not an export"))
            return dataset
        }
        let parsed: File
        do {
            parsed = try JSONDecoder().decode(File.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            dataset.problems.append(InterchangeProblem(file: file, location: where_(error), message: "not a Comity JSON export: \(reason(error))"))
            return dataset
        } catch {
            dataset.problems.append(InterchangeProblem(file: file, location: "document", message: "not readable as JSON: \(error)"))
            return dataset
        }
        if parsed.format != formatName {
            dataset.problems.append(InterchangeProblem(file: file, location: "document", field: "format", message: "expected \"\(formatName)\""))
        }
        if parsed.version != version {
            dataset.problems.append(InterchangeProblem(file: file, location: "document", field: "version", message: "expected \(version); this Comity reads version \(version) only"))
        }
        // The marking is for readers; an import checks it is well formed and otherwise ignores it.
        if let level = parsed.classification, Classification(rawValue: level) == nil {
            dataset.problems.append(InterchangeProblem(file: file, location: "document", field: "classification", message: "expected \(Classification.choices)"))
        }
        if let withheld = parsed.withheld, withheld < 0 {
            dataset.problems.append(InterchangeProblem(file: file, location: "document", field: "withheld", message: "expected a count, 0 or more"))
        }
        guard let tables = parsed.tables else {
            dataset.problems.append(InterchangeProblem(file: file, location: "document", field: "tables", message: "missing; expected an object of tables"))
            return dataset
        }
        for label in tables.keys.sorted() where InterchangeTable.labelled(label) == nil {
            dataset.problems.append(InterchangeProblem(file: file, location: "tables.\(label)",
                message: "not a table Comity exports; expected \(InterchangeTable.all.map(\.label).joined(separator: ", "))"))
        }
        // The decoder loses the line; the order of records within a table is kept.
        let lines = recordLines(text)
        for table in InterchangeTable.all {
            guard let rows = tables[table.label] else { continue }
            dataset.records[table.label] = rows.enumerated().map { index, row in
                let line = lines[table.label].flatMap { index < $0.count ? $0[index] : nil }
                let location = "\(table.label)[\(index + 1)]" + (line.map { " (line \($0))" } ?? "")
                return InterchangeRecord(location: location, fields: row.keys.sorted().map { ($0, row[$0]!) })
            }
        }
        return dataset
    }

    /// Line numbers of records when the file keeps Comity's layout (one record per line).
    static func recordLines(_ text: String) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        var current: String?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("\""), trimmed.hasSuffix("[") || trimmed.hasSuffix("[]") || trimmed.hasSuffix("[],") {
                current = String(trimmed.dropFirst().prefix { $0 != "\"" })
                result[current!] = []
            } else if let table = current, trimmed.hasPrefix("{") {
                result[table, default: []].append(index + 1)
            }
        }
        return result
    }

    /// The deepest nesting of lists and objects an import may have; an export has 4.
    static let maximumDepth = 32

    /// The line where `text` first nests deeper than `limit`, or nil; strings are skipped.
    /// Checked before decoding, so a hostile file cannot make the decoder recurse deeply.
    static func lineBeyondDepth(_ text: String, limit: Int) -> Int? {
        var depth = 0
        var line = 1
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return line }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }

    static func where_(_ error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        @unknown default: path = []
        }
        let text = path.map { $0.intValue.map { "[\($0 + 1)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "document" : String(text.drop { $0 == "." })
    }

    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c):
            if c.codingPath.isEmpty, c.underlyingError == nil || c.debugDescription.contains("not valid JSON") {
                return "the text is not valid JSON; it may be cut short, or not an export at all"
            }
            let underlying = c.underlyingError.map { " (\($0))" } ?? ""
            return c.debugDescription + underlying
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

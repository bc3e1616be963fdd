/// Writes the JSON export as it is read: one object per table, one record per line, keys in
/// column order; the same rows always give the same bytes.
public struct InterchangeJSONWriter<Failure: Error>: InterchangeWriter {
    private var out: InterchangeOutput<Failure>
    /// `"name": ` of each column of the current table, escaped once.
    private var keys: [[UInt8]] = []
    private var tables = 0
    private var rows = 0

    public init(sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        out = InterchangeOutput(sink: sink)
    }

    public mutating func begin(classification: Classification, withheld: Int) throws(Failure) {
        out.append("{\n  \"format\": \"\(InterchangeJSON.formatName)\",\n  \"version\": \(InterchangeJSON.version),\n  \"classification\": ")
        JSONEncoding.string(classification.rawValue, into: out.buffer)
        out.append(",\n  \"withheld\": \(withheld),\n  \"tables\": {")
    }

    public mutating func table(_ table: InterchangeTable, columns: [InterchangeColumn]) throws(Failure) {
        closeTable()
        out.append(tables == 0 ? "\n    " : ",\n    ")
        JSONEncoding.string(table.label, into: out.buffer)
        out.append(": [")
        tables += 1
        rows = 0
        keys = columns.map { column in
            let key = ExportBytes()
            JSONEncoding.string(column.name, into: key)
            key.append(": " as StaticString)
            return key.array
        }
    }

    public mutating func row(_ values: [InterchangeValue]) throws(Failure) {
        JSONEncoding.row(values, keys: keys, first: rows == 0, into: out.buffer)
        rows += 1
        try out.flushIfFull()
    }

    public mutating func row(cells: InterchangeCells) throws(Failure) {
        JSONEncoding.row(cells, keys: keys, first: rows == 0, into: out.buffer)
        rows += 1
        try out.flushIfFull()
    }

    public mutating func end() throws(Failure) {
        closeTable()
        out.append("\n  }\n}\n")
        try out.flush()
    }

    private mutating func closeTable() {
        if tables > 0 { out.append(rows == 0 ? "]" : "\n    ]") }
    }
}

/// The JSON export's records and strings as bytes, for any sink.
enum JSONEncoding {
    /// One record: `{"key": value, …}` on a line of its own, after a comma unless it is the table's first.
    static func row(_ values: [InterchangeValue], keys: [[UInt8]], first: Bool, into out: ExportBytes) {
        out.append(first ? "\n      {" as StaticString : ",\n      {")
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(", " as StaticString) }
            out.append(keys[index])
            self.value(value, into: out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// One record read straight from the database, the same bytes as `row` with its values.
    static func row(_ cells: InterchangeCells, keys: [[UInt8]], first: Bool, into out: ExportBytes) {
        out.append(first ? "\n      {" as StaticString : ",\n      {")
        for index in 0..<cells.count {
            if index > 0 { out.append(", " as StaticString) }
            out.append(keys[index])
            switch cells.cell(index) {
            case .null: out.append("null" as StaticString)
            case .integer(let number): out.append(number)
            case .text(let bytes) where string(utf8: bytes, into: out): break
            case .text, .other: value(cells.value(index), into: out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    static func value(_ value: InterchangeValue, into out: ExportBytes) {
        switch value {
        case .null, .invalid: out.append("null" as StaticString)
        case .integer(let number): out.append(number)
        case .text(let text): string(text, into: out)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and DEL, U+2028 and
    /// U+2029 too, so the text is safe to paste into a script.
    static func string(_ text: String, into out: ExportBytes) {
        var text = text
        // A String is always well-formed UTF-8.
        _ = text.withUTF8 { bytes in string(utf8: bytes, into: out) }
    }

    /// The JSON string of UTF-8 `bytes`, escaped as `string` escapes text; writes nothing and
    /// returns false for bytes that are not well-formed UTF-8 (a `String` of them would differ).
    static func string(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: ExportBytes) -> Bool {
        let mark = out.count
        out.append(UInt8(ascii: "\""))
        let count = bytes.count
        var start = 0
        var index = 0
        var ascii = true
        while index < count {
            let byte = bytes[index]
            // Printable ASCII but for the quote and the backslash, and every byte of other characters, stay as they are.
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0x7F {
                if byte >= 0x80 {
                    ascii = false
                    if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                        out.append(bytes[start..<index])
                        out.append(bytes[index + 2] == 0xA8 ? "\\u2028" as StaticString : "\\u2029")
                        index += 3
                        start = index
                        continue
                    }
                }
                index += 1
                continue
            }
            out.append(bytes[start..<index])
            switch byte {
            case UInt8(ascii: "\""): out.append("\\\"" as StaticString)
            case UInt8(ascii: "\\"): out.append("\\\\" as StaticString)
            case 0x0A: out.append("\\n" as StaticString)
            case 0x0D: out.append("\\r" as StaticString)
            case 0x09: out.append("\\t" as StaticString)
            default: unicodeEscape(byte, into: out)
            }
            index += 1
            start = index
        }
        out.append(bytes[start..<count])
        out.append(UInt8(ascii: "\""))
        if !ascii && !UTF8Check.isValid(bytes) {
            out.truncate(to: mark)
            return false
        }
        return true
    }

    /// `\u00XX`, lower-case hex, for a control character or DEL.
    private static func unicodeEscape(_ byte: UInt8, into out: ExportBytes) {
        let hex: StaticString = "0123456789abcdef"
        out.append("\\u00" as StaticString)
        out.append(hex.utf8Start[Int(byte >> 4)])
        out.append(hex.utf8Start[Int(byte & 0x0F)])
    }
}

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
        Self.string(classification.rawValue, into: &out)
        out.append(",\n  \"withheld\": \(withheld),\n  \"tables\": {")
    }

    public mutating func table(_ table: InterchangeTable, columns: [InterchangeColumn]) throws(Failure) {
        closeTable()
        out.append(tables == 0 ? "\n    " : ",\n    ")
        Self.string(table.label, into: &out)
        out.append(": [")
        tables += 1
        rows = 0
        keys = columns.map { column in
            var key = InterchangeOutput<Never> { _ in }
            Self.string(column.name, into: &key)
            key.append(": ")
            return key.bytes
        }
    }

    public mutating func row(_ values: [InterchangeValue]) throws(Failure) {
        out.append(rows == 0 ? "\n      {" : ",\n      {")
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(", ") }
            out.append(keys[index])
            switch value {
            case .null, .invalid: out.append("null")
            case .integer(let number): out.append(number)
            case .text(let text): Self.string(text, into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
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

    /// A JSON string: quotes, backslashes and control characters escaped, and DEL, U+2028 and
    /// U+2029 too, so the text is safe to paste into a script.
    static func string<F>(_ text: String, into out: inout InterchangeOutput<F>) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escape: String
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20, 0x7F: escape = unicodeEscape(UInt32(byte))
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                default: continue
                }
                out.append(bytes[start..<index])
                out.append(escape)
                start = index + (byte == 0xE2 ? 3 : 1)
            }
            out.append(bytes[start...])
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

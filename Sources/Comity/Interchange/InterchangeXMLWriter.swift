/// Writes the XML export as it is read, valid against templates/schemas/export.xsd: one element
/// per table, one `<row>` per record, one element per field; an absent element is an absent value.
public struct InterchangeXMLWriter<Failure: Error>: InterchangeWriter {
    private var out: InterchangeOutput<Failure>
    private var classification = Classification.unclassified
    private var label: String?
    /// `<name>` and `</name>` of each column of the current table.
    private var tags: [(open: [UInt8], close: [UInt8])] = []
    private var rows = 0

    public init(sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        out = InterchangeOutput(sink: sink)
    }

    public mutating func begin(classification: Classification, withheld: Int) throws(Failure) {
        self.classification = classification
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- \(classification.markEnglish) -->\n")
        out.append("<comity-export xmlns=\"\(InterchangeXML.namespace)\" version=\"1\" classification=\"\(classification.rawValue)\" withheld=\"\(withheld)\">\n")
    }

    public mutating func table(_ table: InterchangeTable, columns: [InterchangeColumn]) throws(Failure) {
        closeTable()
        label = table.label
        rows = 0
        out.append("  <\(table.label)")
        tags = columns.map { (Array("<\($0.name)>".utf8), Array("</\($0.name)>".utf8)) }
    }

    public mutating func row(_ values: [InterchangeValue]) throws(Failure) {
        XMLEncoding.row(values, tags: tags, first: rows == 0, into: out.buffer)
        rows += 1
        try out.flushIfFull()
    }

    public mutating func row(cells: InterchangeCells) throws(Failure) {
        XMLEncoding.row(cells, tags: tags, first: rows == 0, into: out.buffer)
        rows += 1
        try out.flushIfFull()
    }

    public mutating func end() throws(Failure) {
        closeTable()
        out.append("</comity-export>\n<!-- \(classification.markEnglish) -->\n")
        try out.flush()
    }

    private mutating func closeTable() {
        guard let label else { return }
        out.append(rows == 0 ? "/>\n" : "  </\(label)>\n")
    }
}

/// The XML export's records and text as bytes, for any sink.
enum XMLEncoding {
    typealias Tags = [(open: [UInt8], close: [UInt8])]

    /// One `<row>`: an element per field present, on a line of its own.
    static func row(_ values: [InterchangeValue], tags: Tags, first: Bool, into out: ExportBytes) {
        out.append(first ? ">\n    <row>" as StaticString : "    <row>")
        for (index, value) in values.enumerated() { field(value, tags[index], into: out) }
        out.append("</row>\n" as StaticString)
    }

    /// One `<row>` read straight from the database, the same bytes as `row` with its values.
    static func row(_ cells: InterchangeCells, tags: Tags, first: Bool, into out: ExportBytes) {
        out.append(first ? ">\n    <row>" as StaticString : "    <row>")
        for index in 0..<cells.count {
            let tag = tags[index]
            switch cells.cell(index) {
            case .null: continue
            case .integer(let number):
                out.append(tag.open)
                out.append(number)
                out.append(tag.close)
            case .text(let bytes):
                let mark = out.count
                out.append(tag.open)
                if escape(utf8: bytes, into: out) {
                    out.append(tag.close)
                } else {
                    out.truncate(to: mark)
                    field(cells.value(index), tag, into: out)
                }
            case .other: field(cells.value(index), tag, into: out)
            }
        }
        out.append("</row>\n" as StaticString)
    }

    /// The element holding `value`; none for an absent value.
    private static func field(_ value: InterchangeValue, _ tag: (open: [UInt8], close: [UInt8]), into out: ExportBytes) {
        switch value {
        case .null, .invalid: return
        case .integer(let number):
            out.append(tag.open)
            out.append(number)
        case .text(let text):
            out.append(tag.open)
            escape(text, into: out)
        }
        out.append(tag.close)
    }

    /// Text content: `&`, `<` and `>` as entities, and a carriage return as a character
    /// reference, which a parser would otherwise turn into a line feed.
    static func escape(_ text: String, into out: ExportBytes) {
        var text = text
        // A String is always well-formed UTF-8.
        _ = text.withUTF8 { bytes in escape(utf8: bytes, into: out) }
    }

    /// The text content of UTF-8 `bytes`, escaped as `escape` escapes text; writes nothing and
    /// returns false for bytes that are not well-formed UTF-8 (a `String` of them would differ).
    static func escape(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: ExportBytes) -> Bool {
        let mark = out.count
        var start = 0
        var ascii = true
        for index in 0..<bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D:
                out.append(bytes[start..<index])
                switch byte {
                case UInt8(ascii: "&"): out.append("&amp;" as StaticString)
                case UInt8(ascii: "<"): out.append("&lt;" as StaticString)
                case UInt8(ascii: ">"): out.append("&gt;" as StaticString)
                default: out.append("&#13;" as StaticString)
                }
                start = index + 1
            case 0x80...: ascii = false
            default: continue
            }
        }
        out.append(bytes[start..<bytes.count])
        if !ascii && !UTF8Check.isValid(bytes) {
            out.truncate(to: mark)
            return false
        }
        return true
    }
}

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
        out.append(rows == 0 ? ">\n    <row>" : "    <row>")
        for (index, value) in values.enumerated() {
            switch value {
            case .null, .invalid: continue
            case .integer(let number):
                out.append(tags[index].open)
                out.append(number)
            case .text(let text):
                out.append(tags[index].open)
                Self.escape(text, into: &out)
            }
            out.append(tags[index].close)
        }
        out.append("</row>\n")
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

    /// Text content: `&`, `<` and `>` as entities, and a carriage return as a character
    /// reference, which a parser would otherwise turn into a line feed.
    static func escape<F>(_ text: String, into out: inout InterchangeOutput<F>) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let entity: String
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case 0x0D: entity = "&#13;"
                default: continue
                }
                out.append(bytes[start..<index])
                out.append(entity)
                start = index + 1
            }
            out.append(bytes[start...])
        }
    }
}

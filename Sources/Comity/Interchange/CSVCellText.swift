/// How a value is written into a CSV cell so that a spreadsheet shows it as text, and read back
/// exactly: the import undoes each step, so export → import → export gives the same bytes.
///
/// - A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
///   formula by a spreadsheet; it is written with a single quote in front (`'=HYPERLINK(…)`), as
///   OWASP's guidance on CSV injection advises. A text that already begins with `'` gets one too,
///   so the import, which takes one leading `'` off every cell, can tell the two apart.
/// - Which cells: every text cell of every table. Numbers (integer columns) are never text and
///   are written as they are, negative or not; dates, codes and states never begin with those
///   characters, so only values a person typed or a counterpart sent are ever changed.
/// - A list (the items of a request, the grounds of a refusal) is one item per line inside its
///   cell; a backslash, line feed or carriage return inside an item is written `\\`, `\n`, `\r`,
///   an empty item `\e`, and a `[` that would open the cell `\[`, so every list, the empty one
///   (an empty cell) included, reads back as it was. A cell that opens with `[` is a JSON list,
///   as exports before this form wrote them and as a file made by hand may give them.
enum CSVCellText {
    /// The characters that make a spreadsheet read a cell as a formula, and the quote that marks one neutralised.
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "'"]

    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, triggers.contains(first) else { return text }
        return "'" + text
    }

    static func restored(_ cell: String) -> String {
        cell.hasPrefix("'") ? String(cell.dropFirst()) : cell
    }

    /// A list as its cell shows it: one item per line.
    static func listCell(_ items: [String]) -> String {
        let cell = items.map { item in
            guard !item.isEmpty else { return "\\e" }
            var out = ""
            for scalar in item.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }.joined(separator: "\n")
        return cell.hasPrefix("[") ? "\\" + cell : cell
    }

    /// The items of a list cell, or nil when it holds an escape that `listCell` never writes.
    static func items(_ cell: String) -> [String]? {
        guard !cell.isEmpty else { return [] }
        if cell.hasPrefix("[") { return StringList.parse(cell) }
        var items: [String] = []
        for line in cell.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "\\e" { items.append(""); continue }
            var item = ""
            var scalars = line.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                guard scalar == "\\" else { item.unicodeScalars.append(scalar); continue }
                switch scalars.next() {
                case "\\": item += "\\"
                case "n": item += "\n"
                case "r": item += "\r"
                case "[": item += "["
                default: return nil
                }
            }
            items.append(item)
        }
        return items
    }
}

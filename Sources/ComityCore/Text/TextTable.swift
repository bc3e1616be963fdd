/// A plain-text table with columns padded to the widest cell, for terminal listings.
///
/// Wide East Asian characters count as two columns so Japanese and Chinese titles line up.
/// Every cell is shown as `TerminalText` shows it: a line break or a control character in a
/// value is an escape, so it can never start a row of its own.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public var rendered: String {
        let all = ([headers] + rows).map { $0.map(TerminalText.shown) }
        let cellWidths = all.map { $0.map(Self.width) }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in cellWidths {
            for (i, width) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], width)
            }
        }
        var text = ""
        for (row, rowWidths) in zip(all, cellWidths) {
            for (i, cell) in row.enumerated() {
                text += cell
                if i < row.count - 1 { text += String(repeating: " ", count: widths[i] - rowWidths[i] + 2) }
            }
            text += "\n"
        }
        return text
    }

    /// Display width in terminal columns.
    public static func width(_ text: String) -> Int {
        // Listings are mostly ASCII: one column a byte.
        var text = text
        if let ascii = text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? bytes.count : nil }) { return ascii }
        return text.unicodeScalars.reduce(0) { sum, s in
            switch s.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
                return sum + 2
            case 0x0300...0x036F, 0x200B...0x200F, 0x202A...0x202E:
                return sum
            default:
                return sum + 1
            }
        }
    }
}

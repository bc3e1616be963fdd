/// A plain-text table with columns padded to the widest cell, for terminal listings.
///
/// Wide East Asian characters count as two columns so Japanese and Chinese titles line up.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public var rendered: String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], Self.width(cell))
            }
        }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                let last = i == row.count - 1
                line += cell + (last ? "" : String(repeating: " ", count: widths[i] - Self.width(cell) + 2))
            }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// Display width in terminal columns.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, s in
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

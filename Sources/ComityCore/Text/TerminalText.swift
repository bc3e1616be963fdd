/// A user value as a terminal shows it: every character that could move the cursor, end a line
/// or turn the text around is written as an escape, so a value can never forge a row of a
/// listing nor rewrite what is already on the screen.
///
///     TerminalText.shown("Not aware\nREPLY 9") == #"Not aware\nREPLY 9"#
///     TerminalText.shown("\u{202E}txt.exe") == #"\u{202E}txt.exe"#
///
/// Escaped: C0 controls (tab, line feed and carriage return as `\t` `\n` `\r`, the others as
/// `\u{1B}`), DEL, C1 controls, the line and paragraph separators U+2028 and U+2029, and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
/// Everything else, a backslash included, is shown as it is.
public enum TerminalText {
    public static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether the terminal would treat `scalar` as something other than a character to show.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// One unfolded iCalendar content line: `NAME;PARAM=VALUE:value` (RFC 5545 §3.1).
struct ICalendarContentLine {
    /// Upper-cased property name.
    let name: String
    /// Upper-cased parameter names with their raw values (quotes removed, lists joined by commas).
    let parameters: [String: String]
    let value: String
    /// Physical line the content line starts on.
    let line: Int

    /// Splits text into content lines, joining folded continuations (lines starting with a space or tab).
    ///
    /// Accepts CRLF, LF or a lone CR, and ignores blank lines, which some exporters add at the end.
    static func unfold(_ text: String) -> [(text: String, line: Int)] {
        var result: [(text: String, line: Int)] = []
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is a single Character in Swift, so it needs its own case.
        let physical = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (index, raw) in physical.enumerated() {
            if let first = raw.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].text += raw.dropFirst()
            } else if !raw.allSatisfy({ $0 == " " || $0 == "\t" }) {
                result.append((String(raw), index + 1))
            }
        }
        return result
    }

    /// Parses one unfolded line, or explains why it is not an iCalendar line.
    static func parse(_ text: String, line: Int) -> Result<ICalendarContentLine, ICalendarProblem> {
        let chars = Array(text)
        var i = 0
        func readName() -> String {
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "-" { i += 1 }
            return String(chars[start..<i]).uppercased()
        }
        let name = readName()
        guard !name.isEmpty else { return .failure(notALine(text, line)) }
        var parameters: [String: String] = [:]
        while i < chars.count, chars[i] == ";" {
            i += 1
            let key = readName()
            guard !key.isEmpty, i < chars.count, chars[i] == "=" else { return .failure(notALine(text, line)) }
            i += 1
            var values: [String] = []
            repeat {
                if i < chars.count, chars[i] == "," { i += 1 }
                var value = ""
                if i < chars.count, chars[i] == "\"" {
                    i += 1
                    while i < chars.count, chars[i] != "\"" { value.append(chars[i]); i += 1 }
                    guard i < chars.count else {
                        return .failure(ICalendarProblem(line: line, "the parameter \(key) of \(name) opens a quote that is never closed; add the closing \" before the colon"))
                    }
                    i += 1
                } else {
                    while i < chars.count, !",;:".contains(chars[i]) { value.append(chars[i]); i += 1 }
                }
                values.append(value)
            } while i < chars.count && chars[i] == ","
            parameters[key] = values.joined(separator: ",")
        }
        guard i < chars.count, chars[i] == ":" else { return .failure(notALine(text, line)) }
        return .success(ICalendarContentLine(name: name, parameters: parameters, value: String(chars[(i + 1)...]), line: line))
    }

    private static func notALine(_ text: String, _ line: Int) -> ICalendarProblem {
        ICalendarProblem(line: line, "'\(printable(text))' is not an iCalendar line; each line must read NAME:value, and a continued line must start with a space")
    }

    /// Undoes TEXT escaping (`\,` `\;` `\n` `\\`), splitting at unescaped commas when `list` is set (CATEGORIES).
    static func unescape(_ text: String, list: Bool = false) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for c in text {
            if escaped {
                switch c {
                case "n", "N": current.append("\n")
                default: current.append(c)  // \, \; \\ and, leniently, any other escaped character
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if list && c == "," {
                items.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        items.append(current)
        return items
    }
}

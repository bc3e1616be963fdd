/// How a correction reads in the history.
extension Event {
    /// `subject: "old" → "new"` for a 'corrected' event (`none` for an absent value); nil for any other.
    public var correctionChange: String? {
        guard action == .corrected, let field else { return nil }
        return "\(field): \(Self.shown(oldValue)) → \(Self.shown(newValue))"
    }

    /// The corrected record and its change: `request JP-MHI-2011-001 subject: "old" → "new"`.
    public var correctionSummary: String {
        "\(subjectType.rawValue) \(subjectID) \(correctionChange ?? action.rawValue)"
    }

    static func shown(_ value: String?) -> String { value.map(quoted) ?? "none" }

    /// Text in quotes with JSON's escapes, so any value reads back unambiguously.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || !TextRule.allows(scalar) {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// A value a template can show: no nil, so every absence is explicit.
///
/// A document that has no counterpart reference passes `""` (or `.flag(false)`,
/// or an empty list) rather than leaving the key out; leaving it out is an error
/// when the template refers to it.
public enum TemplateValue: Sendable, Hashable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Whether a `{{#section}}` shows: non-empty text, any number, `true`, a non-empty list, any object.
    package var isTruthy: Bool {
        switch self {
        case .text(let string): return !string.isEmpty
        case .number: return true
        case .flag(let flag): return flag
        case .list(let items): return !items.isEmpty
        case .object: return true
        }
    }

    /// A short word for messages, e.g. "a list".
    package var kindDescription: String {
        switch self {
        case .text: return "text"
        case .number: return "a number"
        case .flag: return "a yes/no flag"
        case .list: return "a list"
        case .object: return "a group of fields"
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .flag(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue {
    /// Adds `<key>Text` beside every day count (`daysLeft` → `daysLeftText` = "1 day", "45 days"),
    /// so English templates never print "1 days". `days` writes a count; a letter's comes from
    /// its phrase file. A `<key>Text` already present is kept.
    public func withDayPhrases(days: (Int) -> String = dayCount) -> TemplateValue {
        phrased(days) ?? self
    }

    public static func addingDayPhrases(_ fields: [String: TemplateValue], days: (Int) -> String = dayCount) -> [String: TemplateValue] {
        phrased(fields, days) ?? fields
    }

    /// The value with its day phrases, or nil when it holds no day count: a group or list with
    /// none is shared as it is, not copied.
    private func phrased(_ days: (Int) -> String) -> TemplateValue? {
        switch self {
        case .list(let items):
            var result: [TemplateValue]?
            for (index, item) in items.enumerated() {
                guard let phrased = item.phrased(days) else { continue }
                if result == nil { result = items }
                result![index] = phrased
            }
            return result.map(TemplateValue.list)
        case .object(let fields):
            return Self.phrased(fields, days).map(TemplateValue.object)
        default:
            return nil
        }
    }

    private static func phrased(_ fields: [String: TemplateValue], _ days: (Int) -> String) -> [String: TemplateValue]? {
        var result: [String: TemplateValue]?
        for (key, value) in fields {
            switch value {
            case .list, .object:
                guard let phrased = value.phrased(days) else { continue }
                if result == nil { result = fields }
                result![key] = phrased
            case .number(let n) where key.hasPrefix("days") && fields[key + "Text"] == nil:
                if result == nil { result = fields }
                result![key + "Text"] = .text(days(n))
            default:
                continue
            }
        }
        return result
    }
}

/// One cell of an exported table: what SQLite stores, nothing more.
public enum InterchangeValue: Hashable, Sendable, Decodable {
    case null
    case integer(Int64)
    case text(String)
    /// Something a file held that no column can take (a boolean, a fraction, an object); the string says what.
    case invalid(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Int64.self) { self = .integer(value); return }
        if let value = try? container.decode(String.self) { self = .text(value); return }
        if (try? container.decode(Bool.self)) != nil { self = .invalid("a true/false value"); return }
        if (try? container.decode(Double.self)) != nil { self = .invalid("a number with a fraction or out of range"); return }
        if (try? container.decode([InterchangeValue].self)) != nil || (try? container.decode([String: InterchangeValue].self)) != nil {
            self = .invalid("a list or an object")
            return
        }
        // JSON text may not hold raw control characters (NUL among them); they must be escaped.
        self = .invalid("text that cannot be read, holding a raw control character such as NUL")
    }

    var shown: String {
        switch self {
        case .null: return "empty"
        case .integer(let value): return String(value)
        case .text(let value): return "'\(value.count > 60 ? String(value.prefix(60)) + "…" : value)'"
        case .invalid(let what): return what
        }
    }
}

/// A table of the database as the interchange formats see it.
public struct InterchangeTable: Sendable, Hashable {
    /// The SQLite table.
    public let name: String
    /// The name in files: JSON key, CSV file name, XML element.
    public let label: String
    /// The columns that identify a record.
    public let key: [String]
    /// Records that are never changed once written (the history, the letter register).
    public let appendOnly: Bool

    /// Every table, in the order that satisfies foreign keys on import.
    public static let all: [InterchangeTable] = [
        .init(name: "party", label: "parties", key: ["code"], appendOnly: false),
        .init(name: "authority", label: "authorities", key: ["id"], appendOnly: false),
        .init(name: "legal_basis", label: "legal_bases", key: ["id"], appendOnly: false),
        .init(name: "basis_party", label: "basis_bindings", key: ["basis_id", "party"], appendOnly: false),
        .init(name: "case_file", label: "cases", key: ["id"], appendOnly: false),
        .init(name: "request", label: "requests", key: ["reference"], appendOnly: false),
        .init(name: "reply", label: "replies", key: ["id"], appendOnly: false),
        .init(name: "follow_up", label: "follow_ups", key: ["id"], appendOnly: false),
        .init(name: "letter", label: "letters", key: ["number"], appendOnly: true),
        .init(name: "engagement", label: "engagements", key: ["id"], appendOnly: false),
        .init(name: "engagement_outcome", label: "engagement_outcomes", key: ["id"], appendOnly: false),
        .init(name: "setting", label: "settings", key: ["channel", "key"], appendOnly: false),
        .init(name: "holiday", label: "holidays", key: ["party", "date"], appendOnly: false),
        .init(name: "translation", label: "translations", key: ["subject", "subject_id", "field", "lang"], appendOnly: false),
        .init(name: "event", label: "history", key: ["id"], appendOnly: true),
    ]

    public static func labelled(_ label: String) -> InterchangeTable? { all.first { $0.label == label } }
}

/// A column as SQLite declares it.
public struct InterchangeColumn: Sendable, Hashable {
    public let name: String
    public let isInteger: Bool
    public let notNull: Bool
    public let hasDefault: Bool
}

/// One exported table: its columns in declaration order and its rows in key order.
public struct InterchangeTableData: Sendable {
    public let table: InterchangeTable
    public let columns: [InterchangeColumn]
    public let rows: [[InterchangeValue]]
}

/// One record read from a file, with where it came from.
public struct InterchangeRecord: Sendable {
    /// "parties[3]" or "parties.csv line 4".
    public var location: String
    /// Field name → value; fields the file did not have are absent.
    public var fields: [(name: String, value: InterchangeValue)]
    /// The file it came from when a dataset spans several (a CSV folder).
    public var file: String?

    public init(location: String, fields: [(name: String, value: InterchangeValue)], file: String? = nil) {
        self.location = location
        self.fields = fields
        self.file = file
    }
}

/// Everything an import file held, table by table, plus what could not be read at all.
public struct InterchangeDataset: Sendable {
    public var file: String
    public var records: [String: [InterchangeRecord]] = [:]
    public var problems: [InterchangeProblem] = []
    /// An absent value in a required text field is empty text (CSV cells cannot tell the two apart).
    public var emptyCellsAreBlank = false
    /// The form it was read from (json, csv or xml), as the import's audit event names it.
    public var format = "json"

    public init(file: String) { self.file = file }
}

/// A problem in an import file: where, which field, what is wrong.
public struct InterchangeProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var location: String
    public var field: String?
    public var message: String

    public init(file: String, location: String, field: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file): \(location)" + (field.map { " field '\($0)'" } ?? "") + ": \(message)"
    }
}

/// What an import did (or, with --dry-run, would do).
public struct ImportSummary: Sendable, Codable, Hashable {
    public var inserted = 0
    public var skipped = 0
    public var replaced = 0
    public var dryRun = false

    public var text: String {
        (dryRun ? "dry run, nothing written: would insert " : "imported: inserted ")
            + "\(inserted), \(dryRun ? "would replace" : "replaced") \(replaced), skipped \(skipped) identical"
    }
}

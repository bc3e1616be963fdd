import GRDB

/// How the records of one table are checked: its columns found by name and the checks Comity
/// adds to SQLite's. Checking needs no database, so it runs beside the writing.
struct ImportTablePlan: Sendable {
    let table: InterchangeTable
    /// The place of the table in `InterchangeTable.all`.
    let order: Int
    let columns: [InterchangeColumn]
    /// Column name → its place in `columns`.
    let position: [String: Int]
    /// The places of the key columns.
    let key: [Int]
    /// Columns holding a date, in the order their problems are reported.
    let dates: [Int]
    /// Columns holding one of Comity's named values, with the names allowed.
    let choices: [(column: Int, allowed: [String], set: Set<String>)]
    /// The longest text each column takes.
    let limits: [Int]

    init(_ db: Database, _ table: InterchangeTable, order: Int) throws {
        self.table = table
        self.order = order
        columns = try ComityStore.columns(db, table)
        position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        let position = self.position
        key = table.key.compactMap { position[$0] }
        dates = (Self.dateFields[table.name] ?? []).compactMap { position[$0] }
        choices = (Self.choiceFields[table.name] ?? []).compactMap { name, allowed in
            position[name].map { ($0, allowed, Set(allowed)) }
        }
        limits = columns.map { table.name == "letter" && $0.name == "document" ? Self.maximumDocumentLength : Self.maximumTextLength }
    }

    /// The plan of every table, in `InterchangeTable.all` order.
    static func all(_ db: Database) throws -> [ImportTablePlan] {
        try InterchangeTable.all.enumerated().map { try ImportTablePlan(db, $1, order: $0) }
    }

    /// The longest text a field may hold: far above what any command accepts, so only a file
    /// that was not written by Comity reaches it.
    static let maximumTextLength = 65_536
    /// The longest stored letter document.
    static let maximumDocumentLength = 4 << 20

    /// Why a text value cannot be stored, or nil: NUL and other control characters (a tab,
    /// a line feed and a carriage return excepted) and text beyond `limit` characters.
    static func textProblem(_ text: String, limit: Int) -> String? {
        if text.utf8.count > limit, text.count > limit {
            return "is \(text.count) characters long; Comity keeps a field under \(limit)"
        }
        guard let bad = firstControlCharacter(text) else { return nil }
        let hex = String(bad, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return "contains the control character \(code)\(bad == 0 ? " (NUL)" : ""); remove it"
    }

    /// The first control character (Unicode's Cc: U+0000–U+001F and U+007F–U+009F) other than
    /// a tab, a line feed or a carriage return, read off the UTF-8 bytes.
    static func firstControlCharacter(_ text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { bytes -> UInt32? in
            for (index, byte) in bytes.enumerated() {
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && byte != 0x0D { return UInt32(byte) }
                } else if byte == 0x7F {
                    return 0x7F
                } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    return UInt32(bytes[index + 1])
                }
            }
            return nil
        }
    }

    static let dateFields: [String: [String]] = [
        "basis_party": ["from_date"], "case_file": ["incident_date", "discovery_date", "limitation_date"],
        "request": ["sent_date", "preserved_until"], "reply": ["date", "promised_date"], "follow_up": ["date"],
        "letter": ["date"], "engagement": ["start_date", "end_date"], "holiday": ["date"], "event": ["date", "recorded_on"],
    ]

    /// Columns that hold one of Comity's named values; anything else would not read back.
    static let choiceFields: [String: [(String, [String])]] = {
        func names<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [String] where T.RawValue == String { type.allCases.map(\.rawValue) }
        let classification = ("classification", names(Classification.self))
        return [
            "authority": [("role", names(AuthorityRole.self))],
            "legal_basis": [("kind", names(LegalBasisKind.self))],
            "case_file": [classification],
            "request": [("channel", names(Channel.self)), ("urgency", names(Urgency.self)), classification, ("state", names(RequestState.self))],
            "reply": [("kind", names(ReplyKind.self)), classification],
            "follow_up": [("kind", names(EscalationStep.self))],
            "letter": [("kind", names(EscalationStep.self)), ("lang", names(LetterLanguage.self)), ("format", names(DocumentKind.self)), classification],
            "engagement": [("level", names(EngagementLevel.self))],
            "event": [("subject_type", names(Event.Subject.self)), ("action", names(Event.Action.self)),
                      ("from_state", names(RequestState.self)), ("to_state", names(RequestState.self))],
        ]
    }()
}

import GRDB

/// The whole register of issued letters, for a reader cleared to a level.
extension ComityStore {
    /// The newest `limit` letters a reader cleared to `clearance` may see, how many they may see
    /// in all, and how many are left out: those classified above the clearance, and those about a
    /// request withheld from the reader (by itself, its case or a reply).
    func letterRegister(limit: Int, clearance: Classification) throws(ComityError) -> LetterRegister {
        try read { db in
            let hidden = Self.hiddenLetterCondition(clearance)
            let visible = hidden.map { "NOT \($0)" } ?? "1"
            let arguments: StatementArguments = hidden == nil ? [] : ["9999-12-31"]
            let entries = try Array(LetterEntry.cursor(
                db.makeStatement(sql: """
                    SELECT \(LetterEntry.selectList(from: "l", replacing: [.document: "''"])) FROM letter l
                    WHERE \(visible) ORDER BY l.date DESC, l.sender, l.sequence DESC LIMIT \(max(0, limit))
                    """),
                arguments: arguments))
            let shown = try Int.fetchOne(db, sql: "SELECT count(*) FROM letter l WHERE \(visible)", arguments: arguments) ?? 0
            let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM letter") ?? 0
            return LetterRegister(entries: entries, total: shown, withheld: all - shown)
        }
    }

    /// True for a letter `l` the reader may not see; nil when nothing is above the clearance.
    private static func hiddenLetterCondition(_ clearance: Classification) -> String? {
        guard let above = levelsAbove(clearance), let withheld = withheldCondition(clearance) else { return nil }
        return "(l.classification IN (\(above)) OR EXISTS (SELECT 1 FROM request r WHERE r.reference = l.request_ref AND \(withheld)))"
    }
}

/// A page of the register of issued letters: the newest entries a reader may see, how many they
/// may see in all, and how many are withheld for their clearance.
public struct LetterRegister: Sendable {
    public var entries: [LetterEntry]
    public var total: Int
    public var withheld: Int
}

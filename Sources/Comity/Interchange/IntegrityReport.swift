/// What `ComityStore.check()` found: SQLite's own checks plus Comity's invariants.
public struct IntegrityReport: Codable, Sendable {
    /// Every problem found, one sentence each; empty when the database is sound.
    public var problems: [String]
    public var requests: Int
    public var events: Int
    public var letters: Int

    public var isSound: Bool { problems.isEmpty }

    /// "ok: …" summary line for a sound database.
    public var summary: String {
        "ok: integrity and foreign keys checked; every record of every table reads back and keeps the rules of its kind; "
            + "\(requests) request histories replay to their states; "
            + "letter register of \(letters) letters gapless; \(events) events, append-only triggers in place"
    }
}

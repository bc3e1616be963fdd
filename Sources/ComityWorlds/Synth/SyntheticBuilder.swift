@_spi(Worlds) import Comity
import GRDB

/// Writes a synthetic world row by row with prepared statements, mirroring what the
/// store records when a clerk enters the same facts one by one.
struct SyntheticBuilder {
    let db: Database
    let world: SyntheticWorld
    var rng: SeededGenerator
    let clerk: Clerk
    let start: CalendarDate

    /// Every party, the most active first.
    var parties: [String] = []
    var names: [String: String] = [:]
    var counterpartWeights: [Double] = []
    /// The states whose embassies the world has: ours.
    var requesters: [String] = []
    /// Bilateral treaties by ordered pair "AA-BB".
    var treaties: [String: String] = [:]
    /// Parties of the cybercrime convention.
    var budapest: Set<String> = []
    /// Embassies by "ours-theirs".
    var embassies: Set<String> = []
    var pendingLetters: [LetterSpec] = []
    var summary = SyntheticWorld.Summary()

    private let insertEvent: Statement
    private let insertReply: Statement
    private let insertFollowUp: Statement

    init(_ db: Database, world: SyntheticWorld) throws {
        self.db = db
        self.world = world
        rng = SeededGenerator(seed: world.seed)
        clerk = Clerk(name: "synth", today: world.today)
        start = (try? CalendarDate(year: world.today.year - world.years, month: world.today.month, day: 1)) ?? world.today
        insertEvent = try db.makeStatement(sql: """
            INSERT INTO event (subject_type, subject_id, action, date, recorded_on, actor, from_state, to_state, reply_id, note)
            VALUES (?, ?, ?, ?, ?, 'synth', ?, ?, ?, ?)
            """)
        insertReply = try db.makeStatement(sql: """
            INSERT INTO reply (request_ref, date, from_authority, kind, summary, promised_date, refusal_grounds, classification)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFollowUp = try db.makeStatement(sql: """
            INSERT INTO follow_up (request_ref, date, kind, reference, restarts_clock, note) VALUES (?, ?, ?, '', 0, ?)
            """)
    }

    /// Logs an event the way the store does, recorded on the day it happened.
    mutating func log(_ subject: Event.Subject, _ id: String, _ action: Event.Action, on date: CalendarDate,
                      from: RequestState? = nil, to: RequestState? = nil, replyID: Int64? = nil, note: String = "") throws {
        try insertEvent.execute(arguments: [subject.rawValue, id, action.rawValue, date, date, from?.rawValue, to?.rawValue, replyID, note])
    }

    mutating func reply(_ reference: String, on date: CalendarDate, from authority: String, kind: ReplyKind,
                        promised: CalendarDate?, grounds: [RefusalGround], classification: Classification) throws -> Int64 {
        try insertReply.execute(arguments: [
            reference, date, authority, kind.rawValue, SyntheticCatalogue.summary(kind), promised,
            grounds.isEmpty ? "[]" : Comity.JSONColumn.encode(grounds), classification.rawValue,
        ])
        summary.replies += 1
        return db.lastInsertedRowID
    }

    mutating func followUp(_ reference: String, on date: CalendarDate, kind: EscalationStep) throws {
        try insertFollowUp.execute(arguments: [reference, date, kind.rawValue, ""])
        try log(.request, reference, .followUp, on: date, note: kind.title.lowercased())
    }

    /// The counts kept while writing, completed from the tables for what the store wrote itself
    /// (issued letters add follow-ups and events).
    func finalSummary() throws -> SyntheticWorld.Summary {
        var s = summary
        s.requests = try Int.fetchOne(db, sql: "SELECT count(*) FROM request")!
        s.events = try Int.fetchOne(db, sql: "SELECT count(*) FROM event")!
        s.followUps = try Int.fetchOne(db, sql: "SELECT count(*) FROM follow_up")!
        s.letters = try Int.fetchOne(db, sql: "SELECT count(*) FROM letter")!
        let open = RequestState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ",")
        s.openRequests = try Int.fetchOne(db, sql: "SELECT count(*) FROM request WHERE state IN (\(open))")!
        return s
    }
}

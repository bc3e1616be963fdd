import GRDB

/// Follow-ups we sent: reminders, notes, démarches, points raised at meetings.
extension ComityStore {
    /// Records a follow-up sent about a request; a resend restarts the response clock.
    @discardableResult
    func addFollowUp(_ followUp: FollowUp, clearance: Classification = .secret, by clerk: Clerk) throws(ComityError) -> FollowUp {
        try checked { () throws(ValidationFailure) in try followUp.validate(today: clerk.today) }
        return try write { db in
            _ = try Self.requireWritable(db, followUp.requestReference, clearance: clearance)
            return try Self.insertFollowUp(db, followUp, by: clerk)
        }
    }

    static func insertFollowUp(_ db: Database, _ followUp: FollowUp, by clerk: Clerk) throws -> FollowUp {
            let request = try Self.request(db, followUp.requestReference)
            var known = DatabaseLookup(db: db)
            try RecordRules.check(followUp, in: &known)
            guard request.state.isOpen else {
                throw ValidationFailure("request \(request.reference) is \(request.state.rawValue), a final state; there is nothing to follow up")
            }
            try Self.checkChronology(db, request, date: followUp.date, clerk: clerk, what: "the follow-up")
            var stored = followUp
            try stored.insert(db)
            let label = followUp.restartsClock ? "resent the request" : followUp.kind.title.lowercased()
            try Self.log(db, .request, request.reference, .followUp, on: followUp.date, by: clerk,
                         note: [label, followUp.reference, followUp.note].filter { !$0.isEmpty }.joined(separator: "; "))
            return stored
    }

    func followUps(of reference: String) throws(ComityError) -> [FollowUp] {
        try read { db in
            _ = try Self.request(db, reference)
            return try FollowUp.filter(Column("request_ref") == reference).order(Column("date"), Column("id")).fetchAll(db)
        }
    }
}

extension EscalationStep: DatabaseValueConvertible {}
extension LetterKind: DatabaseValueConvertible {}

extension FollowUp: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "follow_up"
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["request_ref"] = requestReference
        container["date"] = date
        container["kind"] = kind
        container["reference"] = reference
        container["restarts_clock"] = restartsClock
        container["note"] = note
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

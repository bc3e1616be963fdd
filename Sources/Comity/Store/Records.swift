import Foundation
import GRDB

// Row mapping is written by hand: it is explicit about column names and faster than Codable.

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CalendarDate? {
        String.fromDatabaseValue(dbValue).flatMap { try? CalendarDate(iso: $0) }
    }
}

extension RequestState: DatabaseValueConvertible {}
extension ReplyKind: DatabaseValueConvertible {}
extension Channel: DatabaseValueConvertible {}
extension Classification: DatabaseValueConvertible {}
extension Urgency: DatabaseValueConvertible {}
extension AuthorityRole: DatabaseValueConvertible {}
extension LegalBasisKind: DatabaseValueConvertible {}
extension EngagementLevel: DatabaseValueConvertible {}
extension PeriodUnit: DatabaseValueConvertible {}
extension Event.Action: DatabaseValueConvertible {}
extension Event.Subject: DatabaseValueConvertible {}

/// JSON text for list-valued columns.
@_spi(Worlds) public enum JSONColumn {
    @_spi(Worlds) public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable & RangeReplaceableCollection>(_ type: T.Type, _ text: String?) -> T? {
        // Most lists are empty; skip the decoder for them.
        if text == "[]" { return T() }
        return decodeAny(type, text)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? { decodeAny(type, text) }

    private static func decodeAny<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

extension Party: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "party"
    public init(row: Row) {
        self.init(code: row["code"], name: row["name"], formalName: row["formal_name"], nameJa: row["name_ja"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["code"] = code
        container["name"] = name
        container["formal_name"] = formalName
        container["name_ja"] = nameJa
    }
}

extension Authority: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "authority"
    public init(row: Row) {
        self.init(
            id: row["id"], party: row["party"], name: row["name"], role: row["role"],
            nameJa: row["name_ja"], city: row["city"], postedTo: row["posted_to"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["party"] = party
        container["name"] = name
        container["role"] = role
        container["name_ja"] = nameJa
        container["city"] = city
        container["posted_to"] = postedTo
    }
}

extension Case: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "case_file"
    public init(row: Row) {
        self.init(
            id: row["id"], title: row["title"], leadAuthority: row["lead_authority"], offence: row["offence"],
            incidentDate: row["incident_date"], discoveryDate: row["discovery_date"],
            limitationDate: row["limitation_date"], classification: row["classification"], note: row["note"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["title"] = title
        container["lead_authority"] = leadAuthority
        container["offence"] = offence
        container["incident_date"] = incidentDate
        container["discovery_date"] = discoveryDate
        container["limitation_date"] = limitationDate
        container["classification"] = classification
        container["note"] = note
    }
}

extension Request: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "request"
    public init(row: Row) {
        self.init(
            reference: row["reference"], caseID: row["case_id"], fromAuthority: row["from_authority"],
            toAuthority: row["to_authority"], channel: row["channel"], basisID: row["basis_id"],
            subject: row["subject"], items: JSONColumn.decode([String].self, row["items"]) ?? [],
            urgency: row["urgency"], classification: row["classification"], sentDate: row["sent_date"],
            counterpartReference: row["counterpart_reference"], state: row["state"],
            preservedUntil: row["preserved_until"], note: row["note"], subjectJa: row["subject_ja"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["reference"] = reference
        container["case_id"] = caseID
        container["from_authority"] = fromAuthority
        container["to_authority"] = toAuthority
        container["channel"] = channel
        container["basis_id"] = basisID
        container["subject"] = subject
        container["subject_ja"] = subjectJa
        container["items"] = JSONColumn.encode(items)
        container["urgency"] = urgency
        container["classification"] = classification
        container["sent_date"] = sentDate
        container["counterpart_reference"] = counterpartReference
        container["state"] = state
        container["preserved_until"] = preservedUntil
        container["note"] = note
    }
}

extension Reply: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "reply"
    public init(row: Row) {
        self.init(
            id: row["id"], requestReference: row["request_ref"], date: row["date"],
            fromAuthority: row["from_authority"], kind: row["kind"], summary: row["summary"],
            promisedDate: row["promised_date"],
            refusalGrounds: JSONColumn.decode([RefusalGround].self, row["refusal_grounds"]) ?? [],
            classification: row["classification"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["request_ref"] = requestReference
        container["date"] = date
        container["from_authority"] = fromAuthority
        container["kind"] = kind
        container["summary"] = summary
        container["promised_date"] = promisedDate
        container["refusal_grounds"] = JSONColumn.encode(refusalGrounds)
        container["classification"] = classification
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Engagement: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "engagement"
    public init(row: Row) {
        self.init(
            id: row["id"], counterpart: row["counterpart"], startDate: row["start_date"], endDate: row["end_date"],
            level: row["level"], title: row["title"], place: row["place"], note: row["note"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["counterpart"] = counterpart
        container["start_date"] = startDate
        container["end_date"] = endDate
        container["level"] = level
        container["title"] = title
        container["place"] = place
        container["note"] = note
    }
}

extension Event: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"
    public init(row: Row) {
        self.init(
            id: row["id"], subjectType: row["subject_type"], subjectID: row["subject_id"], action: row["action"],
            date: row["date"], recordedOn: row["recorded_on"], actor: row["actor"],
            fromState: row["from_state"], toState: row["to_state"], replyID: row["reply_id"], note: row["note"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["subject_type"] = subjectType
        container["subject_id"] = subjectID
        container["action"] = action
        container["date"] = date
        container["recorded_on"] = recordedOn
        container["actor"] = actor
        container["from_state"] = fromState
        container["to_state"] = toState
        container["reply_id"] = replyID
        container["note"] = note
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LegalBasis {
    static func fetchAll(_ db: Database, id: String? = nil) throws -> [LegalBasis] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM legal_basis" + (id == nil ? " ORDER BY id" : " WHERE id = ?"),
            arguments: id.map { [$0] } ?? [])
        return try rows.map { row in
            let basisID: String = row["id"]
            let bindings = try Row.fetchAll(
                db, sql: "SELECT party, from_date FROM basis_party WHERE basis_id = ? ORDER BY from_date, party",
                arguments: [basisID]
            ).map { Binding(party: $0["party"], from: $0["from_date"]) }
            let days: Int? = row["response_days"]
            let unit: PeriodUnit? = row["response_unit"]
            return LegalBasis(
                id: basisID, instrument: row["instrument"], instrumentJa: row["instrument_ja"], kind: row["kind"],
                responsePeriod: days.map { Period(days: $0, unit: unit ?? .calendar) },
                parties: bindings, note: row["note"])
        }
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO legal_basis (id, instrument, instrument_ja, kind, response_days, response_unit, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, instrument, instrumentJa, kind, responsePeriod?.days, responsePeriod?.unit, note])
        for binding in parties {
            try db.execute(
                sql: "INSERT INTO basis_party (basis_id, party, from_date) VALUES (?, ?, ?)",
                arguments: [id, binding.party, binding.from])
        }
    }
}

import Foundation
import GRDB

// Row mapping is written by hand: it is explicit about column names and faster than Codable.
// Each record reads its row through its one decoder (Records+Columns.swift), which refuses a
// damaged value instead of trapping on it.

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CalendarDate? {
        String.fromDatabaseValue(dbValue).flatMap { try? CalendarDate(iso: $0) }
    }
}

extension ReportedDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ReportedDate? {
        String.fromDatabaseValue(dbValue).flatMap { try? ReportedDate(iso: $0) }
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

    /// A JSON list of texts for a statement to read with `json_each` (a list of references):
    /// written directly, with no encoder per list, since a large query passes thousands.
    static func list(_ texts: some Collection<String>) -> String {
        String(decoding: JSONStreamWriter.bytes { writer in
            writer.beginArray()
            for text in texts { writer.value(text) }
            writer.endArray()
        }, as: UTF8.self)
    }

    /// The JSON list of `T` in `text`, or nil when it holds anything else. Read by the parser
    /// import reads the same columns with, so what one accepts the other does.
    static func list<T: ListElement>(_ type: T.Type, _ text: UnsafeRawBufferPointer) -> [T]? {
        guard let texts = StringList.parse(text) else { return nil }
        var list: [T] = []
        list.reserveCapacity(texts.count)
        for text in texts {
            guard let element = T(listText: text) else { return nil }
            list.append(element)
        }
        return list
    }
}

/// What a list-valued column holds: texts, or values named by texts.
protocol ListElement {
    init?(listText: String)
}

extension String: ListElement {
    init?(listText: String) { self = listText }
}

extension RefusalGround: ListElement {
    init?(listText: String) { self.init(rawValue: listText) }
}

extension Party: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "party"
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
    public func encode(to container: inout PersistenceContainer) {
        container["code"] = code
        container["name"] = name
        container["formal_name"] = formalName
    }
}

extension Authority: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "authority"
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["party"] = party
        container["name"] = name
        container["role"] = role
        container["city"] = city
        container["posted_to"] = postedTo
        container["head_title"] = head.title
        container["head_name"] = head.name
    }
}

extension Case: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "case_file"
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
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
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
    public func encode(to container: inout PersistenceContainer) {
        container["reference"] = reference
        container["case_id"] = caseID
        container["from_authority"] = fromAuthority
        container["to_authority"] = toAuthority
        container["channel"] = channel
        container["basis_id"] = basisID
        container["subject"] = subject
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
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
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
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
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
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
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
        container["field"] = field
        container["old_value"] = oldValue
        container["new_value"] = newValue
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LegalBasis {
    static func fetchAll(_ db: Database, id: String? = nil) throws -> [LegalBasis] {
        let bases = try LegalBasis.cursor(
            db.cachedStatement(sql: "SELECT \(selectList()) FROM legal_basis" + (id == nil ? " ORDER BY id" : " WHERE id = ?")),
            arguments: id.map { [$0] } ?? [])
        var result: [LegalBasis] = []
        while var basis = try bases.next() {
            basis.parties = try Array(Binding.cursor(
                db.cachedStatement(sql: "SELECT \(Binding.selectList()) FROM basis_party WHERE basis_id = ? ORDER BY from_date, party"),
                arguments: [basis.id]))
            result.append(basis)
        }
        return result
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO legal_basis (id, instrument, kind, response_days, response_unit, note) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [id, instrument, kind, responsePeriod?.days, responsePeriod?.unit, note])
        for binding in parties {
            try db.execute(
                sql: "INSERT INTO basis_party (basis_id, party, from_date) VALUES (?, ?, ?)",
                arguments: [id, binding.party, binding.from])
        }
    }
}

extension EngagementOutcome: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "engagement_outcome"
    public init(row: Row) throws { try self.init(RowReader<Self>(row)) }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["engagement_id"] = engagementID
        container["request_ref"] = requestReference
        container["date"] = date
        container["raised"] = raised
        container["raised_by"] = raisedBy
        container["response"] = response
        container["commitment"] = commitment
        container["commitment_date"] = commitmentDate
        container["note"] = note
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

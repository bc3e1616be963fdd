import GRDB

/// Records read by column position straight from SQLite, for queries that read thousands of
/// them (a letter batch reads every stalled request's): each type's `columns` lists what its
/// `init(_:)` reads, in that order.
extension Request {
    static let columns = """
        reference, case_id, from_authority, to_authority, channel, basis_id, subject, items, urgency, classification,
        sent_date, counterpart_reference, state, preserved_until, note, subject_ja
        """

    init(_ c: ColumnReader) throws(ComityError) {
        self.init(
            reference: c.string(0), caseID: c.string(1), fromAuthority: c.string(2), toAuthority: c.string(3),
            channel: try c.value(4), basisID: c.optionalString(5), subject: c.string(6),
            items: JSONColumn.decode([String].self, c.optionalString(7)) ?? [], urgency: try c.value(8),
            classification: try c.value(9), sentDate: try c.optionalDate(10), counterpartReference: c.optionalString(11),
            state: try c.value(12), preservedUntil: try c.optionalDate(13), note: c.string(14), subjectJa: c.optionalString(15))
    }
}

extension Case {
    static let columns = "id, title, lead_authority, offence, incident_date, discovery_date, limitation_date, classification, note"

    init(_ c: ColumnReader) throws(ComityError) {
        self.init(
            id: c.string(0), title: c.string(1), leadAuthority: c.string(2), offence: c.string(3),
            incidentDate: try c.date(4), discoveryDate: try c.date(5), limitationDate: try c.optionalDate(6),
            classification: try c.value(7), note: c.string(8))
    }
}

extension Reply {
    static let columns = "id, request_ref, date, from_authority, kind, summary, promised_date, refusal_grounds, classification"

    init(_ c: ColumnReader) throws(ComityError) {
        self.init(
            id: Int64(c.int(0)), requestReference: c.string(1), date: try c.date(2), fromAuthority: c.optionalString(3),
            kind: try c.value(4), summary: c.string(5), promisedDate: try c.optionalDate(6),
            refusalGrounds: JSONColumn.decode([RefusalGround].self, c.optionalString(7)) ?? [], classification: try c.value(8))
    }
}

extension FollowUp {
    static let columns = "id, request_ref, date, kind, reference, restarts_clock, note"

    init(_ c: ColumnReader) throws(ComityError) {
        self.init(
            id: Int64(c.int(0)), requestReference: c.string(1), date: try c.date(2), kind: try c.value(3),
            reference: c.string(4), restartsClock: c.bool(5), note: c.string(6))
    }
}

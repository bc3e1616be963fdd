/// Every table's columns, defined once, and each record's one decoder (see `StoredRecord`).
///
/// The order of a `StoredColumn` enumeration is the order a positional reader's `SELECT`
/// lists the columns in (`selectList`); a new column is a new case, read in the decoder.
extension Party: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case code, name, formal_name
        static let names = allNames()
    }
    static let recordName = "party"
    static let keyColumns: [StoredColumn] = [.code]

    init(_ c: some CellReader<Party>) throws(ComityError) {
        self.init(code: try c.string(.code), name: try c.string(.name), formalName: try c.string(.formal_name))
    }
}

extension Authority: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, party, name, role, city, posted_to, head_title, head_name
        static let names = allNames()
    }
    static let recordName = "authority"
    static let keyColumns: [StoredColumn] = [.id]

    init(_ c: some CellReader<Authority>) throws(ComityError) {
        self.init(
            id: try c.string(.id), party: try c.string(.party), name: try c.string(.name), role: try c.value(.role),
            city: try c.optionalString(.city), postedTo: try c.optionalString(.posted_to),
            head: Head(title: try c.optionalString(.head_title), name: try c.optionalString(.head_name)))
    }
}

extension LegalBasis: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, instrument, kind, response_days, response_unit, note
        static let names = allNames()
    }
    static let databaseTableName = "legal_basis"
    static let recordName = "legal basis"
    static let keyColumns: [StoredColumn] = [.id]

    /// The basis without its parties, which are rows of `basis_party` (`Binding`).
    init(_ c: some CellReader<LegalBasis>) throws(ComityError) {
        let days = try c.optionalInt(.response_days)
        if let days, days <= 0 { throw c.damaged(.response_days, "holds \(days) where a number of days from 1 belongs") }
        let unit: PeriodUnit? = try c.optionalValue(.response_unit)
        self.init(
            id: try c.string(.id), instrument: try c.string(.instrument),
            kind: try c.value(.kind), responsePeriod: days.map { Period(days: $0, unit: unit ?? .calendar) }, parties: [],
            note: try c.string(.note))
    }
}

extension LegalBasis.Binding: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case basis_id, party, from_date
        static let names = allNames()
    }
    static let databaseTableName = "basis_party"
    static let recordName = "legal basis party"
    static let keyColumns: [StoredColumn] = [.basis_id, .party]

    init(_ c: some CellReader<LegalBasis.Binding>) throws(ComityError) {
        try c.requireText(.basis_id)
        self.init(party: try c.string(.party), from: try c.date(.from_date))
    }
}

extension Case: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, title, lead_authority, offence, incident_date, discovery_date, limitation_date, classification, note
        static let names = allNames()
    }
    static let recordName = "case"
    static let keyColumns: [StoredColumn] = [.id]

    init(_ c: some CellReader<Case>) throws(ComityError) {
        self.init(
            id: try c.string(.id), title: try c.string(.title), leadAuthority: try c.string(.lead_authority),
            offence: try c.string(.offence), incident: try c.optionalString(.incident_date).map { text throws(ComityError) in try Self.reported(text, c, .incident_date) },
            discovered: try Self.reported(try c.string(.discovery_date), c, .discovery_date),
            limitationDate: try c.optionalDate(.limitation_date), classification: try c.value(.classification), note: try c.string(.note))
    }
}

extension Case {
    /// A stored date as reported, or the refusal naming the column.
    static func reported(_ text: String, _ c: some CellReader<Case>, _ column: StoredColumn) throws(ComityError) -> ReportedDate {
        do { return try ReportedDate(iso: text) } catch {
            guard case .malformed = error else { throw c.damaged(column, Damage.date(error)) }
            throw c.damaged(column, "holds '\(printable(text))', which is not a date written YYYY-MM-DD, YYYY-MM or YYYY")
        }
    }
}

extension Request: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case reference, case_id, from_authority, to_authority, channel, basis_id, subject, items, urgency, classification,
             sent_date, counterpart_reference, state, preserved_until, note
        static let names = allNames()
    }
    static let recordName = "request"
    static let keyColumns: [StoredColumn] = [.reference]

    init(_ c: some CellReader<Request>) throws(ComityError) {
        self.init(
            reference: try c.string(.reference), caseID: try c.string(.case_id), fromAuthority: try c.string(.from_authority),
            toAuthority: try c.string(.to_authority), channel: try c.value(.channel), basisID: try c.optionalString(.basis_id),
            subject: try c.string(.subject), items: try c.list(.items, of: "texts"), urgency: try c.value(.urgency),
            classification: try c.value(.classification), sentDate: try c.optionalDate(.sent_date),
            counterpartReference: try c.optionalString(.counterpart_reference), state: try c.value(.state),
            preservedUntil: try c.optionalDate(.preserved_until), note: try c.string(.note))
    }
}

extension Reply: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, request_ref, date, from_authority, kind, summary, promised_date, refusal_grounds, classification
        static let names = allNames()
    }
    static let recordName = "reply"
    static let keyColumns: [StoredColumn] = [.id]

    init(_ c: some CellReader<Reply>) throws(ComityError) {
        self.init(
            id: try c.integer(.id), requestReference: try c.string(.request_ref), date: try c.date(.date),
            fromAuthority: try c.optionalString(.from_authority), kind: try c.value(.kind), summary: try c.string(.summary),
            promisedDate: try c.optionalDate(.promised_date), refusalGrounds: try c.list(.refusal_grounds, of: "refusal grounds"),
            classification: try c.value(.classification))
    }
}

extension Engagement: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, counterpart, start_date, end_date, level, title, place, note
        static let names = allNames()
    }
    static let recordName = "engagement"
    static let keyColumns: [StoredColumn] = [.id]

    init(_ c: some CellReader<Engagement>) throws(ComityError) {
        self.init(
            id: try c.string(.id), counterpart: try c.string(.counterpart), startDate: try c.date(.start_date),
            endDate: try c.date(.end_date), level: try c.value(.level), title: try c.string(.title), place: try c.string(.place),
            note: try c.string(.note))
    }
}

extension Event: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, subject_type, subject_id, action, date, recorded_on, actor, from_state, to_state, reply_id, note,
             field, old_value, new_value
        static let names = allNames()
    }
    static let recordName = "history event"
    static let keyColumns: [StoredColumn] = [.id]

    /// A move must say where it went (`to_state`); other events may leave both states out.
    init(_ c: some CellReader<Event>) throws(ComityError) {
        self.init(
            id: try c.integer(.id), subjectType: try c.value(.subject_type), subjectID: try c.string(.subject_id),
            action: try c.value(.action), date: try c.date(.date), recordedOn: try c.date(.recorded_on), actor: try c.string(.actor),
            fromState: try c.optionalValue(.from_state), toState: try c.optionalValue(.to_state), replyID: try c.optionalInteger(.reply_id),
            note: try c.string(.note), field: try c.optionalString(.field), oldValue: try c.optionalString(.old_value),
            newValue: try c.optionalString(.new_value))
        if action == .moved && toState == nil { throw c.damaged(.to_state, Damage.null) }
        if action == .corrected && field == nil { throw c.damaged(.field, Damage.null) }
    }
}

extension FollowUp: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, request_ref, date, kind, reference, restarts_clock, note
        static let names = allNames()
    }
    static let recordName = "follow-up"
    static let keyColumns: [StoredColumn] = [.id]

    init(_ c: some CellReader<FollowUp>) throws(ComityError) {
        self.init(
            id: try c.integer(.id), requestReference: try c.string(.request_ref), date: try c.date(.date), kind: try c.value(.kind),
            reference: try c.string(.reference), restartsClock: try c.flag(.restarts_clock), note: try c.string(.note))
    }
}

extension EngagementOutcome: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case id, engagement_id, request_ref, date, raised, raised_by, response, commitment, commitment_date, note
        static let names = allNames()
    }
    static let recordName = "engagement outcome"
    static let keyColumns: [StoredColumn] = [.id]

    init(_ c: some CellReader<EngagementOutcome>) throws(ComityError) {
        self.init(
            id: try c.integer(.id), engagementID: try c.string(.engagement_id), requestReference: try c.string(.request_ref),
            date: try c.date(.date), raised: try c.flag(.raised), raisedBy: try c.string(.raised_by), response: try c.string(.response),
            commitment: try c.string(.commitment), commitmentDate: try c.optionalDate(.commitment_date), note: try c.string(.note))
    }
}

extension StoredSetting: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case channel, key, value
        static let names = allNames()
    }
    static let databaseTableName = "setting"
    static let recordName = "setting"
    static let keyColumns: [StoredColumn] = [.channel, .key]

    /// A setting Comity can apply: for every channel (`*`) or a known one, a known key, and a
    /// value that key accepts, as `settings set` stores them.
    init(_ c: some CellReader<StoredSetting>) throws(ComityError) {
        self.init(channel: try c.string(.channel), key: try c.string(.key), value: try c.string(.value))
        guard channel == "*" || Channel(rawValue: channel) != nil else {
            throw c.damaged(.channel, "holds '\(printable(channel))', which is neither * nor one of \(Channel.columnValues.names)")
        }
        if key == ComityStore.clearanceKey {
            guard channel == "*" else { throw c.damaged(.channel, "holds '\(printable(channel))', but the clearance holds for every channel (*)") }
            guard Classification(rawValue: value) != nil else { throw c.damaged(.value, Damage.unknown(value, Classification.self)) }
            return
        }
        if key == StoredSetting.ourStateKey {
            guard channel == "*" else { throw c.damaged(.channel, "holds '\(printable(channel))', but the desk's state holds for every channel (*)") }
            guard (try? Party.validCode(value)) == value else {
                throw c.damaged(.value, "holds '\(printable(value))', which is not an upper-case ISO 3166-1 alpha-2 code")
            }
            return
        }
        guard StallSettings.keys.contains(key) else {
            throw c.damaged(.key, "holds '\(printable(key))', which is not a setting Comity knows")
        }
        var probe = StallSettings.defaults(for: nil)
        do { try probe.apply(key: key, value: value) } catch {
            throw c.damaged(.value, "holds '\(printable(value))', which is not a value \(key) accepts")
        }
    }
}

extension HolidayEntry: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case party, date, name, working_day
        static let names = allNames()
    }
    static let databaseTableName = "holiday"
    static let recordName = "holiday"
    static let keyColumns: [StoredColumn] = [.party, .date]

    init(_ c: some CellReader<HolidayEntry>) throws(ComityError) {
        try c.requireText(.party)
        self.init(date: try c.date(.date), name: try c.string(.name), isWorkingDay: try c.flag(.working_day))
    }
}

extension LetterEntry: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date, classification, sha256, document
        static let names = allNames()
    }
    static let databaseTableName = "letter"
    static let recordName = "letter"
    static let keyColumns: [StoredColumn] = [.number]

    /// The entry; the register's numbering and the document are checked but not kept
    /// (a listing reads `''` in the document's place).
    init(_ c: some CellReader<LetterEntry>) throws(ComityError) {
        _ = try c.integer(.year)
        _ = try c.integer(.sequence)
        _ = try c.optionalInteger(.follow_up_id)
        try c.requireText(.document)
        self.init(
            number: try c.string(.number), requestReference: try c.string(.request_ref), sender: try c.string(.sender),
            kind: try c.value(.kind), language: try c.language(.lang), format: try c.string(.format), date: try c.date(.date),
            classification: try c.value(.classification), sha256: try c.string(.sha256))
    }
}

extension Translation: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case subject, subject_id, field, lang, value
        static let names = allNames()
    }
    static let databaseTableName = "translation"
    static let recordName = "translation"
    static let keyColumns: [StoredColumn] = [.subject, .subject_id, .field, .lang]

    /// A list field's value is a JSON list of texts, as the items column keeps it.
    init(_ c: some CellReader<Translation>) throws(ComityError) {
        let field: TranslatedField = try c.value(.field)
        self.init(try c.value(.subject), try c.string(.subject_id), field, lang: try c.string(.lang),
                  value: field.isList ? try c.list(.value, of: "texts") : [try c.string(.value)])
    }
}

/// Every stored record type, in the order `comity check` reads their tables.
var storedRecordTypes: [any DecodedRecord.Type] {
    [
        Party.self, Authority.self, LegalBasis.self, LegalBasis.Binding.self, Case.self, Request.self, Reply.self,
        Engagement.self, Event.self, FollowUp.self, StoredSetting.self, HolidayEntry.self, LetterEntry.self, EngagementOutcome.self,
        Translation.self, User.self,
    ]
}

extension User: DecodedRecord {
    enum StoredColumn: Int32, RecordColumn {
        case name, display_name, role, clearance, password_hash, disabled, last_seen_event
        static let names = allNames()
    }
    static let databaseTableName = "user_account"
    static let recordName = "account"
    static let keyColumns: [StoredColumn] = [.name]

    /// The account; its password hash is checked to be a bcrypt hash but never kept in the value.
    init(_ c: some CellReader<User>) throws(ComityError) {
        let hash = try c.string(.password_hash)
        guard hash.hasPrefix("$2"), hash.utf8.count == 60 else {
            throw c.damaged(.password_hash, "is not a bcrypt hash; set the password again with 'comity user passwd'")
        }
        _ = try c.integer(.last_seen_event)
        let disabled = try c.integer(.disabled)
        guard disabled == 0 || disabled == 1 else { throw c.damaged(.disabled, "holds \(disabled), neither 0 nor 1") }
        self.init(name: try c.string(.name), displayName: try c.string(.display_name), role: try c.value(.role),
                  clearance: try c.value(.clearance), disabled: disabled == 1)
    }
}

extension Role: ColumnEnum { static let columnValues = RawValueTable<Self>() }

import GRDB

/// The typed record an import row holds, read so that it goes through the rules the store
/// applies when a clerk adds the same record. Indirect: a row is handed from thread to thread
/// and held back in groups, and a boxed record is copied with one reference.
indirect enum ImportedRecord: Sendable {
    case party(Party)
    case authority(Authority)
    /// A legal basis without its bindings, which come in a table of their own.
    case basis(LegalBasis)
    case binding(basisID: String, LegalBasis.Binding)
    case caseFile(Case)
    case request(Request)
    case reply(Reply)
    case followUp(FollowUp)
    case letter(Letter, year: Int, sequence: Int)
    case engagement(Engagement)
    case outcome(EngagementOutcome)
    case setting(StoredSetting)
    case holiday(party: String, HolidayEntry)
    case translation(Translation)
    case event(Event)

    /// The kinds of record, one per table.
    enum Kind: String, Sendable {
        case party, authority, basis = "legal_basis", binding = "basis_party", caseFile = "case_file", request, reply
        case followUp = "follow_up", letter, engagement, outcome = "engagement_outcome", setting, holiday, translation, event
    }

    /// The fields each table's record is read from, in the order `read` reads them.
    static let fields: [String: [String]] = [
        "party": ["code", "name", "formal_name"],
        "authority": ["id", "party", "name", "role", "city", "posted_to", "head_title", "head_name"],
        "legal_basis": ["id", "instrument", "kind", "response_days", "response_unit", "note"],
        "basis_party": ["basis_id", "party", "from_date"],
        "case_file": ["id", "title", "lead_authority", "offence", "incident_date", "discovery_date", "limitation_date", "classification", "note"],
        "request": ["reference", "case_id", "from_authority", "to_authority", "channel", "basis_id", "subject", "items", "urgency",
                    "classification", "sent_date", "counterpart_reference", "state", "preserved_until", "note"],
        "reply": ["id", "request_ref", "date", "from_authority", "kind", "summary", "promised_date", "refusal_grounds", "classification"],
        "follow_up": ["id", "request_ref", "date", "kind", "reference", "restarts_clock", "note"],
        "letter": ["number", "sender", "year", "sequence", "request_ref", "follow_up_id", "kind", "lang", "format", "date", "classification",
                   "sha256", "document"],
        "engagement": ["id", "counterpart", "start_date", "end_date", "level", "title", "place", "note"],
        "engagement_outcome": ["id", "engagement_id", "request_ref", "date", "raised", "raised_by", "response", "commitment",
                               "commitment_date", "note"],
        "setting": ["channel", "key", "value"],
        "holiday": ["party", "date", "name", "working_day"],
        "translation": ["subject", "subject_id", "field", "lang", "value"],
        "event": ["id", "subject_type", "subject_id", "action", "date", "recorded_on", "actor", "from_state", "to_state", "reply_id", "note",
                  "field", "old_value", "new_value"],
    ]

    /// Reads the record of `table` from `cells`, or nil with the problems of the fields that
    /// cannot be read (a date that is not one, a name Comity does not know).
    static func read(_ kind: Kind, _ cells: inout RecordCells) -> ImportedRecord? {
        let c = cells
        switch kind {
        case .party:
            return .party(Party(code: c.text(0), name: c.text(1), formalName: c.text(2)))
        case .authority:
            guard let role = cells.choice(3, AuthorityRole.self, "role") else { return nil }
            return .authority(Authority(id: c.text(0), party: c.text(1), name: c.text(2), role: role,
                                        city: c.optionalText(4), postedTo: c.optionalText(5),
                                        head: Authority.Head(title: c.optionalText(6), name: c.optionalText(7))))
        case .basis:
            let kind = cells.choice(2, LegalBasisKind.self, "kind")
            let unit = c.optionalText(4) == nil ? PeriodUnit.calendar : cells.choice(4, PeriodUnit.self, "unit of the response period")
            guard let kind, let unit else { return nil }
            let period = c.optionalInt(3).map { Period(days: Int(clamping: $0), unit: unit) }
            return .basis(LegalBasis(id: c.text(0), instrument: c.text(1), kind: kind, responsePeriod: period, parties: [], note: c.text(5)))
        case .binding:
            guard let from = cells.date(2) else { return nil }
            return .binding(basisID: c.text(0), LegalBasis.Binding(party: c.text(1), from: from))
        case .caseFile:
            let incident = cells.optionalReported(4), discovered = cells.reported(5), limit = cells.optionalDate(6)
            let level = cells.choice(7, Classification.self, "classification")
            guard let incident, let discovered, let limit, let level else { return nil }
            return .caseFile(Case(id: c.text(0), title: c.text(1), leadAuthority: c.text(2), offence: c.text(3), incident: incident.value,
                                  discovered: discovered, limitationDate: limit.value, classification: level, note: c.text(8)))
        case .request:
            let channel = cells.choice(4, Channel.self, "channel"), items = cells.items(7), urgency = cells.choice(8, Urgency.self, "urgency")
            let level = cells.choice(9, Classification.self, "classification"), sent = cells.optionalDate(10)
            let state = cells.choice(12, RequestState.self, "state"), kept = cells.optionalDate(13)
            guard let channel, let items, let urgency, let level, let sent, let state, let kept else { return nil }
            return .request(Request(
                reference: c.text(0), caseID: c.text(1), fromAuthority: c.text(2), toAuthority: c.text(3), channel: channel,
                basisID: c.optionalText(5), subject: c.text(6), items: items, urgency: urgency, classification: level,
                sentDate: sent.value, counterpartReference: c.optionalText(11), state: state, preservedUntil: kept.value,
                note: c.text(14)))
        case .reply:
            let date = cells.date(2), kind = cells.choice(4, ReplyKind.self, "reply kind"), promised = cells.optionalDate(6)
            let grounds = cells.grounds(7), level = cells.choice(8, Classification.self, "classification")
            guard let date, let kind, let promised, let grounds, let level else { return nil }
            return .reply(Reply(id: c.optionalInt(0), requestReference: c.text(1), date: date, fromAuthority: c.optionalText(3), kind: kind,
                                summary: c.text(5), promisedDate: promised.value, refusalGrounds: grounds, classification: level))
        case .followUp:
            let date = cells.date(2), kind = cells.choice(3, EscalationStep.self, "follow-up kind"), resend = cells.flag(5)
            guard let date, let kind, let resend else { return nil }
            return .followUp(FollowUp(id: c.optionalInt(0), requestReference: c.text(1), date: date, kind: kind, reference: c.text(4),
                                      restartsClock: resend, note: c.text(6)))
        case .letter:
            let kind = cells.choice(6, LetterKind.self, "letter kind"), lang = cells.language(7)
            let format = cells.choice(8, DocumentKind.self, "letter format"), date = cells.date(9)
            let level = cells.choice(10, Classification.self, "classification")
            guard let kind, let lang, let format, let date, let level else { return nil }
            let letter = Letter(number: c.text(0), requestReference: c.text(4), sender: c.text(1), kind: kind, language: lang,
                                format: format.rawValue, date: date, classification: level, sha256: c.text(11), document: c.text(12))
            return .letter(letter, year: Int(clamping: c.optionalInt(2) ?? 0), sequence: Int(clamping: c.optionalInt(3) ?? 0))
        case .engagement:
            let start = cells.date(2), end = cells.date(3), level = cells.choice(4, EngagementLevel.self, "level")
            guard let start, let end, let level else { return nil }
            return .engagement(Engagement(id: c.text(0), counterpart: c.text(1), startDate: start, endDate: end, level: level,
                                          title: c.text(5), place: c.text(6), note: c.text(7)))
        case .outcome:
            let date = cells.date(3), raised = cells.flag(4), by = cells.optionalDate(8)
            guard let date, let raised, let by else { return nil }
            return .outcome(EngagementOutcome(
                id: c.optionalInt(0), engagementID: c.text(1), requestReference: c.text(2), date: date, raised: raised,
                raisedBy: c.text(5), response: c.text(6), commitment: c.text(7), commitmentDate: by.value, note: c.text(9)))
        case .setting:
            return .setting(StoredSetting(channel: c.text(0), key: c.text(1), value: c.text(2)))
        case .holiday:
            let date = cells.date(1), working = cells.flag(3)
            guard let date, let working else { return nil }
            return .holiday(party: c.text(0), HolidayEntry(date: date, name: c.text(2), isWorkingDay: working))
        case .translation:
            let subject = cells.choice(0, Event.Subject.self, "kind of record"), field = cells.choice(2, TranslatedField.self, "translated field")
            guard let subject, let field, let value = cells.translated(4, field) else { return nil }
            return .translation(Translation(subject, c.text(1), field, lang: c.text(3), value: value))
        case .event:
            let subject = cells.choice(1, Event.Subject.self, "subject of an event"), action = cells.choice(3, Event.Action.self, "action of an event")
            let date = cells.date(4), recorded = cells.date(5)
            let from = cells.optionalChoice(7, RequestState.self, "state"), to = cells.optionalChoice(8, RequestState.self, "state")
            guard let subject, let action, let date, let recorded, let from, let to else { return nil }
            return .event(Event(id: c.optionalInt(0), subjectType: subject, subjectID: c.text(2), action: action, date: date,
                                recordedOn: recorded, actor: c.text(6), fromState: from.value, toState: to.value, replyID: c.optionalInt(9),
                                note: c.text(10), field: c.optionalText(11), oldValue: c.optionalText(12), newValue: c.optionalText(13)))
        }
    }

    /// Every rule the record breaks on its own, as the store's add methods check it.
    func problems(today: CalendarDate) -> [ValidationFailure] {
        switch self {
        case .party(let party): return party.problems()
        case .authority(let authority): return authority.problems()
        case .basis(let basis): return basis.fieldProblems()
        case .binding: return []
        case .caseFile(let item): return item.problems(today: today)
        case .request(let request): return request.problems(today: today)
        case .reply(let reply): return reply.problems(today: today)
        case .followUp(let followUp): return followUp.problems(today: today)
        case .letter(let letter, let year, let sequence): return letter.registerProblems(year: year, sequence: sequence, today: today)
        case .engagement(let engagement): return engagement.problems()
        case .outcome(let outcome): return outcome.problems(today: today)
        case .setting(let setting): return setting.problems()
        case .holiday(_, let entry): return entry.problems()
        case .translation(let translation): return translation.problems()
        case .event(let event): return event.problems(today: today)
        }
    }
}

/// The cells of one import row, read by the place of their field in `ImportedRecord.fields`.
struct RecordCells {
    /// The row's values.
    let values: [DatabaseValue]
    /// The place in `values` of each field, nil where the file left it out.
    let slots: [Int?]
    let names: [String]
    private(set) var problems: [(field: String, message: String)] = []

    init(values: [DatabaseValue], slots: [Int?], names: [String]) {
        self.values = values
        self.slots = slots
        self.names = names
    }

    private func value(_ i: Int) -> DatabaseValue? {
        guard let place = slots[i] else { return nil }
        return values[place]
    }

    /// A value that may be absent (nil) or present, so that `guard let` tells a problem from an absence.
    struct Present<Value> { let value: Value? }

    func optionalText(_ i: Int) -> String? {
        guard let value = value(i), case .string(let text) = value.storage else { return nil }
        return text
    }

    /// A text field; one left out takes its column's default, empty text.
    func text(_ i: Int) -> String { optionalText(i) ?? "" }

    func optionalInt(_ i: Int) -> Int64? {
        guard let value = value(i), case .int64(let number) = value.storage else { return nil }
        return number
    }

    mutating func date(_ i: Int) -> CalendarDate? {
        guard let text = optionalText(i) else { return nil }
        do { return try CalendarDate(iso: text) } catch {
            problems.append((names[i], error.description))
            return nil
        }
    }

    mutating func optionalDate(_ i: Int) -> Present<CalendarDate>? {
        guard optionalText(i) != nil else { return Present(value: nil) }
        return date(i).map { Present(value: $0) }
    }

    /// A date as reported: to the day, the month or the year.
    mutating func reported(_ i: Int) -> ReportedDate? {
        guard let text = optionalText(i) else { return nil }
        do { return try ReportedDate(iso: text) } catch {
            problems.append((names[i], ReportedDate.refusal(text, error)))
            return nil
        }
    }

    mutating func optionalReported(_ i: Int) -> Present<ReportedDate>? {
        guard optionalText(i) != nil else { return Present(value: nil) }
        return reported(i).map { Present(value: $0) }
    }

    /// One of Comity's named values, spelt exactly as Comity keeps it.
    mutating func choice<T: CaseIterable & RawRepresentable>(_ i: Int, _ type: T.Type, _ noun: String) -> T? where T.RawValue == String {
        let text = text(i)
        if let value = T(rawValue: text) { return value }
        problems.append((names[i], "'\(printable(text))' is not a valid \(noun); use \(T.choices)"))
        return nil
    }

    mutating func language(_ i: Int) -> LetterLanguage? {
        let text = text(i)
        if let value = LetterLanguage(rawValue: text) { return value }
        problems.append((names[i], "'\(printable(text))' is not a language tag; write it as BCP 47 does, e.g. en, ja or zh-Hans"))
        return nil
    }

    mutating func optionalChoice<T: CaseIterable & RawRepresentable>(_ i: Int, _ type: T.Type, _ noun: String) -> Present<T>? where T.RawValue == String {
        guard optionalText(i) != nil else { return Present(value: nil) }
        return choice(i, type, noun).map { Present(value: $0) }
    }

    /// 0 or 1.
    mutating func flag(_ i: Int) -> Bool? {
        let number = optionalInt(i) ?? 0
        guard number == 0 || number == 1 else {
            problems.append((names[i], "is \(number); expected 0 (no) or 1 (yes)"))
            return nil
        }
        return number == 1
    }

    /// The items of assistance: a JSON list of texts, as Comity keeps them.
    mutating func items(_ i: Int) -> [String]? {
        guard let list = StringList.parse(text(i)) else {
            problems.append((names[i], "is '\(printable(text(i)))', not a list of texts; write the items of assistance as a JSON list, for example [\"Identify the servers\"]"))
            return nil
        }
        return list
    }

    /// A translated value: for a list field (items) a JSON list of texts, as Comity keeps it.
    mutating func translated(_ i: Int, _ field: TranslatedField) -> [String]? {
        guard let value = ComityStore.translationValue(text(i), field) else {
            problems.append((names[i], "is '\(printable(text(i)))', not a list of texts; write translated items as a JSON list, for example [\"…\"]"))
            return nil
        }
        return value
    }

    /// The grounds of a refusal: a JSON list of the grounds Comity knows.
    mutating func grounds(_ i: Int) -> [RefusalGround]? {
        guard let list = StringList.parse(text(i)) else {
            problems.append((names[i], "is '\(printable(text(i)))', not a list of grounds; write them as a JSON list, for example [\"dual-criminality\"]"))
            return nil
        }
        var grounds: [RefusalGround] = []
        for name in list {
            guard let ground = RefusalGround(rawValue: name) else {
                problems.append((names[i], "'\(printable(name))' is not a valid refusal ground; use \(RefusalGround.choices)"))
                return nil
            }
            grounds.append(ground)
        }
        return grounds
    }
}

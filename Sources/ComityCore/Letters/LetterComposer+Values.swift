/// The user values a letter quotes, each in the letter's language: in English as recorded, in
/// any other language as translated (`comity translate`), and missing when not translated.
extension LetterComposer {
    /// One value the letter quotes: which field of which record, and its recorded (English) text.
    struct QuotedValue {
        let subject: Event.Subject
        let id: String
        let field: TranslatedField
        let english: [String]
        /// The record as a sentence names it: "request JP-MHI-2011-001".
        let record: String
    }

    /// The language tag of the letter; English values are the recorded ones.
    var tag: String { language.rawValue }
    var isEnglish: Bool { tag == "en" }

    /// A value in the letter's language: the recorded text in English, else its translation
    /// (empty when there is none, which `missing()` reports first).
    func localized(_ subject: Event.Subject, _ id: String?, _ field: TranslatedField, _ english: String?) -> String {
        guard !isEnglish else { return english ?? "" }
        guard let id else { return "" }
        return facts.translations.text(subject, id, field, in: tag) ?? ""
    }

    /// A list value (a request's items) in the letter's language.
    func localizedList(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, _ english: [String]) -> [String] {
        isEnglish ? english : facts.translations.value(subject, id, field, in: tag) ?? []
    }

    /// Every user value the letter quotes, in the order a clerk reads the letter; heads of
    /// authorities are `LetterPeople`'s.
    var quotedValues: [QuotedValue] {
        var values: [QuotedValue] = []
        func add(_ subject: Event.Subject, _ id: String?, _ field: TranslatedField, _ english: [String], _ record: String) {
            guard let id, !english.allSatisfy({ $0.isEmpty }) else { return }
            guard !values.contains(where: { $0.subject == subject && $0.id == id && $0.field == field }) else { return }
            values.append(QuotedValue(subject: subject, id: id, field: field, english: english, record: record))
        }
        let (sender, addressee) = facts.parties(for: kind)
        for authority in [sender, addressee].compactMap({ $0 }) {
            add(.authority, authority.id, .name, [authority.name], "authority \(authority.id)")
        }
        if kind != .talkingPoints, let sender { add(.authority, sender.id, .city, [sender.city ?? ""], "authority \(sender.id)") }
        // A talking point asks that the authority the request went to execute it.
        if kind == .talkingPoints, facts.assessment?.ballWith == .them { add(.authority, facts.to.id, .name, [facts.to.name], "authority \(facts.to.id)") }
        for party in [facts.ourParty, facts.theirParty] { add(.party, party.code, .name, [party.formalName], "party \(party.code)") }
        if let basis = facts.basis { add(.basis, basis.id, .instrument, [basis.instrument], "legal basis \(basis.id)") }
        let request = facts.request
        add(.request, request.reference, .subject, [request.subject], "request \(request.reference)")
        add(.request, request.reference, .items, request.items, "request \(request.reference)")
        add(.case, facts.caseFile.id, .title, [facts.caseFile.title], "case \(facts.caseFile.id)")
        for reply in facts.replies {
            add(.reply, reply.id.map(String.init), .summary, [reply.summary],
                "the reply of \(reply.date.iso) to \(request.reference), which the letter quotes (reply \(reply.id.map(String.init) ?? "?"))")
        }
        if let engagement = facts.assessment?.engagement {
            add(.engagement, engagement.id, .title, [engagement.title], "engagement \(engagement.id)")
        }
        if let meeting = facts.assessment?.lastMeeting {
            add(.engagement, meeting.engagement.id, .title, [meeting.engagement.title], "engagement \(meeting.engagement.id)")
            let outcome = meeting.outcome, id = outcome.id.map(String.init)
            let record = "what came of \(request.reference) at \(meeting.engagement.id) (outcome \(id ?? "?"))"
            add(.outcome, id, .raisedBy, [outcome.raisedBy], record)
            add(.outcome, id, .response, [outcome.response], record)
            add(.outcome, id, .commitment, [outcome.commitment], record)
        }
        return values
    }

    /// The records whose translations the letter needs: those of its quoted values, and the
    /// authorities whose heads it names.
    package var translatedRecords: [(Event.Subject, String)] {
        let people = self.people
        return quotedValues.map { ($0.subject, $0.id) }
            + [people.signing, people.receiving, people.demarche].compactMap { $0.map { (.authority, $0.id) } }
    }

    /// Each quoted value with no translation in the letter's language, with the command that records it.
    func missingTranslations() -> [String] {
        guard !isEnglish else { return [] }
        return quotedValues.filter { facts.translations.value($0.subject, $0.id, $0.field, in: tag) == nil }.map { value in
            let option = value.field.isList ? "--item … (once for each item)" : "--\(value.field.rawValue) …"
            return "the \(tag) \(value.field.noun) of \(value.record) (record it with 'comity translate \(value.subject.rawValue) \(value.id) --lang \(tag) \(option)')"
        }
    }
}

/// The user values a letter quotes, each in the letter's language: in English as recorded, in
/// any other language as translated (`comity translate`), and missing when not translated.
extension LetterComposer: LetterWording {
    /// Every user value the letter quotes, in the order a clerk reads the letter; heads of
    /// authorities are `LetterPeople`'s.
    var quotedValues: [QuotedValue] {
        var quoted = QuotedValues()
        func add(_ subject: Event.Subject, _ id: String?, _ field: TranslatedField, _ english: [String], _ record: String) {
            quoted.add(subject, id, field, english, record)
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
        return quoted.values
    }

    /// The records whose translations the letter needs: those of its quoted values, and the
    /// authorities whose heads it names.
    package var translatedRecords: [(Event.Subject, String)] {
        let people = self.people
        return quotedValues.map { ($0.subject, $0.id) }
            + [people.signing, people.receiving, people.demarche].compactMap { $0.map { (.authority, $0.id) } }
    }
}

extension LetterComposer: ComposedLetter {
    package var letterKind: LetterKind { .escalation(kind) }
}

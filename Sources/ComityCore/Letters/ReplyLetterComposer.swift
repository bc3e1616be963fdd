/// Turns our reply to a request that came to us, as recorded, into the values of its letter:
/// from our authority to the one that asked, citing their request by their reference and the
/// day we received it, and saying what the reply says (its summary, the grounds of a refusal
/// in the words of the treaties, the date we promised), nothing more.
package struct ReplyLetterComposer: LetterWording {
    package init(facts: LetterFacts, kind: ReplyLetter, reply: Reply, sender: Authority, earlierLetters: [LetterEntry],
                 language: LetterLanguage, date: CalendarDate) {
        self.facts = facts
        self.kind = kind
        self.reply = reply
        self.replier = sender
        self.earlierLetters = earlierLetters
        self.language = language
        self.date = date
    }

    package let facts: LetterFacts
    package let kind: ReplyLetter
    /// The reply of ours the letter puts on paper: the latest of its kind by the letter's date.
    package let reply: Reply
    /// Our authority that replied (the reply's, else the one the request came to).
    let replier: Authority
    /// Our letters on the request already in the register by the letter's date, which it cites.
    package let earlierLetters: [LetterEntry]
    let language: LetterLanguage
    let date: CalendarDate

    /// The authority the letter goes to: the one that made the request, unless the clerk chose another.
    var addressee: Authority { facts.chosenAddressee ?? facts.from }

    /// An earlier letter of the register that already puts this reply on paper.
    package var alreadyIssued: LetterEntry? {
        earlierLetters.last { $0.kind == .reply(kind) && $0.date >= reply.date }
    }

    var quotedValues: [QuotedValue] {
        var quoted = QuotedValues()
        quoted.add(replier)
        quoted.add(addressee)
        quoted.add(.authority, replier.id, .city, [replier.city ?? ""], "authority \(replier.id)")
        for party in [facts.ourParty, facts.theirParty] { quoted.add(.party, party.code, .name, [party.formalName], "party \(party.code)") }
        if let basis = facts.basis { quoted.add(.basis, basis.id, .instrument, [basis.instrument], "legal basis \(basis.id)") }
        let request = facts.request
        quoted.add(.request, request.reference, .subject, [request.subject], "request \(request.reference)")
        quoted.add(.request, request.reference, .items, request.items, "request \(request.reference)")
        quoted.add(.reply, reply.id.map(String.init), .summary, [reply.summary],
                   "our reply of \(reply.date.iso) to \(request.reference), which the letter puts on paper (reply \(reply.id.map(String.init) ?? "?"))")
        return quoted.values
    }

    /// The records whose translations the letter needs.
    package var translatedRecords: [(Event.Subject, String)] { quotedValues.map { ($0.subject, $0.id) } }
}

extension ReplyLetterComposer: ComposedLetter {
    package var letterKind: LetterKind { .reply(kind) }
    package var sender: Authority? { replier }

    /// As for every letter: the request, its case and its replies by the letter's date, which
    /// is what the clearance check weighs.
    package var classification: Classification {
        max(facts.request.classification, facts.caseFile.classification, facts.replies.map(\.classification).max() ?? .unclassified)
    }

    package func missing() -> [String] {
        var missing: [String] = []
        if (replier.city ?? "").isEmpty {
            missing.append("the city of \(replier.id) for the place line (the authority was recorded without --city)")
        }
        if kind == .refusal && reply.refusalGrounds.isEmpty {
            let id = reply.id.map(String.init) ?? "N"
            missing.append("the grounds of our refusal of \(reply.date.iso) (record them with 'comity edit reply \(id) --grounds … --reason …'; the choices are \(RefusalGround.choices))")
        }
        return missing + missingTranslations()
    }

    package func context(number: String?, phrases: Phrasebook) -> [String: TemplateValue] {
        let request = facts.request
        let received = request.sentDate ?? reply.date
        func name(_ a: Authority) -> String { localized(.authority, a.id, .name, a.name) }
        func state(_ p: Party) -> String { localized(.party, p.code, .name, p.formalName) }
        func group(_ a: Authority, _ party: Party) -> TemplateValue {
            .object(["id": .text(a.id), "name": .text(name(a)), "partyName": .text(state(party))])
        }
        let id = reply.id.map(String.init)
        let items = localizedList(.request, request.reference, .items, request.items)
        // No day count: nothing for day phrases to add.
        return [
            "lang": .text(language.rawValue),
            "kind": .text(kind.rawValue),
            "kindTitle": .text(phrases.title(letterKind)),
            "classification": .text(classification.rawValue),
            "mark": .text(phrases.mark(classification)),
            "isDraft": .flag(number == nil),
            "number": .text(number ?? ""),
            "date": dateValue(date, phrases),
            "place": .text(isEnglish ? phrases.city(replier.city ?? "") : localized(.authority, replier.id, .city, replier.city)),
            "sender": group(replier, facts.ourParty),
            "addressee": group(addressee, facts.theirParty),
            "requester": group(facts.from, facts.theirParty),
            "ourState": .text(state(facts.ourParty)),
            "theirState": .text(state(facts.theirParty)),
            "ourReference": .text(request.reference),
            "theirReference": .text(request.counterpartReference ?? ""),
            "request": .object([
                "reference": .text(request.reference), "received": dateValue(received, phrases),
                "subject": .text(localized(.request, request.reference, .subject, request.subject)),
                "basis": .text(localized(.basis, facts.basis?.id, .instrument, facts.basis?.instrument)),
                "channel": .text(request.channel.rawValue),
            ]),
            "items": .list(items.enumerated().map { .object(["number": .number($0.offset + 1), "text": .text($0.element)]) }),
            "answer": .object([
                "date": dateValue(reply.date, phrases),
                "kind": .text(reply.kind.rawValue),
                "summary": .text(localized(.reply, id, .summary, reply.summary)),
                "promised": reply.promisedDate.map { dateValue($0, phrases) } ?? .flag(false),
                "grounds": .list(reply.refusalGrounds.enumerated().map { index, ground in
                    .object(["number": .number(index + 1), "code": .text(ground.rawValue), "text": .text(phrases.ground(ground))])
                }),
                "oneGround": .flag(reply.refusalGrounds.count == 1),
            ]),
            "hasEarlierLetters": .flag(!earlierLetters.isEmpty),
            "earlierLetters": .list(earlierLetters.map { e in
                .object(["title": .text(phrases.title(e.kind)), "number": .text(e.number), "date": dateValue(e.date, phrases)])
            }),
        ]
    }
}

/// Turns a request's facts into the values a letter template shows, refusing a letter
/// that would lack a value its form needs.
package struct LetterComposer {
    package init(facts: LetterFacts, kind: EscalationStep, language: LetterLanguage, date: CalendarDate) {
        self.facts = facts
        self.kind = kind
        self.language = language
        self.date = date
    }

    package let facts: LetterFacts
    package let kind: EscalationStep
    let language: LetterLanguage
    let date: CalendarDate

    /// The sender whose register numbers the letter.
    package var sender: Authority? { facts.parties(for: kind).sender }

    /// Every required value that is missing, as phrases a clerk can act on.
    package func missing() -> [String] {
        var missing: [String] = []
        let (sender, addressee) = facts.parties(for: kind)
        let ours = facts.ourParty.code, theirs = facts.theirParty.code
        if sender == nil {
            missing.append("the sender: no embassy of \(ours) posted to \(theirs) (add one with 'comity authority add ID --party \(ours) --role embassy --posted-to \(theirs) …')")
        }
        if addressee == nil && kind != .talkingPoints {
            missing.append("the addressee: no foreign ministry of \(theirs) (add one with 'comity authority add ID --party \(theirs) --role foreign-ministry …')")
        }
        // A request through the central authorities is made under an instrument the letter names;
        // police, INTERPOL, 24/7 and diplomatic requests may rest on none, and their letters say none.
        if facts.basis == nil && kind != .talkingPoints && facts.request.channel == .centralAuthority {
            missing.append("the legal basis of request \(facts.request.reference) (it was recorded without --basis)")
        }
        if facts.request.sentDate == nil {
            missing.append("the date request \(facts.request.reference) was sent (it has not been transmitted)")
        }
        if kind != .talkingPoints, let sender, (sender.city ?? "").isEmpty {
            missing.append("the city of \(sender.id) for the place line (the authority was recorded without --city)")
        }
        missing += people.missing()
        missing += missingTranslations()
        return missing
    }

    /// The people the letter names.
    var people: LetterPeople {
        let (sender, addressee) = facts.parties(for: kind)
        return LetterPeople(kind: kind, language: language, sender: sender, addressee: addressee, translations: facts.translations)
    }

    /// The values the letter's templates show, its words and dates from `phrases`, the letter
    /// language's phrase file.
    package func context(number: String?, phrases: Phrasebook) -> [String: TemplateValue] {
        let (sender, addressee) = facts.parties(for: kind)
        let request = facts.request
        let sent = request.sentDate ?? date
        let sinceSent = sent.days(until: date)
        func d(_ date: CalendarDate) -> TemplateValue { .object(["iso": .text(date.iso), "text": .text(phrases.date(date))]) }
        // Each day count comes with its phrase (`daysLeft`, `daysLeftText`), in the letter's language.
        func days(_ key: String, _ n: Int) -> [(String, TemplateValue)] { [(key, .number(n)), (key + "Text", .text(phrases.days(n)))] }
        func object(_ fields: [(String, TemplateValue)]...) -> TemplateValue { .object(Dictionary(uniqueKeysWithValues: fields.joined())) }
        func name(_ a: Authority?) -> String { localized(.authority, a?.id, .name, a?.name) }
        func state(_ p: Party) -> String { localized(.party, p.code, .name, p.formalName) }
        func group(_ a: Authority?) -> TemplateValue {
            let party = a?.party == facts.theirParty.code ? facts.theirParty : facts.ourParty
            return .object(["id": .text(a?.id ?? ""), "name": .text(name(a)), "partyName": .text(state(party))])
        }
        let assessment = facts.assessment
        // A limit is mentioned only inside the warning window or once passed, and never as a negative count.
        let limitCategories = assessment?.categories.filter { $0 == .hardLimitApproaching || $0 == .hardLimitPassed } ?? []
        let hardLimit: TemplateValue = assessment?.hardLimit.flatMap { limit in
            guard !limitCategories.isEmpty else { return nil }
            let kind: RequestClock.Kind = limit.what.hasPrefix("preserved") ? .preservation : .limitation
            return object([("date", d(limit.date)), ("what", .text(phrases.hardLimit(kind, caseID: request.caseID))), ("passed", .flag(limit.date < date))],
                          days("daysLeft", max(0, date.days(until: limit.date))), days("daysPassed", max(0, limit.date.days(until: date))))
        } ?? .flag(false)
        let meeting: TemplateValue = assessment?.lastMeeting.map { m in
            let e = m.engagement
            let outcome = m.outcome.id.map(String.init)
            return .object(["title": .text(localized(.engagement, e.id, .title, e.title)), "dates": .text(phrases.span(e.startDate, e.endDate)),
                            "date": d(m.outcome.date),
                            "raisedBy": .text(localized(.outcome, outcome, .raisedBy, m.outcome.raisedBy)),
                            "response": .text(localized(.outcome, outcome, .response, m.outcome.response)),
                            "commitment": .text(localized(.outcome, outcome, .commitment, m.outcome.commitment)),
                            "commitmentDate": m.outcome.commitmentDate.map(d) ?? .flag(false)])
        } ?? .flag(false)
        let letters = facts.followUps.filter { $0.kind != .talkingPoints }
        let engagement: TemplateValue = assessment?.engagement.map { e in
            return object([("title", .text(localized(.engagement, e.id, .title, e.title))), ("dates", .text(phrases.span(e.startDate, e.endDate)))],
                          days("daysUntil", e.daysUntil))
        } ?? .flag(false)
        var caseIncident = TemplateValue.flag(false)
        if let incident = facts.caseFile.incidentDate {
            caseIncident = .object(["iso": .text(incident.iso), "text": .text(phrases.reported(incident))])
        }
        var own: [String: TemplateValue] = [
            "lang": .text(language.rawValue),
            "kind": .text(kind.rawValue),
            "kindTitle": .text(phrases.title(letterKind)),
            "classification": .text(classification.rawValue),
            "mark": .text(phrases.mark(classification)),
            "isDraft": .flag(number == nil),
            "number": .text(number ?? ""),
            "date": d(date),
            "place": .text(isEnglish ? phrases.city(sender?.city ?? "") : localized(.authority, sender?.id, .city, sender?.city)),
            "sender": group(sender),
            "addressee": group(addressee),
            "ourState": .text(state(facts.ourParty)),
            "theirState": .text(state(facts.theirParty)),
            "ourReference": .text(request.reference),
            "theirReference": .text(request.counterpartReference ?? ""),
            "request": .object([
                "reference": .text(request.reference), "sent": d(sent),
                "subject": .text(localized(.request, request.reference, .subject, request.subject)),
                "basis": .text(localized(.basis, facts.basis?.id, .instrument, facts.basis?.instrument)),
                "channel": .text(request.channel.rawValue),
            ]),
            "caseTitle": .text(localized(.case, facts.caseFile.id, .title, facts.caseFile.title)),
            "caseIncident": caseIncident,
            "items": .list(localizedList(.request, request.reference, .items, request.items).enumerated().map { .object(["number": .number($0.offset + 1), "text": .text($0.element)]) }),
            "hasReplies": .flag(!facts.replies.isEmpty),
            "replies": .list(facts.replies.map { r in
                object([("date", d(r.date)), ("kind", .text(phrases.phrase(r.kind))), ("summary", .text(localized(.reply, r.id.map(String.init), .summary, r.summary)))],
                       days("daysAfterSent", sent.days(until: r.date)))
            }),
            "daysSinceSent": .number(sinceSent),
            "daysSinceSentText": .text(phrases.days(sinceSent)),
            "noSubstantiveReply": .flag(!facts.replies.contains { $0.kind.isSubstantive }),
            "hasEarlierLetters": .flag(!letters.isEmpty),
            "earlierLetters": .list(letters.map { f in
                .object(["title": .text(phrases.title(.escalation(f.kind))), "number": .text(f.reference), "date": d(f.date)])
            }),
            "hardLimit": hardLimit,
            "engagement": engagement,
            "meeting": meeting,
            // Only a talking-points brief says it, so only its values are asked for in other languages.
            "talkingPoint": .text(kind != .talkingPoints ? "" : assessment.map { a in
                let m = a.lastMeeting, outcome = m?.outcome.id.map(String.init)
                let quoted = TalkingPoint.Quoted(
                    subject: localized(.request, request.reference, .subject, request.subject),
                    counterpart: isEnglish ? facts.theirParty.name : state(facts.theirParty),
                    authority: localized(.authority, facts.to.id, .name, facts.to.name),
                    lastReplySummary: facts.replies.last.map { localized(.reply, $0.id.map(String.init), .summary, $0.summary) },
                    meeting: m.map { m in
                        (localized(.engagement, m.engagement.id, .title, m.engagement.title),
                         localized(.outcome, outcome, .raisedBy, m.outcome.raisedBy),
                         localized(.outcome, outcome, .response, m.outcome.response),
                         localized(.outcome, outcome, .commitment, m.outcome.commitment))
                    })
                return TalkingPoint.draft(for: a, quoting: quoted, phrases: phrases)
            } ?? ""),
            "categories": .list((assessment?.categories ?? []).map { .text(phrases.category($0)) }),
        ]
        // The letter's own values win over the people's; merged into the larger dictionary, in place.
        own.merge(people.context()) { own, _ in own }
        return own
    }

    package var classification: Classification {
        max(facts.request.classification, facts.caseFile.classification, facts.replies.map(\.classification).max() ?? .unclassified)
    }
}

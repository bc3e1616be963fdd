import GRDB

/// Reply letters: the letter of our reply, as recorded, to a request that came to us.
extension ComityStore {
    /// The kinds of letter a request takes: the ladder's steps for one we sent, the reply letters
    /// for one that came to us.
    func letterKinds(of reference: String, clearance: Classification) throws(ComityError) -> [LetterKind] {
        try read { db in
            let request = try Self.requireWritable(db, reference, clearance: clearance)
            return try Self.direction(db, of: request) == .incoming
                ? ReplyLetter.allCases.map(LetterKind.reply) : EscalationStep.allCases.map(LetterKind.escalation)
        }
    }

    /// The composer of the letter `spec` asks for, by the request's direction: a step of the
    /// escalation ladder for a request we sent, a reply letter for one that came to us; a kind
    /// of the other direction is refused, naming the kinds to use instead.
    static func letterComposer(_ db: Database, _ spec: LetterSpec) throws -> any ComposedLetter {
        let request = try Self.request(db, spec.reference)
        switch (try Self.direction(db, of: request), spec.kind) {
        case (.outgoing, .reply(let letter)?):
            throw ValidationFailure(
                "request \(spec.reference) is one we sent to \(request.toAuthority), and the \(letter.rawValue) letter answers a request that came to us; chase this one with --kind \(EscalationStep.choices), or leave out --kind for the recommended step")
        case (.incoming, .escalation(let step)?):
            throw ValidationFailure(
                "request \(spec.reference) came to us from \(request.fromAuthority), and the \(step.title.lowercased()) chases a request we sent; answer this one with a reply letter: --kind \(ReplyLetter.choices)")
        case (.outgoing, _):
            return try composer(db, spec)
        case (.incoming, let kind):
            return try replyComposer(db, spec, kind: kind?.reply)
        }
    }

    /// The composer of the letter of our reply to a request that came to us: of the kind chosen,
    /// else the one the request's next step needs, else that of our latest reply with a letter
    /// form; the letter is that of our latest reply of its kind by the letter's date. Refused,
    /// naming the `comity reply add` command, when no such reply is on record, and with every
    /// value the letter needs that is missing.
    static func replyComposer(_ db: Database, _ spec: LetterSpec, kind chosen: ReplyLetter?) throws -> ReplyLetterComposer {
        // Weighed against the reader's clearance before any fact is read; nil for a request no
        // longer open with us, which an execution or a refusal closes.
        let assessment = try Self.assessment(db, of: spec.reference, asOf: spec.date, clearance: spec.clearance, recordedBy: spec.recordedBy)
        let view = try spec.recordedBy.map { try RecordedView.load(db, by: $0) }
        var facts = try LetterFacts.load(db, reference: spec.reference, asOf: spec.date, assessment: assessment, direction: .incoming, view: view)
        let request = facts.request
        let latest = facts.replies.last.flatMap { ReplyLetter(recording: $0.kind) }
        guard let kind = chosen ?? assessment?.replyLetter ?? latest else {
            throw ValidationFailure(
                "request \(spec.reference) came to us from \(request.fromAuthority), and no reply of ours on record by \(spec.date.iso) has a letter form; record our reply with 'comity reply add \(spec.reference) --kind … --on \(spec.date.iso) --summary \"…\"', then write its letter with --kind \(ReplyLetter.choices)")
        }
        guard let reply = facts.replies.last(where: { $0.kind == kind.replyKind }) else {
            let grounds = kind == .refusal ? " --grounds …" : ""
            throw ValidationFailure(
                "the \(kind.rawValue) letter puts our \(kind.replyKind.phrase) on paper, and none to request \(spec.reference) is on record by \(spec.date.iso); record it first with 'comity reply add \(spec.reference) --kind \(kind.replyKind.rawValue) --on \(spec.date.iso) --summary \"…\"\(grounds) --from \(request.toAuthority)'")
        }
        if spec.signatory != nil {
            throw ValidationFailure("--signatory names the minister who signs a ministerial letter; a reply letter is from our authority that replied (the reply's --from), so leave it out")
        }
        if let chosen = try spec.addressee.map({ try Self.authority(db, $0) }) {
            guard chosen.party == facts.theirParty.code else {
                throw ValidationFailure("--addressee \(chosen.id) is an authority of \(chosen.party); this letter goes to \(facts.theirParty.code), so choose one of its authorities")
            }
            facts.chosenAddressee = chosen
        }
        let sender = try reply.fromAuthority.map { try view.recorded(Self.authority(db, $0), "authority", $0) } ?? facts.to
        let earlier = try Array(LetterEntry.cursor(
            db.makeStatement(sql: """
                SELECT \(LetterEntry.selectList(replacing: [.document: "''"])) FROM letter
                WHERE request_ref = ? AND date <= ? ORDER BY date, sender, sequence
                """),
            arguments: [spec.reference, spec.date]))
        func composer(_ facts: LetterFacts) -> ReplyLetterComposer {
            ReplyLetterComposer(facts: facts, kind: kind, reply: reply, sender: sender, earlierLetters: earlier, language: spec.language, date: spec.date)
        }
        facts.translations = try LetterFacts.translations(
            db, lang: spec.language.rawValue, records: composer(facts).translatedRecords, cache: nil, view: view)
        let found = composer(facts)
        let missing = found.missing()
        guard missing.isEmpty else {
            throw ValidationFailure("cannot produce the \(kind.rawValue) letter for \(spec.reference); missing: " + missing.joined(separator: SkipReason.missingSeparator))
        }
        return found
    }
}

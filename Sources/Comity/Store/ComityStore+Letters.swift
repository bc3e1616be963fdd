import Foundation
import GRDB

/// Follow-up letters: previews, and issuing into the sender's register.
extension ComityStore {
    /// Renders a letter without recording anything.
    func previewLetter(_ spec: LetterSpec, renderer: DocumentRenderer) throws(ComityError) -> Letter {
        try read { db in
            _ = try Self.requireWritable(db, spec.reference, clearance: spec.clearance)
            let composer = try Self.letterComposer(db, spec)
            return try Self.render(composer, spec, number: nil, renderer: renderer)
        }
    }

    /// Issues a letter: takes the next number of the sender's register for the letter's year,
    /// stores the document and its SHA-256, and for a step of the ladder records the follow-up,
    /// in one transaction.
    func issueLetter(_ spec: LetterSpec, renderer: DocumentRenderer, by clerk: Clerk) throws(ComityError) -> Letter {
        try issueLetters([spec], renderer: renderer, by: clerk)[0]
    }

    /// Issues several letters in one transaction: all of them or none.
    func issueLetters(_ specs: [LetterSpec], renderer: DocumentRenderer, by clerk: Clerk, beforeCommit: ([Letter]) throws -> Void = { _ in }) throws(ComityError) -> [Letter] {
        try write { db in
            let letters = try specs.map { spec in
                if spec.recordedBy != nil {
                    throw ValidationFailure("a letter drafted as recorded on a past day is a preview only; leave out --as-recorded to issue one")
                }
                _ = try Self.requireWritable(db, spec.reference, clearance: spec.clearance)
                let composer = try Self.letterComposer(db, spec)
                if let composer = composer as? LetterComposer {
                    // The recommended letter after one issued the same day is a repeat (an escalation
                    // on the same day); so is the same kind twice. Another kind, chosen on purpose, is not.
                    let brief = composer.kind == .talkingPoints
                    if let earlier = composer.facts.followUps.last(where: { f in
                        f.date == spec.date && (f.kind == composer.kind || (spec.kind == nil && (f.kind == .talkingPoints) == brief))
                    }) {
                        throw ValidationFailure(
                            "request \(spec.reference) already has \(earlier.kind.title.lowercased()) \(earlier.reference) issued on \(spec.date.iso); one is enough for the day (see 'comity letter list \(spec.reference)')")
                    }
                }
                if let composer = composer as? ReplyLetterComposer, let earlier = composer.alreadyIssued {
                    throw ValidationFailure(
                        "our \(composer.reply.kind.phrase) of \(composer.reply.date.iso) to \(spec.reference) is already on paper as \(earlier.kind.title.lowercased()) \(earlier.number) of \(earlier.date.iso); see 'comity letter show \(earlier.number)', or preview another language without --issue")
                }
                return try Self.issue(db, spec, renderer: renderer, by: clerk, composer: composer)
            }
            try beforeCommit(letters)
            return letters
        }
    }

    /// Issues one letter inside a write transaction: the next register number, the stored
    /// document and the follow-up it records.
    /// Issues one letter inside a write transaction of the caller's (the synthetic world's builder).
    @_spi(Worlds) public static func issueLetter(_ db: Database, _ spec: LetterSpec, renderer: DocumentRenderer, by clerk: Clerk) throws -> Letter {
        try issue(db, spec, renderer: renderer, by: clerk)
    }

    static func issue(_ db: Database, _ spec: LetterSpec, renderer: DocumentRenderer, by clerk: Clerk, composer known: (any ComposedLetter)? = nil) throws -> Letter {
        let composer = try known ?? Self.letterComposer(db, spec)
        let sequence = try Self.nextSequence(db, sender: composer.sender!.id, year: spec.date.year)
        let number = Self.registerNumber(sender: composer.sender!.id, year: spec.date.year, sequence: sequence)
        let letter = try Self.render(composer, spec, number: number, renderer: renderer)
        try Self.register(db, letter, sequence: sequence, by: clerk)
        return letter
    }

    /// The follow-up that makes the letter `composer` would write on `date` a repeat: one of the
    /// same sort (a letter to the counterpart, or an internal brief) sent within `days` before it.
    static func repeated(_ composer: LetterComposer, on date: CalendarDate, within days: Int) -> FollowUp? {
        let brief = composer.kind == .talkingPoints
        return composer.facts.followUps.last { f in
            f.date <= date && f.date.days(until: date) < days && (f.kind == .talkingPoints) == brief
        }
    }

    /// The sequence the next letter of `sender` in `year` takes in the register.
    static func nextSequence(_ db: Database, sender: String, year: Int) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT coalesce(max(sequence), 0) + 1 FROM letter WHERE sender = ? AND year = ?"),
            arguments: [sender, year])!
    }

    /// A register number: `JP-EMB-CN/2011/0001`.
    static func registerNumber(sender: String, year: Int, sequence: Int) -> String {
        Letter.registerNumber(sender: sender, year: year, sequence: sequence)
    }

    /// Enters a rendered letter into its sender's register and, for a step of the escalation
    /// ladder, records the follow-up it is. A reply letter answers a request that came to us: it
    /// is no follow-up of ours and starts no clock.
    static func register(_ db: Database, _ letter: Letter, sequence: Int, by clerk: Clerk) throws {
        let number = letter.number!
        let followUp = try letter.kind.escalation.map { step in
            try Self.insertFollowUp(
                db, FollowUp(requestReference: letter.requestReference, date: letter.date, kind: step, reference: number,
                             note: "issued \(letter.language.rawValue) \(letter.format), SHA-256 \(letter.sha256.prefix(16))…"),
                by: clerk)
        }
        try db.execute(sql: """
            INSERT INTO letter (number, sender, year, sequence, request_ref, follow_up_id, kind, lang, format, date,
                                classification, sha256, document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [number, letter.sender, letter.date.year, sequence, letter.requestReference, followUp?.id, letter.kind,
                             letter.language.rawValue, letter.format, letter.date, letter.classification,
                             letter.sha256, letter.document])
    }

    /// The register entries for a request, oldest first.
    func letters(of reference: String) throws(ComityError) -> [LetterEntry] {
        try read { db in
            _ = try Self.request(db, reference)
            // The documents stay in the file: a listing needs only their register entries.
            return try Array(LetterEntry.cursor(
                db.makeStatement(sql: """
                    SELECT \(LetterEntry.selectList(replacing: [.document: "''"])) FROM letter WHERE request_ref = ? ORDER BY date, sender, sequence
                    """),
                arguments: [reference]))
        }
    }

    /// The register of a request for a reader cleared to `clearance`: a request above it is
    /// refused by its reference alone, letters above it are left out and counted.
    func letters(of reference: String, clearance: Classification) throws(ComityError) -> (shown: [LetterEntry], withheld: Int) {
        try read { db in
            _ = try Self.requireWritable(db, reference, clearance: clearance)
            let all = try Array(LetterEntry.cursor(
                db.makeStatement(sql: """
                    SELECT \(LetterEntry.selectList(replacing: [.document: "''"])) FROM letter WHERE request_ref = ? ORDER BY date, sender, sequence
                    """),
                arguments: [reference]))
            let shown = all.filter { $0.classification <= clearance }
            return (shown, all.count - shown.count)
        }
    }

    /// One issued letter for a reader cleared to `clearance`: a letter above it, or one about a
    /// request above it, is refused by its number alone.
    func letter(number: String, clearance: Classification) throws(ComityError) -> Letter {
        try read { db in
            let found = try ColumnCursor(
                db.makeStatement(sql: "SELECT \(LetterEntry.selectList()) FROM letter WHERE number = ?"), arguments: [number]
            ) { row in (entry: try LetterEntry(row), document: try row.reader(LetterEntry.self).string(.document)) }.next()
            guard let (e, document) = found else {
                throw ComityError.notFound(kind: "letter", id: number, hint: "see 'comity letter list REF'")
            }
            if try e.classification > clearance || Self.isWithheld(db, e.requestReference, asOf: nil, clearance: clearance) {
                throw Self.aboveClearance("letter", number, clearance)
            }
            return Letter(
                number: e.number, requestReference: e.requestReference, sender: e.sender, kind: e.kind, language: e.language,
                format: e.format, date: e.date, classification: e.classification, sha256: e.sha256, document: document)
        }
    }

    func letter(number: String) throws(ComityError) -> Letter {
        try letter(number: number, clearance: .secret)
    }

    /// The composer of the letter `spec` asks for, refused with every value it needs that is missing.
    static func composer(_ db: Database, _ spec: LetterSpec, assessment known: Assessment? = nil, cache: LetterFacts.Cache? = nil) throws -> LetterComposer {
        let composer = try uncheckedComposer(db, spec, assessment: known, cache: cache)
        let missing = composer.missing()
        guard missing.isEmpty else {
            throw ValidationFailure(SkipReason.cannotProduce(kind: composer.kind, reference: spec.reference, missing: missing).description)
        }
        return composer
    }

    /// The composer of the letter `spec` asks for, which may still miss values it needs (`missing()`).
    /// - Parameter known: the request's assessment as of the letter's date, when the caller has it already.
    static func uncheckedComposer(_ db: Database, _ spec: LetterSpec, assessment known: Assessment? = nil, cache: LetterFacts.Cache? = nil) throws -> LetterComposer {
        // The letter's classification is that of the request, its case and its replies by the
        // letter's date: exactly what the clearance check weighs, so it is refused before any fact is read.
        let assessment = try known ?? Self.assessment(db, of: spec.reference, asOf: spec.date, clearance: spec.clearance, recordedBy: spec.recordedBy)
        let view = try spec.recordedBy.map { try RecordedView.load(db, by: $0) }
        var facts = try LetterFacts.load(db, reference: spec.reference, asOf: spec.date, assessment: assessment, cache: cache, view: view)
        guard let assessment else {
            let r = facts.request
            throw ValidationFailure("request \(r.reference) is \(r.sentDate.map { _ in r.state.rawValue } ?? "not sent") on \(spec.date.iso); a follow-up letter is for a request still outstanding")
        }
        let kind = spec.kind?.escalation ?? assessment.recommendedStep ?? assessment.ladderStep ?? .reminder
        facts.signatory = try spec.signatory.map { try Self.authority(db, $0) }
        facts.chosenAddressee = try spec.addressee.map { try Self.authority(db, $0) }
        try facts.checkChoices(for: kind)
        facts.translations = try LetterFacts.translations(
            db, lang: spec.language.rawValue,
            records: LetterComposer(facts: facts, kind: kind, language: spec.language, date: spec.date).translatedRecords, cache: cache, view: view)
        return LetterComposer(facts: facts, kind: kind, language: spec.language, date: spec.date)
    }

    /// The letter `composer` writes, rendered; with `digest` false its `sha256` is left empty.
    static func render(_ composer: any ComposedLetter, _ spec: LetterSpec, number: String?, renderer: DocumentRenderer, digest: Bool = true) throws -> Letter {
        let phrases = try renderer.phrasebook(spec.language)
        let template = "\(spec.language.rawValue)/letter/\(composer.letterKind.rawValue).\(spec.format.rawValue)"
        let document = try renderer.render(
            composer.context(number: number, phrases: phrases), template: template, as: spec.format, schema: "letter",
            documentName: "\(composer.letterKind.title.lowercased()) for \(spec.reference)", phrased: true)
        return Letter(
            number: number, requestReference: spec.reference, sender: composer.sender!.id, kind: composer.letterKind,
            language: spec.language, format: spec.format.rawValue, date: spec.date, classification: composer.classification,
            sha256: digest ? DocumentDigest.sha256(document) : "", document: document)
    }
}

extension LetterLanguage: DatabaseValueConvertible {}

extension CellReader {
    /// A language tag, refused as damaged when it is no well-formed tag.
    func language(_ column: Record.StoredColumn) throws(ComityError) -> LetterLanguage {
        let text = try string(column)
        guard let language = LetterLanguage(rawValue: text) else {
            throw damaged(column, "'\(printable(text))' is not a language tag")
        }
        return language
    }
}

import GRDB

/// The next letter for every stalled request, composed in one transaction.
/// What a batch produced: the letters, and the stalled requests that got none, with why.
public struct LetterBatchResult: Sendable {
    public var letters: [Letter]
    public var skipped: [LetterIndex.Skipped]
    /// Stalled requests above the clearance: counted, never named.
    public var withheld = 0
}

extension ComityStore {

    /// Composes the recommended next letter for every request stalled on `date` (optionally
    /// only those to `counterpart`), skipping requests where the ball is with us or a fact a
    /// letter needs is missing. Requests above `clearance` get no letter and are only counted.
    ///
    /// Letters are rendered on every core while the next ones are composed; `deliver` gets each
    /// one on the thread that rendered it, with its place in the batch (to write its file), and
    /// the result lists them in the batch's order whatever order they were rendered in.
    ///
    /// A letter previewed with `deliver` comes back without its document, which `deliver` had:
    /// a batch of thousands keeps only what its index lists. With `digests` false, previewed
    /// letters get no SHA-256 (an empty `sha256`), for a caller that shows none; an issued
    /// letter always has its own, which the register records.
    ///
    /// `composed` gets the batch's index once every letter is composed, on this thread, while
    /// the last letters are still rendering: its letters have no digests yet.
    ///
    /// With `issuedBy`, the letters are issued into their registers, all in one transaction
    /// that `beforeCommit` can still abort (to write the files first); without, nothing is recorded.
    public func letterBatch(
        date: CalendarDate, counterpart: String?, language: LetterLanguage, format: DocumentKind, renderer: DocumentRenderer,
        clearance: Classification = .secret, issuedBy clerk: Clerk? = nil, digests: Bool = true,
        deliver: (@Sendable (_ letter: Letter, _ index: Int) throws -> Void)? = nil,
        composed: (LetterIndex) throws -> Void = { _ in },
        beforeCommit: (LetterBatchResult) throws -> Void = { _ in }
    ) throws(ComityError) -> LetterBatchResult {
        // A language without its folder or with a broken phrase file is refused before any letter is composed.
        _ = try renderer.phrasebook(language)
        let body = { (db: Database) throws -> LetterBatchResult in
            // A batch reads the facts of thousands of requests beside the stall query: pages read
            // once are kept, rather than read again from the file for the next group of letters.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -\(Self.letterBatchCache)")
            // The file is read through a memory map rather than a system call per page.
            let mapSize = try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0
            try db.execute(sql: "PRAGMA mmap_size = \(Self.letterBatchMap)")
            // Given back as soon as every letter is composed, while the last ones still render.
            var restored = false
            let restore = {
                guard !restored else { return }
                restored = true
                try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
                try? db.execute(sql: "PRAGMA mmap_size = \(mapSize)")
            }
            defer { restore() }
            let scope = StallScope(asOf: date, counterpart: counterpart, clearance: clearance)
            let context = try StallContext(db, asOf: date)
            var result = LetterBatchResult(letters: [], skipped: [], withheld: 0)
            let queue = LetterRenderQueue(renderer: renderer, deliver: deliver, digests: digests)
            let cache = LetterFacts.Cache()
            // Register numbers are taken in the batch's order, each sender's following the last in its register.
            var sequences: [String: Int] = [:]
            var issued: [Int] = []
            var planned: [LetterIndex.Entry] = []
            let plan = { (composer: LetterComposer, reference: String, number: String?) in
                planned.append(LetterIndex.Entry(
                    fileName: Letter.fileName(reference: reference, kind: composer.letterKind, language: language, format: format.rawValue),
                    requestReference: reference, kind: composer.letterKind, number: number, sender: composer.sender!.id,
                    classification: composer.classification, sha256: nil))
            }
            // Assessments are composed in groups as they come, so the first letters render while
            // the rest of the world is still being assessed, and each group's facts take four reads.
            var waiting: [Assessment] = []
            var grouped = false
            let compose = {
                grouped = true
                try cache.preload(db, references: Self.batchCandidates(waiting), asOf: date)
                for a in waiting {
                    let spec = LetterSpec(reference: a.reference, language: language, format: format, date: date, clearance: clearance)
                    let composer: LetterComposer
                    switch try Self.batchChoice(db, a, spec, cache: cache, context: context) {
                    case .skip(let reason):
                        result.skipped.append(.init(reference: a.reference, reason: reason, classification: a.classification))
                        continue
                    case .letter(let chosen):
                        composer = chosen
                    }
                    guard clerk != nil else {
                        plan(composer, a.reference, nil)
                        queue.submit(composer, spec, number: nil)
                        continue
                    }
                    // A composer without a sender was refused above as missing one.
                    let sender = composer.sender!.id
                    let sequence = try sequences[sender].map { $0 + 1 } ?? Self.nextSequence(db, sender: sender, year: date.year)
                    sequences[sender] = sequence
                    issued.append(sequence)
                    let number = Self.registerNumber(sender: sender, year: date.year, sequence: sequence)
                    plan(composer, a.reference, number)
                    queue.submit(composer, spec, number: number)
                }
                waiting.removeAll(keepingCapacity: true)
            }
            do {
                // The first chunk is small, so the first letters render after a short read.
                try Self.forEachAssessmentInChunks(db, scope, context: context, first: 2 * Self.firstLetterGroup, size: Self.stallChunkSize) { assessment in
                    waiting.append(assessment)
                    if waiting.count == (grouped ? Self.letterGroup : Self.firstLetterGroup) { try compose() }
                }
                try compose()
                result.withheld = try Self.withheldCount(db, scope)
                restore()
                try composed(LetterIndex(date: date, issued: clerk != nil, entries: planned, skipped: result.skipped, withheld: result.withheld))
                planned = []
            } catch {
                throw queue.abandon() ?? error
            }
            result.letters = try queue.finish()
            if let clerk {
                for (letter, sequence) in zip(result.letters, issued) {
                    try Self.register(db, letter, sequence: sequence, by: clerk)
                }
            }
            try beforeCommit(result)
            return result
        }
        if clerk != nil { return try write(body) }
        return try read(body)
    }

    /// What a batch does for one stalled request: the letter it writes, or why it writes none.
    enum BatchChoice {
        case letter(LetterComposer)
        case skip(SkipReason)
    }

    /// The requests of `assessments` a batch may write a letter for, whose facts it reads.
    static func batchCandidates(_ assessments: [Assessment]) -> [String] {
        assessments.filter { $0.ballWith != .us && $0.recommendedStep != nil }.map(\.reference)
    }

    /// The recommended letter for `a`, unless the ball is with us, the next step is no letter,
    /// a fact the letter needs is missing, or the request was followed up within its interval
    /// (so two runs on one day issue once).
    static func batchChoice(
        _ db: Database, _ a: Assessment, _ spec: LetterSpec, cache: LetterFacts.Cache, context: StallContext
    ) throws -> BatchChoice {
        if a.ballWith == .us { return .skip(.ballWithUs(advice: a.nextStep)) }
        if a.recommendedStep == nil { return .skip(.noLetterStep(advice: a.nextStep)) }
        let composer = try Self.uncheckedComposer(db, spec, assessment: a, cache: cache)
        let missing = composer.missing()
        if !missing.isEmpty { return .skip(.cannotProduce(kind: composer.kind, reference: a.reference, missing: missing)) }
        let interval = try context.settings(composer.facts.request.channel).followUpDays
        if let earlier = Self.repeated(composer, on: spec.date, within: interval) {
            return .skip(.alreadyFollowedUp(
                kind: earlier.kind, number: earlier.reference.isEmpty ? nil : earlier.reference, date: earlier.date,
                interval: interval, due: earlier.date.adding(days: interval)))
        }
        return .letter(composer)
    }

    /// How many assessments are composed together: enough to make a read of their facts
    /// cheap per letter, few enough that the first letters render early.
    static let letterGroup = 256
    /// The first group is smaller, so the other cores have letters to render sooner.
    static let firstLetterGroup = 8

    /// The page cache of a batch's connection, in kibibytes: 64 MB, a fraction of a large store.
    static let letterBatchCache = 64 << 10
    /// Bytes of the database file a batch reads through a memory map.
    static let letterBatchMap = 1 << 30
}

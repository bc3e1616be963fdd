import GRDB

/// The next letter for every stalled request, composed in one transaction.
extension ComityStore {
    /// What a batch produced: the letters, and the stalled requests that got none, with why.
    public struct LetterBatchResult: Sendable {
        public var letters: [Letter]
        public var skipped: [LetterIndex.Skipped]
        /// Stalled requests above the clearance: counted, never named.
        public var withheld = 0
    }

    /// Composes the recommended next letter for every request stalled on `date` (optionally
    /// only those to `counterpart`), skipping requests where the ball is with us or a fact a
    /// letter needs is missing. Requests above `clearance` get no letter and are only counted.
    ///
    /// With `issuedBy`, the letters are issued into their registers, all in one transaction
    /// that `beforeCommit` can still abort (to write the files first); without, nothing is recorded.
    public func letterBatch(
        date: CalendarDate, counterpart: String?, language: LetterLanguage, format: DocumentKind, renderer: DocumentRenderer,
        clearance: Classification = .secret, issuedBy clerk: Clerk? = nil, beforeCommit: (LetterBatchResult) throws -> Void = { _ in }
    ) throws(ComityError) -> LetterBatchResult {
        let body = { (db: Database) throws -> LetterBatchResult in
            var stalled: [Assessment] = []
            let scope = StallScope(asOf: date, counterpart: counterpart, clearance: clearance)
            try Self.forEachAssessment(db, scope) { stalled.append($0) }
            var result = LetterBatchResult(letters: [], skipped: [], withheld: try Self.withheldCount(db, scope))
            let cache = LetterFacts.Cache()
            for a in stalled {
                if a.ballWith == .us {
                    result.skipped.append(.init(reference: a.reference, reason: "the ball is with us: \(a.nextStep)"))
                    continue
                }
                let spec = LetterSpec(reference: a.reference, language: language, format: format, date: date, clearance: clearance)
                let composer: LetterComposer
                do {
                    composer = try Self.composer(db, spec, assessment: a, cache: cache)
                } catch let failure as ValidationFailure {
                    result.skipped.append(.init(reference: a.reference, reason: failure.message))
                    continue
                }
                if let clerk {
                    result.letters.append(try Self.issue(db, spec, renderer: renderer, by: clerk, composer: composer))
                } else {
                    result.letters.append(try Self.render(composer, spec, number: nil, renderer: renderer))
                }
            }
            try beforeCommit(result)
            return result
        }
        if clerk != nil { return try write(body) }
        return try read(body)
    }
}

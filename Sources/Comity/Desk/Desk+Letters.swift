/// Follow-up letters: previews, issuing, batches and the register.
extension Desk {
    /// Renders a letter without recording anything. The spec's clearance is the desk's.
    public func previewLetter(_ spec: LetterSpec, renderer: DocumentRenderer) throws(ComityError) -> Letter {
        try requireLookingBack(spec.recordedBy)
        return try store.previewLetter(cleared(spec), renderer: renderer)
    }

    /// Issues letters in one transaction, all or none; `beforeCommit` can still abort it (to write files first).
    public func issueLetters(_ specs: [LetterSpec], renderer: DocumentRenderer, beforeCommit: ([Letter]) throws -> Void = { _ in }) throws(ComityError) -> [Letter] {
        try require(.issueLetters)
        return try store.issueLetters(specs.map(cleared), renderer: renderer, by: clerk, beforeCommit: beforeCommit)
    }

    /// The recommended next letter for every stalled request the clerk may see (see `ComityStore.letterBatch`).
    public func letterBatch(
        date: CalendarDate, counterpart: String?, language: LetterLanguage, format: DocumentKind, renderer: DocumentRenderer,
        issue: Bool, digests: Bool = true, deliver: (@Sendable (_ letter: Letter, _ index: Int) throws -> Void)? = nil,
        composed: (LetterIndex) throws -> Void = { _ in },
        beforeCommit: (LetterBatchResult) throws -> Void = { _ in }
    ) throws(ComityError) -> LetterBatchResult {
        if issue { try require(.issueLetters) }
        return try store.letterBatch(date: date, counterpart: counterpart, language: language, format: format, renderer: renderer,
                              clearance: clearance, issuedBy: issue ? clerk : nil, digests: digests, deliver: deliver, composed: composed,
                              beforeCommit: beforeCommit)
    }

    /// The kinds of letter a request takes: the steps of the escalation ladder for one we sent,
    /// the reply letters for one that came to us. A request above the clearance is refused.
    public func letterKinds(of reference: String) throws(ComityError) -> [LetterKind] {
        try store.letterKinds(of: reference, clearance: clearance)
    }

    /// The register of a request: letters above the clearance are left out and counted.
    public func letters(of reference: String) throws(ComityError) -> (shown: [LetterEntry], withheld: Int) {
        try store.letters(of: reference, clearance: clearance)
    }

    /// One issued letter exactly as issued; one above the clearance is refused by its number alone.
    public func letter(number: String) throws(ComityError) -> Letter {
        try store.letter(number: number, clearance: clearance)
    }

    private func cleared(_ spec: LetterSpec) -> LetterSpec {
        var spec = spec
        spec.clearance = min(spec.clearance, clearance)
        return spec
    }
}

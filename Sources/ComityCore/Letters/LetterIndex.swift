/// The index page of a batch of letters.
public struct LetterIndex: Sendable {
    public struct Skipped: Sendable {
        public var reference: String
        public var reason: SkipReason
        /// The request's classification, which the index's mark covers since it names the request.
        public var classification: Classification
        public init(reference: String, reason: SkipReason, classification: Classification) {
            self.reference = reference
            self.reason = reason
            self.classification = classification
        }
    }

    /// One letter of the batch, as the index lists it.
    public struct Entry: Sendable {
        public var fileName: String
        public var requestReference: String
        public var kind: LetterKind
        /// The register number; nil for a preview.
        public var number: String?
        public var sender: String
        public var classification: Classification
        /// The document's digest; nil for a letter listed before it is rendered, whose index
        /// then offers no `sha256`: such an index is only for a template that never names it.
        public var sha256: String?

        public init(fileName: String, requestReference: String, kind: LetterKind, number: String?, sender: String,
                    classification: Classification, sha256: String?) {
            self.fileName = fileName
            self.requestReference = requestReference
            self.kind = kind
            self.number = number
            self.sender = sender
            self.classification = classification
            self.sha256 = sha256
        }

        public init(_ letter: Letter) {
            self.init(fileName: letter.fileName, requestReference: letter.requestReference, kind: letter.kind, number: letter.number,
                      sender: letter.sender, classification: letter.classification, sha256: letter.sha256)
        }
    }

    public var date: CalendarDate
    public var issued: Bool
    public var letters: [Entry]
    public var skipped: [Skipped]
    /// Stalled requests above the reader's clearance: how many, never which.
    public var withheld: Int

    public init(date: CalendarDate, issued: Bool, entries: [Entry], skipped: [Skipped], withheld: Int = 0) {
        self.date = date
        self.withheld = withheld
        self.issued = issued
        self.letters = entries
        self.skipped = skipped
    }

    public init(date: CalendarDate, issued: Bool, letters: [Letter], skipped: [Skipped], withheld: Int = 0) {
        self.init(date: date, issued: issued, entries: letters.map(Entry.init), skipped: skipped, withheld: withheld)
    }

    /// The highest classification of everything the index names: its letters and the requests it skipped.
    public var classification: Classification {
        max(letters.map(\.classification).max() ?? .unclassified, skipped.map(\.classification).max() ?? .unclassified)
    }

    /// The values of the index page, in the batch's language: its words, dates, titles and mark from `phrases`.
    public func templateContext(phrases: Phrasebook) -> [String: TemplateValue] {
        [
            "lang": .text(phrases.language.rawValue),
            "words": phrases.index.context(date: phrases.date(date), count: letters.count, issued: issued, withheld: withheld),
            "date": .object(["iso": .text(date.iso), "text": .text(phrases.date(date))]),
            "issued": .flag(issued),
            "classification": .text(classification.rawValue),
            "mark": .text(phrases.mark(classification)),
            "count": .number(letters.count),
            "letters": .list(letters.map { l in
                var fields: [String: TemplateValue] = [
                    "file": .text(l.fileName), "reference": .text(l.requestReference), "kind": .text(phrases.title(l.kind)),
                    "number": .text(l.number ?? ""), "sender": .text(l.sender),
                ]
                if let sha256 = l.sha256 { fields["sha256"] = .text(sha256) }
                return .object(fields)
            }),
            "hasSkipped": .flag(!skipped.isEmpty),
            "hasWithheld": .flag(withheld > 0),
            "withheld": .number(withheld),
            "skipped": .list(skipped.map { .object(["reference": .text($0.reference), "reason": .text(phrases.index.reasons.text($0.reason, phrases))]) }),
        ]
    }
}

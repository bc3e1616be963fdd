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

    public var date: CalendarDate
    public var issued: Bool
    public var letters: [Letter]
    public var skipped: [Skipped]
    /// Stalled requests above the reader's clearance: how many, never which.
    public var withheld: Int

    public init(date: CalendarDate, issued: Bool, letters: [Letter], skipped: [Skipped], withheld: Int = 0) {
        self.date = date
        self.withheld = withheld
        self.issued = issued
        self.letters = letters
        self.skipped = skipped
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
                .object([
                    "file": .text(l.fileName), "reference": .text(l.requestReference), "kind": .text(phrases.title(l.kind)),
                    "number": .text(l.number ?? ""), "sender": .text(l.sender), "sha256": .text(l.sha256),
                ])
            }),
            "hasSkipped": .flag(!skipped.isEmpty),
            "hasWithheld": .flag(withheld > 0),
            "withheld": .number(withheld),
            "skipped": .list(skipped.map { .object(["reference": .text($0.reference), "reason": .text(phrases.index.reasons.text($0.reason, phrases))]) }),
        ]
    }
}

/// What letter to produce: for which request, of which kind, in which language and format, dated when.
public struct LetterSpec: Sendable {
    public var reference: String
    /// Nil: for a request we sent, the next step the stall engine recommends; for one that came
    /// to us, the reply letter its next step needs, else the letter of our latest reply.
    public var kind: LetterKind?
    public var language: LetterLanguage
    public var format: DocumentKind
    /// The letter's date; the clocks and the chronology are taken as of this day.
    public var date: CalendarDate
    /// The highest level the reader may see: a letter about a request above it is refused.
    public var clearance: Classification
    /// The authority whose head signs a ministerial letter (nil: the request's sending authority).
    public var signatory: String?
    /// The authority the letter goes to (nil: the form's usual addressee).
    public var addressee: String?
    /// A preview from only what had been recorded by the end of this day, with later corrections
    /// undone: the letter as it would have been drafted then. Never issued.
    public var recordedBy: CalendarDate?

    public init(reference: String, kind: LetterKind? = nil, language: LetterLanguage = .en, format: DocumentKind = .html,
                date: CalendarDate, clearance: Classification = .secret, recordedBy: CalendarDate? = nil,
                signatory: String? = nil, addressee: String? = nil) {
        self.recordedBy = recordedBy
        self.reference = reference
        self.signatory = signatory
        self.addressee = addressee
        self.clearance = clearance
        self.kind = kind
        self.language = language
        self.format = format
        self.date = date
    }
}

/// A rendered letter: a preview, or an issued letter with its register number.
public struct Letter: Codable, Sendable, Hashable {
    package init(number: String? = nil, requestReference: String, sender: String, kind: LetterKind, language: LetterLanguage, format: String, date: CalendarDate, classification: Classification, sha256: String, document: String) {
        self.number = number
        self.requestReference = requestReference
        self.sender = sender
        self.kind = kind
        self.language = language
        self.format = format
        self.date = date
        self.classification = classification
        self.sha256 = sha256
        self.document = document
    }

    /// The register number; nil for a preview.
    public var number: String?
    public var requestReference: String
    public var sender: String
    public var kind: LetterKind
    public var language: LetterLanguage
    public var format: String
    public var date: CalendarDate
    public var classification: Classification
    public var sha256: String
    public var document: String

    /// A file name for the letter: `JP-MHI-2011-001.note-verbale.en.html`.
    public var fileName: String {
        Self.fileName(reference: requestReference, kind: kind, language: language, format: format)
    }

    /// The file name of a letter of `kind` on the request `reference`, before it is rendered.
    public static func fileName(reference: String, kind: LetterKind, language: LetterLanguage, format: String) -> String {
        let safe = reference.map { "/\\:".contains($0) ? "_" : $0 }
        return "\(String(safe)).\(kind.rawValue).\(language.rawValue).\(format)"
    }
}

/// Registered letter summary (without the document) for listings.
public struct LetterEntry: Codable, Sendable, Hashable {
    package init(number: String, requestReference: String, sender: String, kind: LetterKind, language: LetterLanguage, format: String, date: CalendarDate, classification: Classification, sha256: String) {
        self.number = number
        self.requestReference = requestReference
        self.sender = sender
        self.kind = kind
        self.language = language
        self.format = format
        self.date = date
        self.classification = classification
        self.sha256 = sha256
    }

    public var number: String
    public var requestReference: String
    public var sender: String
    public var kind: LetterKind
    public var language: LetterLanguage
    public var format: String
    public var date: CalendarDate
    public var classification: Classification
    public var sha256: String
}

extension Letter {
    /// A register number: `JP-EMB-CN/2011/0001`.
    package static func registerNumber(sender: String, year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(sender)/\(year)/\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
    }
}

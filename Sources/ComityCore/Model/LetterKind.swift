/// What a letter is: a step on the escalation ladder, with which we chase a request we sent,
/// or a reply letter, with which we answer a request that came to us.
///
/// Stored and written as one raw value (`note-verbale`, `acknowledgement`): the two sets of
/// raw values do not overlap, so the register keeps the values it always had.
public enum LetterKind: Hashable, Sendable, CaseIterable, RawRepresentable, Codable, CustomStringConvertible {
    case escalation(EscalationStep)
    case reply(ReplyLetter)

    public init?(rawValue: String) {
        if let step = EscalationStep(rawValue: rawValue) {
            self = .escalation(step)
        } else if let letter = ReplyLetter(rawValue: rawValue) {
            self = .reply(letter)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .escalation(let step): return step.rawValue
        case .reply(let letter): return letter.rawValue
        }
    }

    // Shorthands, so a kind reads as it is written: `.noteVerbale`, `.refusal`.
    public static let reminder = Self.escalation(.reminder)
    public static let noteVerbale = Self.escalation(.noteVerbale)
    public static let aideMemoire = Self.escalation(.aideMemoire)
    public static let ministerial = Self.escalation(.ministerial)
    public static let talkingPoints = Self.escalation(.talkingPoints)
    public static let acknowledgement = Self.reply(.acknowledgement)
    public static let supplementRequest = Self.reply(.supplementRequest)
    public static let partialExecution = Self.reply(.partialExecution)
    public static let execution = Self.reply(.execution)
    public static let refusal = Self.reply(.refusal)

    public static let allCases: [LetterKind] = EscalationStep.allCases.map(Self.escalation) + ReplyLetter.allCases.map(Self.reply)

    /// The step, for a letter on the escalation ladder.
    public var escalation: EscalationStep? {
        if case .escalation(let step) = self { return step }
        return nil
    }

    /// The reply letter, for a letter that answers a request that came to us.
    public var reply: ReplyLetter? {
        if case .reply(let letter) = self { return letter }
        return nil
    }

    /// The English title: `Note verbale`, `Acknowledgement of receipt`.
    public var title: String {
        switch self {
        case .escalation(let step): return step.title
        case .reply(let letter): return letter.title
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let kind = LetterKind(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is no letter kind"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension ReplyLetter {
    /// The reply letter that puts a reply of `kind` on paper; nil for a reply with no letter form
    /// (a non-committal reply, an interim status report, a postponement, …).
    public init?(recording kind: ReplyKind) {
        guard let letter = ReplyLetter.allCases.first(where: { $0.replyKind == kind }) else { return nil }
        self = letter
    }
}

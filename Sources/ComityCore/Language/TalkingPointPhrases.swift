/// The sentences a talking point is assembled from (`talkingPoints` in a phrase file).
public struct TalkingPointPhrases: Sendable {
    /// Put between sentences: a space in English, nothing in Japanese or Chinese.
    let joiner: String
    let raise, quoted, nonCommittal, premiseRejected, acknowledged, otherReply, notAcknowledged: PhrasePattern
    let onlyReply, lastReply, noSubstantiveReply, weOweNextStep: String
    let replyKinds: [ReplyKind: String]
    let raised, responseRecorded, committed, commitmentBy: PhrasePattern
    let limitPassed, limitApproaching, limitation, preservation, askToExecute: PhrasePattern

    init(_ r: PhraseReader, oneCounts: Set<Int>) throws(PhraseProblem) {
        func p(_ key: String, _ slots: Set<String>) throws(PhraseProblem) -> PhrasePattern { try r.pattern("talkingPoints.\(key)", slots) }
        func t(_ key: String) throws(PhraseProblem) -> String { try r.text("talkingPoints.\(key)") }
        joiner = try r.text("talkingPoints.joiner", empty: true)
        raise = try p("raise", ["sent", "reference", "subject"])
        quoted = try p("quoted", ["summary"])
        onlyReply = try t("onlyReply")
        lastReply = try t("lastReply")
        nonCommittal = try p("nonCommittal", ["counterpart", "which", "date", "quoted", "silence"])
        premiseRejected = try p("premiseRejected", ["counterpart", "date", "quoted"])
        acknowledged = try p("acknowledged", ["counterpart", "date", "silence"])
        otherReply = try p("otherReply", ["counterpart", "which", "kind", "date", "quoted"])
        replyKinds = try r.table("talkingPoints.replyKinds", ReplyKind.self)
        notAcknowledged = try p("notAcknowledged", ["counterpart", "days"])
        noSubstantiveReply = try t("noSubstantiveReply")
        raised = try p("raised", ["raisedBy", "engagement", "date", "response"])
        responseRecorded = try p("responseRecorded", ["response"])
        committed = try p("committed", ["counterpart", "commitment", "by"])
        commitmentBy = try p("commitmentBy", ["date"])
        limitPassed = try p("limitPassed", ["date", "what"])
        limitApproaching = try p("limitApproaching", ["date", "what", "days"])
        limitation = try p("limitation", ["case"])
        preservation = try p("preservation", ["case"])
        weOweNextStep = try t("weOweNextStep")
        askToExecute = try p("askToExecute", ["authority", "counterpart"])
    }
}

/// The words of the letter index (`index` in a phrase file).
public struct LetterIndexPhrases: Sendable {
    let title, issued, drafts: PhrasePattern
    let letters, withheld: PhrasePlural
    let words: [String: String]
    /// Why a letter was not written.
    public let reasons: SkipReasonPhrases

    /// The column heads and labels of the index page, each a text key under `index`.
    static let wordKeys = ["request", "letter", "number", "sender", "draft", "notWritten"]

    init(_ r: PhraseReader, oneCounts: Set<Int>) throws(PhraseProblem) {
        title = try r.pattern("index.title", ["date"])
        issued = try r.pattern("index.issued", ["letters"])
        drafts = try r.pattern("index.drafts", ["letters"])
        letters = try r.plural("index.letters", oneCounts: oneCounts)
        withheld = try r.plural("index.withheld", oneCounts: oneCounts)
        var words: [String: String] = [:]
        for key in Self.wordKeys { words[key] = try r.text("index.\(key)") }
        self.words = words
        reasons = try SkipReasonPhrases(r)
    }

    /// The words of an index of `count` letters of `date` (already written), issued or not,
    /// `withheld` requests left out.
    func context(date: String, count: Int, issued isIssued: Bool, withheld: Int) -> TemplateValue {
        var fields = words.mapValues(TemplateValue.text)
        fields["title"] = .text(title.fill(["date": date]))
        fields["summary"] = .text((isIssued ? issued : drafts).fill(["letters": letters.text(count)]))
        fields["withheld"] = .text(self.withheld.text(withheld))
        return .object(fields)
    }
}

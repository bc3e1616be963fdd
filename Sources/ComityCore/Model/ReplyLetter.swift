/// A letter with which we answer a request that came to us, by what it tells the requesting
/// authority: that we have it, what more we need, what we have done, or why we will not.
public enum ReplyLetter: String, Codable, Sendable, CaseIterable {
    case acknowledgement
    case supplementRequest = "supplement-request"
    case partialExecution = "partial-execution"
    case execution
    case refusal

    /// The kind of reply the letter records when it is issued.
    public var replyKind: ReplyKind {
        switch self {
        case .acknowledgement: return .acknowledgement
        case .supplementRequest: return .supplementRequest
        case .partialExecution: return .partialResults
        case .execution: return .fullResults
        case .refusal: return .refusal
        }
    }

    public var title: String {
        switch self {
        case .acknowledgement: return "Acknowledgement of receipt"
        case .supplementRequest: return "Request for supplementary information"
        case .partialExecution: return "Partial execution"
        case .execution: return "Execution of the request"
        case .refusal: return "Refusal of assistance"
        }
    }

    /// The letter in a sentence fragment for a next step: "the acknowledgement letter".
    public var phrase: String {
        switch self {
        case .acknowledgement: return "the acknowledgement letter"
        case .supplementRequest: return "the supplement-request letter"
        case .partialExecution: return "the partial-execution letter"
        case .execution: return "the execution letter"
        case .refusal: return "the refusal letter, giving the treaty's grounds"
        }
    }
}

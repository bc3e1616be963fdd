/// What a counterpart's reply amounts to.
public enum ReplyKind: String, Codable, Sendable, CaseIterable {
    case acknowledgement
    case nonCommittal = "non-committal"
    case interimStatus = "interim-status"
    case supplementRequest = "supplement-request"
    case partialResults = "partial-results"
    case fullResults = "full-results"
    case postponement
    case conditionalOffer = "conditional-offer"
    case refusal
    case premiseRejected = "premise-rejected"

    /// Whether the reply moves the matter forward. Acknowledgements, non-committal
    /// answers ("will contact the relevant authorities") and rejections of the premise
    /// ("baseless", "not aware") do not.
    public var isSubstantive: Bool {
        switch self {
        case .acknowledgement, .nonCommittal, .premiseRejected: return false
        default: return true
        }
    }

    /// The state this reply obviously puts a request in, given where it stands.
    ///
    /// Returns nil when the reply changes nothing (an acknowledgement of a request
    /// already under execution, a rejection of the premise).
    public func impliedState(from current: RequestState) -> RequestState? {
        switch self {
        case .acknowledgement, .nonCommittal, .interimStatus:
            return current == .transmitted ? .acknowledged : nil
        case .premiseRejected: return nil
        case .supplementRequest: return .supplementRequested
        case .partialResults: return current == .partiallyExecuted ? nil : .partiallyExecuted
        case .fullResults: return .executed
        case .postponement: return .postponed
        case .conditionalOffer: return .conditionsProposed
        case .refusal: return .refused
        }
    }

    /// English phrase used in reports and letters.
    public var phrase: String {
        switch self {
        case .acknowledgement: return "acknowledgement"
        case .nonCommittal: return "non-committal reply"
        case .interimStatus: return "interim status report"
        case .supplementRequest: return "request for further information"
        case .partialResults: return "partial results"
        case .fullResults: return "full results"
        case .postponement: return "postponement"
        case .conditionalOffer: return "conditional offer"
        case .refusal: return "refusal"
        case .premiseRejected: return "rejection of the premise"
        }
    }
}

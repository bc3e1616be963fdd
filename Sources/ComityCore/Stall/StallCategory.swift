/// Why a request counts as stalled, in order of how much each says about the block.
public enum StallCategory: String, Codable, Sendable, CaseIterable, Comparable {
    /// A limitation date or preservation expiry has gone by: the request may no longer serve.
    case hardLimitPassed = "hard-limit-passed"
    case hardLimitApproaching = "hard-limit-approaching"
    case promiseBroken = "promise-broken"
    case premiseRejected = "premise-rejected"
    case nonCommittal = "non-committal"
    case supplementLoop = "supplement-loop"
    case postponed
    case noAcknowledgement = "no-acknowledgement"
    case acknowledgedOnly = "acknowledged-only"
    case veryOverdue = "very-overdue"
    case overdue

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var title: String {
        switch self {
        case .hardLimitPassed: return "Hard limit passed"
        case .hardLimitApproaching: return "Hard limit approaching"
        case .promiseBroken: return "Promise broken"
        case .premiseRejected: return "Premise rejected"
        case .nonCommittal: return "Non-committal"
        case .supplementLoop: return "Supplement loop (blocked on us)"
        case .postponed: return "Postponed"
        case .noAcknowledgement: return "No acknowledgement"
        case .acknowledgedOnly: return "Acknowledged only"
        case .veryOverdue: return "Very overdue"
        case .overdue: return "Overdue"
        }
    }
}

/// How urgently a stall needs attention.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    var raised: Severity {
        let all = Self.allCases
        return all[min(all.firstIndex(of: self)! + 1, all.count - 1)]
    }
}

/// Who must act next.
public enum BallHolder: String, Codable, Sendable {
    case them, us
}

/// Where a request stands. "Stalled" is never a state: it is computed from history and a date.
public enum RequestState: String, Codable, Sendable, CaseIterable {
    case drafted
    case inClearance = "in-clearance"
    case transmitted
    case acknowledged
    case underExecution = "under-execution"
    case partiallyExecuted = "partially-executed"
    case executed
    case supplementRequested = "supplement-requested"
    case conditionsProposed = "conditions-proposed"
    case postponed
    case returned
    case refused
    case withdrawn
    case lapsed

    /// States from which nothing more happens.
    public var isTerminal: Bool {
        switch self {
        case .executed, .refused, .withdrawn, .lapsed, .returned: return true
        default: return false
        }
    }

    public var isOpen: Bool { !isTerminal }

    /// The moves the domain allows from this state, in the order of the domain table.
    public var allowedMoves: [RequestState] {
        let forward: [RequestState]
        switch self {
        case .drafted: forward = [.inClearance]
        case .inClearance: forward = [.transmitted, .drafted]
        case .transmitted: forward = [.acknowledged, .returned, .refused]
        case .acknowledged: forward = [.underExecution, .supplementRequested, .postponed, .conditionsProposed, .refused]
        case .supplementRequested, .conditionsProposed, .postponed: forward = [.underExecution]
        case .underExecution: forward = [.partiallyExecuted, .executed, .refused]
        case .partiallyExecuted: forward = [.executed]
        case .executed, .refused, .withdrawn, .lapsed, .returned: return []
        }
        return forward + [.withdrawn, .lapsed]
    }

    public func canMove(to target: RequestState) -> Bool { allowedMoves.contains(target) }

    /// The shortest chain of allowed moves to `target` that passes only through the
    /// main line of progress (never through a terminal or side state on the way).
    ///
    /// A reply carrying results implies the earlier steps happened: full results on a
    /// transmitted request mean it was acknowledged and executed.
    public func path(to target: RequestState) -> [RequestState]? {
        if self == target { return [] }
        var previous: [RequestState: RequestState] = [:]
        var queue = [self]
        var index = 0
        while index < queue.count {
            let state = queue[index]
            index += 1
            for next in state.allowedMoves where previous[next] == nil && next != self {
                guard next == target || (next.isOpen && next.isMainLine) else { continue }
                previous[next] = state
                if next == target {
                    var chain = [target]
                    var cursor = state
                    while cursor != self {
                        chain.insert(cursor, at: 0)
                        cursor = previous[cursor]!
                    }
                    return chain
                }
                queue.append(next)
            }
        }
        return nil
    }

    private var isMainLine: Bool {
        switch self {
        case .transmitted, .acknowledged, .underExecution, .partiallyExecuted: return true
        default: return false
        }
    }
}

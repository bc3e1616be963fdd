/// A record with what belongs to it, as `--format json` and the web API give it: the same keys
/// wherever it is read.
public struct RequestDetail: Encodable, Sendable {
    public var request: Request
    /// Which way it goes: a request that came to us is `incoming`, and its replies are ours.
    public var direction: Direction
    public var replies: [Reply]
    public var allowedMoves: [RequestState]
    public var outcomes: [EngagementOutcome]?

    public init(request: Request, direction: Direction, replies: [Reply], allowedMoves: [RequestState], outcomes: [EngagementOutcome]?) {
        self.request = request
        self.direction = direction
        self.replies = replies
        self.allowedMoves = allowedMoves
        self.outcomes = outcomes
    }
}

public struct CaseDetail: Encodable, Sendable {
    public var `case`: Case
    public var requests: [Request]

    public init(case: Case, requests: [Request]) {
        self.case = `case`
        self.requests = requests
    }
}

public struct PartyDetail: Encodable, Sendable {
    public var party: Party
    public var authorities: [Authority]

    public init(party: Party, authorities: [Authority]) {
        self.party = party
        self.authorities = authorities
    }
}

extension Desk {
    /// A request, its replies, the moves its state allows and what came of it at engagements.
    public func requestDetail(_ reference: String) throws(ComityError) -> RequestDetail {
        let (request, replies) = try self.request(reference)
        let outcomes = try self.outcomes(of: reference)
        return RequestDetail(
            request: request, direction: try direction(of: request), replies: replies, allowedMoves: request.state.allowedMoves,
            outcomes: outcomes.isEmpty ? nil : outcomes)
    }
}

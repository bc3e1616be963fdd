import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The allowed-moves table of the domain brief (shared/domain.md, "Request states"), written
/// out by hand so the tests do not check `RequestState.allowedMoves` against itself.
enum DomainTable {
    /// All fourteen states, as the brief spells them.
    static let states = [
        "drafted", "in-clearance", "transmitted", "acknowledged", "under-execution", "partially-executed",
        "executed", "supplement-requested", "conditions-proposed", "postponed", "returned", "refused",
        "withdrawn", "lapsed",
    ]

    /// The table's rows, in the brief's order, before the moves every open state has.
    static let forward: [String: [String]] = [
        "drafted": ["in-clearance"],
        "in-clearance": ["transmitted", "drafted"],
        "transmitted": ["acknowledged", "returned", "refused"],
        "acknowledged": ["under-execution", "supplement-requested", "postponed", "conditions-proposed", "refused"],
        "supplement-requested": ["under-execution"],
        "conditions-proposed": ["under-execution"],
        "postponed": ["under-execution"],
        "under-execution": ["partially-executed", "executed", "refused"],
        "partially-executed": ["executed"],
    ]

    static let terminal: Set<String> = ["executed", "refused", "withdrawn", "lapsed", "returned"]

    /// "Any open state may also move to withdrawn or lapsed"; terminal states allow nothing.
    static func allowed(from: String) -> [String] {
        terminal.contains(from) ? [] : (forward[from] ?? []) + ["withdrawn", "lapsed"]
    }

    static func isAllowed(_ from: String, _ to: String) -> Bool { allowed(from: from).contains(to) }

    /// Every allowed (from, to) pair.
    static var allowedPairs: [(String, String)] {
        states.flatMap { from in allowed(from: from).map { (from, $0) } }
    }

    /// How a freshly drafted request reaches each state through allowed moves.
    static let route: [String: [String]] = [
        "drafted": [],
        "in-clearance": ["in-clearance"],
        "transmitted": ["in-clearance", "transmitted"],
        "acknowledged": ["in-clearance", "transmitted", "acknowledged"],
        "under-execution": ["in-clearance", "transmitted", "acknowledged", "under-execution"],
        "partially-executed": ["in-clearance", "transmitted", "acknowledged", "under-execution", "partially-executed"],
        "executed": ["in-clearance", "transmitted", "acknowledged", "under-execution", "executed"],
        "supplement-requested": ["in-clearance", "transmitted", "acknowledged", "supplement-requested"],
        "conditions-proposed": ["in-clearance", "transmitted", "acknowledged", "conditions-proposed"],
        "postponed": ["in-clearance", "transmitted", "acknowledged", "postponed"],
        "returned": ["in-clearance", "transmitted", "returned"],
        "refused": ["in-clearance", "transmitted", "refused"],
        "withdrawn": ["withdrawn"],
        "lapsed": ["lapsed"],
    ]

    /// The main line of progress that `path(to:)` may pass through on the way.
    static let mainLine: Set<String> = ["transmitted", "acknowledged", "under-execution", "partially-executed"]

    /// Length of the shortest chain from `from` to `to` through main-line states only, by breadth-first search.
    static func shortestPathLength(_ from: String, _ to: String) -> Int? {
        if from == to { return 0 }
        var seen: Set<String> = [from]
        var frontier = [from]
        var length = 0
        while !frontier.isEmpty {
            length += 1
            var next: [String] = []
            for state in frontier {
                for target in allowed(from: state) where !seen.contains(target) {
                    if target == to { return length }
                    if mainLine.contains(target) {
                        seen.insert(target)
                        next.append(target)
                    }
                }
            }
            frontier = next
        }
        return nil
    }

    static func state(_ raw: String) throws -> RequestState {
        try #require(RequestState(rawValue: raw), "no RequestState spelled '\(raw)'")
    }
}

@Suite("State machine")
struct StateMachineTests {
    @Test("the enum has exactly the fourteen states of the brief")
    func fourteenStates() {
        #expect(RequestState.allCases.count == 14)
        #expect(Set(RequestState.allCases.map(\.rawValue)) == Set(DomainTable.states))
    }

    @Test("every (from, to) pair is allowed or refused as in the domain table", arguments: DomainTable.states, DomainTable.states)
    func everyPair(from: String, to: String) throws {
        let source = try DomainTable.state(from)
        let target = try DomainTable.state(to)
        let expected = DomainTable.isAllowed(from, to)
        #expect(source.canMove(to: target) == expected, "\(from) → \(to) should be \(expected ? "allowed" : "refused")")
        #expect(source.allowedMoves.contains(target) == expected)
    }

    @Test("terminal states are exactly executed, refused, withdrawn, lapsed, returned", arguments: DomainTable.states)
    func terminality(raw: String) throws {
        let state = try DomainTable.state(raw)
        #expect(state.isTerminal == DomainTable.terminal.contains(raw))
        #expect(state.isOpen == !DomainTable.terminal.contains(raw))
        if state.isTerminal { #expect(state.allowedMoves.isEmpty) }
    }

    @Test("allowed moves are listed in the order of the domain table", arguments: DomainTable.states)
    func allowedMovesOrder(raw: String) throws {
        #expect(try DomainTable.state(raw).allowedMoves.map(\.rawValue) == DomainTable.allowed(from: raw))
    }

    // MARK: - path(to:)

    @Test("path(to:) to oneself is empty", arguments: DomainTable.states)
    func pathToSelf(raw: String) throws {
        let state = try DomainTable.state(raw)
        #expect(state.path(to: state) == [])
    }

    @Test("path(to:) is a shortest chain of allowed moves through the main line only", arguments: DomainTable.states, DomainTable.states)
    func pathIsShortestAndValid(from: String, to: String) throws {
        let source = try DomainTable.state(from)
        let target = try DomainTable.state(to)
        let path = source.path(to: target)
        let expectedLength = DomainTable.shortestPathLength(from, to)
        #expect(path?.count == expectedLength, "\(from) → \(to): \(path.map { $0.map(\.rawValue) } ?? [])")
        guard let path, !path.isEmpty else { return }
        #expect(path.last == target)
        var current = from
        for (index, step) in path.enumerated() {
            #expect(DomainTable.isAllowed(current, step.rawValue), "step \(current) → \(step.rawValue) is not in the table")
            if index < path.count - 1 {
                #expect(DomainTable.mainLine.contains(step.rawValue), "\(step.rawValue) is not on the main line")
            }
            current = step.rawValue
        }
    }

    @Test("path(to:) gives the expected chains")
    func pathExamples() {
        #expect(RequestState.acknowledged.path(to: .executed) == [.underExecution, .executed])
        #expect(RequestState.transmitted.path(to: .executed) == [.acknowledged, .underExecution, .executed])
        #expect(RequestState.transmitted.path(to: .refused) == [.refused])
        #expect(RequestState.transmitted.path(to: .supplementRequested) == [.acknowledged, .supplementRequested])
        #expect(RequestState.postponed.path(to: .executed) == [.underExecution, .executed])
        #expect(RequestState.supplementRequested.path(to: .partiallyExecuted) == [.underExecution, .partiallyExecuted])
        #expect(RequestState.partiallyExecuted.path(to: .refused) == nil)
        #expect(RequestState.underExecution.path(to: .postponed) == nil)
        #expect(RequestState.executed.path(to: .refused) == nil)
        #expect(RequestState.refused.path(to: .executed) == nil)
        // Clearance is not the main line: a reply cannot imply that a draft was sent.
        #expect(RequestState.drafted.path(to: .acknowledged) == nil)
    }

    // MARK: - Reply kinds

    @Test("substantive reply kinds are those of the brief", arguments: ReplyKind.allCases)
    func substantive(kind: ReplyKind) {
        let notSubstantive: Set<String> = ["acknowledgement", "non-committal", "premise-rejected"]
        #expect(kind.isSubstantive == !notSubstantive.contains(kind.rawValue))
    }

    @Test("reply kinds imply the obvious state")
    func impliedStates() {
        #expect(ReplyKind.acknowledgement.impliedState(from: .transmitted) == .acknowledged)
        #expect(ReplyKind.nonCommittal.impliedState(from: .transmitted) == .acknowledged)
        #expect(ReplyKind.interimStatus.impliedState(from: .transmitted) == .acknowledged)
        #expect(ReplyKind.acknowledgement.impliedState(from: .underExecution) == nil)
        #expect(ReplyKind.premiseRejected.impliedState(from: .transmitted) == nil)
        #expect(ReplyKind.premiseRejected.impliedState(from: .acknowledged) == nil)
        #expect(ReplyKind.fullResults.impliedState(from: .acknowledged) == .executed)
        #expect(ReplyKind.partialResults.impliedState(from: .underExecution) == .partiallyExecuted)
        #expect(ReplyKind.partialResults.impliedState(from: .partiallyExecuted) == nil)
        #expect(ReplyKind.refusal.impliedState(from: .acknowledged) == .refused)
        #expect(ReplyKind.supplementRequest.impliedState(from: .acknowledged) == .supplementRequested)
        #expect(ReplyKind.postponement.impliedState(from: .acknowledged) == .postponed)
        #expect(ReplyKind.conditionalOffer.impliedState(from: .acknowledged) == .conditionsProposed)
    }
}

@Suite("State machine through the store")
struct StoreMoveTests {
    @Test("every refused move throws invalidMove naming the state and the allowed moves, and changes nothing", arguments: DomainTable.states)
    func refusedMoves(from: String) throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            let ref = "R-\(from)"
            try Fixture.addRequest(ref, at: from, in: store)
            let before = try store.history(of: ref)
            for to in DomainTable.states where !DomainTable.isAllowed(from, to) {
                let source = try DomainTable.state(from)
                let target = try DomainTable.state(to)
                let error = #expect(throws: ComityError.self) {
                    try store.move(ref, to: target, on: Fixture.today, by: Fixture.sato)
                }
                guard let error else { continue }
                #expect(error == .invalidMove(reference: ref, from: source, to: target, hint: ""))
                #expect(error.category == .invalidMove)
                let text = error.description
                #expect(text.contains("cannot move from \(from) to \(to)"), "\(text)")
                let allowed = DomainTable.allowed(from: from)
                let list = allowed.isEmpty ? "none, \(from) is final" : allowed.joined(separator: ", ")
                #expect(text.contains("moves allowed from \(from): \(list)"), "\(text)")
            }
            #expect(try store.request(ref).state.rawValue == from)
            #expect(try store.history(of: ref) == before)
        }
    }

    @Test("every allowed move succeeds and is recorded in the history", arguments: DomainTable.states.filter { !DomainTable.terminal.contains($0) })
    func allowedMoves(from: String) throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            for to in DomainTable.allowed(from: from) {
                let ref = "R-\(from)-\(to)"
                try Fixture.addRequest(ref, at: from, in: store)
                try store.move(ref, to: try DomainTable.state(to), on: Fixture.today, note: "test move", by: Fixture.sato)
                #expect(try store.request(ref).state.rawValue == to)
                let last = try #require(try store.history(of: ref).last)
                #expect(last.action == .moved)
                #expect(last.fromState?.rawValue == from)
                #expect(last.toState?.rawValue == to)
                #expect(last.note == "test move")
                #expect(last.actor == "Sato")
            }
        }
    }

    /// A reply of `kind` to a request in `start`, and the moves it implies.
    struct ImpliedCase: Sendable, CustomTestStringConvertible {
        var start: String
        var kind: ReplyKind
        var moves: [String]
        var testDescription: String { "\(kind.rawValue) on \(start) → [\(moves.joined(separator: ", "))]" }
    }

    static let impliedCases: [ImpliedCase] = [
        .init(start: "transmitted", kind: .acknowledgement, moves: ["acknowledged"]),
        .init(start: "transmitted", kind: .nonCommittal, moves: ["acknowledged"]),
        .init(start: "transmitted", kind: .interimStatus, moves: ["acknowledged"]),
        .init(start: "acknowledged", kind: .fullResults, moves: ["under-execution", "executed"]),
        .init(start: "transmitted", kind: .fullResults, moves: ["acknowledged", "under-execution", "executed"]),
        .init(start: "partially-executed", kind: .fullResults, moves: ["executed"]),
        .init(start: "postponed", kind: .fullResults, moves: ["under-execution", "executed"]),
        .init(start: "acknowledged", kind: .partialResults, moves: ["under-execution", "partially-executed"]),
        .init(start: "supplement-requested", kind: .partialResults, moves: ["under-execution", "partially-executed"]),
        .init(start: "partially-executed", kind: .partialResults, moves: []),
        .init(start: "transmitted", kind: .refusal, moves: ["refused"]),
        .init(start: "acknowledged", kind: .refusal, moves: ["refused"]),
        .init(start: "under-execution", kind: .refusal, moves: ["refused"]),
        .init(start: "acknowledged", kind: .supplementRequest, moves: ["supplement-requested"]),
        .init(start: "transmitted", kind: .supplementRequest, moves: ["acknowledged", "supplement-requested"]),
        .init(start: "acknowledged", kind: .postponement, moves: ["postponed"]),
        .init(start: "acknowledged", kind: .conditionalOffer, moves: ["conditions-proposed"]),
        .init(start: "transmitted", kind: .premiseRejected, moves: []),
        .init(start: "acknowledged", kind: .premiseRejected, moves: []),
        .init(start: "under-execution", kind: .acknowledgement, moves: []),
    ]

    @Test("a reply moves the request where it obviously puts it, each step in the history", arguments: impliedCases)
    func impliedMoves(example: ImpliedCase) throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: example.start, in: store)
            let before = try store.history(of: "R1").count
            let result = try store.addReply(
                Reply(requestReference: "R1", date: Fixture.today, fromAuthority: "CN-MPS", kind: example.kind, summary: "a reply"),
                by: Fixture.sato)
            #expect(result.moves.map(\.rawValue) == example.moves)
            #expect(try store.request("R1").state.rawValue == (example.moves.last ?? example.start))
            let id = try #require(result.reply.id)
            #expect(try store.reply(id: id).kind == example.kind)
            #expect(try store.replies(to: "R1").count == 1)

            let added = Array(try store.history(of: "R1").dropFirst(before))
            #expect(added.count == 1 + example.moves.count)
            #expect(added.first?.action == .reply)
            #expect(added.first?.replyID == id)
            var from = example.start
            for (event, to) in zip(added.dropFirst(), example.moves) {
                #expect(event.action == .moved)
                #expect(event.fromState?.rawValue == from)
                #expect(event.toState?.rawValue == to)
                #expect(event.replyID == id)
                #expect(event.date == Fixture.today)
                from = to
            }
        }
    }

    @Test("full results on an acknowledged request: under-execution, then executed, both in the history")
    func fullResultsOnAcknowledged() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: "acknowledged", in: store)
            let result = try store.addReply(
                Reply(requestReference: "R1", date: Fixture.today, kind: .fullResults, summary: "logs provided"),
                by: Fixture.sato)
            #expect(result.moves == [.underExecution, .executed])
            #expect(try store.request("R1").state == .executed)
            let moves = try store.history(of: "R1").filter { $0.action == .moved }.suffix(2)
            #expect(moves.map(\.fromState) == [.acknowledged, .underExecution])
            #expect(moves.map(\.toState) == [.underExecution, .executed])
            #expect(moves.allSatisfy { $0.note.contains("full results") })
        }
    }

    @Test("keepState records the reply without moving the request")
    func keepState() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: "acknowledged", in: store)
            let result = try store.addReply(
                Reply(requestReference: "R1", date: Fixture.today, kind: .fullResults, summary: "results, to be checked"),
                keepState: true, by: Fixture.sato)
            #expect(result.moves.isEmpty)
            #expect(try store.request("R1").state == .acknowledged)
            #expect(try store.replies(to: "R1").map(\.kind) == [.fullResults])
            #expect(try store.history(of: "R1").last?.action == .reply)
        }
    }

    static let impossibleReplies: [(String, ReplyKind, String)] = [
        ("partially-executed", .refusal, "refused"),
        ("under-execution", .postponement, "postponed"),
        ("under-execution", .supplementRequest, "supplement-requested"),
        ("partially-executed", .conditionalOffer, "conditions-proposed"),
    ]

    @Test("a reply implying a refused move is not recorded at all, unless keepState", arguments: impossibleReplies)
    func impliedInvalidMove(start: String, kind: ReplyKind, target: String) throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: start, in: store)
            let history = try store.history(of: "R1")
            let reply = Reply(requestReference: "R1", date: Fixture.today, kind: kind, summary: "a reply")
            let error = #expect(throws: ComityError.self) { try store.addReply(reply, by: Fixture.sato) }
            guard case .invalidMove(let ref, let from, let to, let hint)? = error else {
                Issue.record("expected invalidMove, got \(String(describing: error))")
                return
            }
            #expect(ref == "R1")
            #expect(from.rawValue == start)
            #expect(to.rawValue == target)
            #expect(hint.contains("--keep-state"))
            #expect(try store.replies(to: "R1").isEmpty)
            #expect(try store.history(of: "R1") == history)
            #expect(try store.request("R1").state.rawValue == start)

            let kept = try store.addReply(reply, keepState: true, by: Fixture.sato)
            #expect(kept.moves.isEmpty)
            #expect(try store.replies(to: "R1").count == 1)
        }
    }
}

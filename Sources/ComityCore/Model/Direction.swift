/// Which way a request goes, seen from the desk's own state (`our-state`).
///
/// A desk sends requests from its state's authorities to another state's (`outgoing`), and
/// receives requests from another state's authorities to its own (`incoming`): on those the
/// clocks run against us, and the next step is ours.
public enum Direction: String, Sendable, Hashable, Codable {
    case outgoing, incoming

    /// The direction of a request from an authority of `from` to one of `to`, seen from
    /// `ourState`; nil when neither end is our state, or both are.
    public static func of(from: String, to: String, ourState: String) -> Direction? {
        switch (from == ourState, to == ourState) {
        case (true, false): return .outgoing
        case (false, true): return .incoming
        default: return nil
        }
    }
}

extension StoredSetting {
    /// The key of the desk's own state, stored for every channel as an upper-case ISO code.
    public static let ourStateKey = "our-state"

    /// The sentence for a command that needs the desk's state when none is recorded.
    package static let ourStateHint = "set it with 'comity settings set our-state CC' (the ISO code of the state whose desk this is, e.g. JP)"
}

extension RequestState {
    /// The state's name as the desk says it for a request going `direction`: a request that came
    /// to us is "received" where one we sent is "transmitted", and "under-assessment" once we
    /// have acknowledged it. The stored value is the same both ways.
    public func name(for direction: Direction) -> String {
        switch (self, direction) {
        case (.transmitted, .incoming): return "received"
        case (.acknowledged, .incoming): return "under-assessment"
        default: return rawValue
        }
    }

    /// A state by its stored value, or by its name for a request that came to us
    /// (`received`, `under-assessment`), or fails with a sentence listing the accepted ones.
    public static func parseEitherWay(_ text: String, field: String) throws(ValidationFailure) -> RequestState {
        for state in [RequestState.transmitted, .acknowledged] where state.name(for: .incoming) == text.lowercased() { return state }
        return try parse(text, field: field)
    }
}

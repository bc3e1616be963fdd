/// Which way a request goes, seen from the desk's own state (`our-state`).
///
/// A desk sends requests from its state's authorities to another state's (`outgoing`). Requests
/// that come to the desk (`incoming`) are named here so the model has room for them; no command
/// records one yet, so the rules refuse them with the reason.
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

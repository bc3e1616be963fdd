import GRDB

/// Which way requests go, seen from the desk's state.
extension Desk {
    /// Whether a request came to us (`incoming`) or goes out from us: the authority it went to
    /// is one of the desk's state's, or not. With no state recorded, every request goes out.
    public func direction(of request: Request) throws(ComityError) -> Direction {
        try store.read { db in try ComityStore.direction(db, of: request) }
    }

    /// The references, among `requests`, of those that came to us.
    public func incoming(among requests: [Request]) throws(ComityError) -> Set<String> {
        try store.read { db in
            guard let ours = try ComityStore.ourState(db) else { return [] }
            // Our authorities, read once: a request came to us when it went to one of them.
            let mine = Set(try String.fetchAll(db, sql: "SELECT id FROM authority WHERE party = ?", arguments: [ours]))
            return Set(requests.lazy.filter { mine.contains($0.toAuthority) }.map(\.reference))
        }
    }
}

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
            var found: Set<String> = []
            for request in requests where try ComityStore.direction(db, of: request) == .incoming { found.insert(request.reference) }
            return found
        }
    }
}

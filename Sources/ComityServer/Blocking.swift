import NIOPosix

/// Runs the library's blocking work (SQLite, bcrypt, rendering) on the thread pool, off the
/// event loops that read and write connections.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}

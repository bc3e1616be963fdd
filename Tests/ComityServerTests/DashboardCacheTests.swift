import Comity
@testable import ComityServer
import Synchronization
import Testing

/// The dashboard's report is computed once for everyone asking together, again only when the
/// history has moved on, and never older than what the person asking has seen.
@Suite("dashboard cache")
struct DashboardCacheTests {
    static let key = DashboardCache.Key(clearance: .secret, today: try! CalendarDate(iso: "2022-01-10"))

    /// A computation that counts its runs and labels its board with the version it was given.
    final class Counter: Sendable {
        let runs = Mutex(0)
        let version = Mutex<Int64>(0)

        func compute() async throws -> DashboardCache.Computed {
            let run = runs.withLock { $0 += 1; return $0 }
            try await Task.sleep(for: .milliseconds(20))
            return .init(version: version.withLock { $0 }, board: .init(values: ["run": run], mark: .unclassified))
        }
    }

    @Test("twenty people asking at once share one computation; asking again with nothing changed computes nothing")
    func shared() async throws {
        let cache = DashboardCache()
        let counter = Counter()
        counter.version.withLock { $0 = 7 }
        let runs = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { try await cache.board(for: Self.key, version: 7) { try await counter.compute() }.values["run"] as! Int }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        // The first asker starts one; those who came while it ran queue one more, which finds
        // the first's board already holds version 7 and computes nothing.
        #expect(counter.runs.withLock { $0 } == 1)
        #expect(runs == [1])
        let before = counter.runs.withLock { $0 }
        _ = try await cache.board(for: Self.key, version: 7) { try await counter.compute() }
        #expect(counter.runs.withLock { $0 } == before)
    }

    @Test("a newer history event computes the report again; another clearance has its own")
    func newer() async throws {
        let cache = DashboardCache()
        let counter = Counter()
        counter.version.withLock { $0 = 3 }
        let first = try await cache.board(for: Self.key, version: 3) { try await counter.compute() }
        counter.version.withLock { $0 = 4 }
        let second = try await cache.board(for: Self.key, version: 4) { try await counter.compute() }
        #expect(first.values["run"] as? Int == 1)
        #expect(second.values["run"] as? Int == 2)
        let other = DashboardCache.Key(clearance: .restricted, today: Self.key.today)
        let third = try await cache.board(for: other, version: 4) { try await counter.compute() }
        #expect(third.values["run"] as? Int == 3)
    }

    @Test("others' changes: the kept board at once, the next computed behind it; one's own change: never an older board")
    func ownChanges() async throws {
        let cache = DashboardCache()
        let counter = Counter()
        counter.version.withLock { $0 = 5 }
        let first = try await cache.board(for: Self.key, required: 0, newest: 5) { try await counter.compute() }
        #expect(first.values["run"] as? Int == 1)
        // Someone else changed something (event 6): the kept board comes back at once…
        counter.version.withLock { $0 = 6 }
        let stale = try await cache.board(for: Self.key, required: 0, newest: 6) { try await counter.compute() }
        #expect(stale.values["run"] as? Int == 1)
        // …and the next one is computed behind it; the person whose own change is event 6 waits for it.
        let own = try await cache.board(for: Self.key, required: 6, newest: 6) { try await counter.compute() }
        #expect(own.values["run"] as? Int == 2)
        #expect(counter.runs.withLock { $0 } == 2)
    }
}

import Comity

/// The dashboard's stall report, computed once for everyone who needs it at the same time.
///
/// The whole stall report is the dashboard's cost (the 100k world's takes over a second,
/// holding the store), and every signed-in person asking for it computed it afresh. Here a
/// report is kept for each clearance and day, labelled with the newest history event it had
/// read: a person whose newest event is no newer gets the kept one at once. Otherwise the
/// person waits for a computation that starts after they asked (so it holds every change
/// committed before), and everyone else who asks meanwhile shares that one computation: at
/// most one runs, and one more waits, for each clearance and day.
///
/// Every change that can move a stall finding is recorded in the history, so the newest
/// event's id says whether anything changed.
actor DashboardCache {
    /// Whose report: the clearance decides what it holds, the day what it finds.
    struct Key: Hashable, Sendable {
        var clearance: Classification
        var today: CalendarDate
    }

    /// A report's page values and mark, computed once and only read afterwards.
    final class Board: @unchecked Sendable {
        let values: [String: Any]
        let mark: Classification

        init(values: [String: Any], mark: Classification) {
            self.values = values
            self.mark = mark
        }
    }

    /// A computation's result: the board and the newest event id read before it began.
    struct Computed: Sendable {
        var version: Int64
        var board: Board
    }

    typealias Compute = @Sendable () async throws -> Computed

    private var kept: [Key: Computed] = [:]
    private var running: [Key: Task<Computed, any Error>] = [:]
    private var waiting: [Key: Task<Computed, any Error>] = [:]
    /// The newest version anyone waiting needs.
    private var needed: [Key: Int64] = [:]

    /// A board for `key` that holds every change up to event `required` (the person's own last
    /// change): the kept one at once if it does, however many changes of others it lacks; a
    /// board lacking some of the `newest` is then computed again in the background, for the
    /// next person. Under a steady stream of changes the dashboard so lags others' changes by
    /// at most one computation, never the person's own.
    func board(for key: Key, required: Int64, newest: Int64, compute: @escaping Compute) async throws -> Board {
        guard let kept = kept[key], kept.version >= required else {
            return try await board(for: key, version: max(required, newest), compute: compute)
        }
        if kept.version < newest, running[key] == nil, waiting[key] == nil {
            needed[key] = max(needed[key] ?? .min, newest)
            running[key] = Task { try await self.run(key, compute, queued: false) }
        }
        return kept.board
    }

    /// The board for `key` that holds every change up to event `version`.
    func board(for key: Key, version: Int64, compute: @escaping Compute) async throws -> Board {
        if let kept = kept[key], kept.version >= version { return kept.board }
        needed[key] = max(needed[key] ?? .min, version)
        let task: Task<Computed, any Error>
        if let queued = waiting[key] {
            task = queued
        } else if let current = running[key] {
            // The running computation may have begun before this person's change: wait for
            // it, then start the next one, which everyone asking meanwhile shares.
            task = Task {
                _ = try? await current.value
                return try await self.run(key, compute, queued: true)
            }
            waiting[key] = task
        } else {
            task = Task { try await self.run(key, compute, queued: false) }
            running[key] = task
        }
        return try await task.value.board
    }

    /// Computes the board; a `queued` computation moves from waiting to running as it starts.
    private func run(_ key: Key, _ compute: Compute, queued: Bool) async throws -> Computed {
        if queued, let task = waiting.removeValue(forKey: key) { running[key] = task }
        let version = needed.removeValue(forKey: key) ?? .min
        // The computation just finished may already hold what everyone waiting needs.
        if let kept = kept[key], kept.version >= version {
            running[key] = nil
            return kept
        }
        defer { running[key] = nil }
        let computed = try await compute()
        // Only today's boards are kept: yesterday's are never asked for again.
        kept = kept.filter { $0.key.today == key.today }
        if computed.version >= kept[key]?.version ?? .min { kept[key] = computed }
        return computed
    }
}
